/**
 * FHIR over HTTP: `POST /api/fhir` imports a Bundle — a `transaction` all or nothing (a
 * `transaction-response`, or one OperationOutcome and nothing written), a `batch` (or
 * `collection`) entry by entry with an OperationOutcome per refused entry (see ./execute.ts); `GET /api/patients/{id}/fhir` exports a patient as a
 * Bundle with BCLC / CNLC stage observations; `GET /api/fhir/$export` and `POST /api/fhir/$import`
 * move cohorts as FHIR Bulk Data NDJSON (synchronously: one response, one resource per line).
 */
import type { Bundle, BundleEntry } from "@medplum/fhirtypes";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type PatientData, patientBundle, patientResources, type Rec } from "../../fhir/export.js";
import { type EntryPlan, issue, outcome, planBundle, planResource } from "../../fhir/import.js";
import { loadPatientSources } from "../../registry/load.js";
import { newestDataDate, stageAt } from "../../registry/stage.js";
import { appendAudit } from "../../store/audit.js";
import { shiftDate } from "../../store/deidentify.js";
import { ENTITIES, type EntitySpec } from "../../store/entities.js";
import { dateShiftOf, type EntityRecord, getRecord, listRecords } from "../../store/records.js";
import { present } from "../api/entities.js";
import { patientParam, researchSources, researchView } from "../api/research-view.js";
import { errorSchema, idParams } from "../api/schemas.js";
import { actorOf, deidentified, requireRole, type ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { type EntryResult, executePlan } from "./execute.js";

const IMPORT_LIMIT = 50 * 1024 * 1024;

async function patientData(deps: ServerDeps, request: FastifyRequest, id: string): Promise<PatientData> {
  const { db } = deps.store;
  const patient = await getRecord(db, ENTITIES.patient, id);
  if (!patient) throw new ApiError("not-found", `no patient ${id}`);
  const list = async (spec: EntitySpec): Promise<Rec[]> => {
    const rows = await listRecords(db, spec, { patientId: id, limit: 1000 });
    return Promise.all(rows.map((r: EntityRecord) => present(deps, request, spec, r)));
  };
  // The one stage function (src/registry) at the date of the newest data, as the API assesses
  // by default: the export's CancerStage equals the patient list's and page's stage. Researchers
  // get their de-identified derivation (research-view.ts), dated in shifted time.
  const researcher = deidentified(request);
  const stored = await loadPatientSources(db, id);
  const asOf = stored ? newestDataDate(stored) : null;
  const research = researcher ? researchSources(await researchView(deps)) : undefined;
  const staged =
    stored && asOf
      ? stageAt(research ? { ...stored, ...research(stored, asOf) } : stored, asOf, deps.validity).stage
      : undefined;
  return {
    patient: await present(deps, request, ENTITIES.patient, patient),
    observations: await list(ENTITIES.observation),
    tumours: await list(ENTITIES.tumour),
    imaging: await list(ENTITIES.imaging),
    procedures: await list(ENTITIES.procedure),
    systemicTherapies: await list(ENTITIES.systemicTherapy),
    outcomes: await list(ENTITIES.outcome),
    ...(staged
      ? {
          stages: {
            asOf: researcher ? shiftDate(staged.asOf, (await dateShiftOf(db, id)) ?? 0) : staged.asOf,
            bclc: staged.bclc.stage,
            cnlc: staged.cnlc.stage,
          },
        }
      : {}),
  };
}

function responseEntry(r: EntryResult): BundleEntry {
  return {
    response: {
      status: r.status,
      ...(r.location ? { location: r.location } : {}),
      ...(r.outcome ? { outcome: r.outcome } : {}),
    },
  };
}

export async function fhirRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  app.addContentTypeParser(
    "application/fhir+json",
    { parseAs: "string", bodyLimit: IMPORT_LIMIT },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch (e) {
        done(e instanceof Error ? e : new Error("invalid JSON"), undefined);
      }
    },
  );
  app.addContentTypeParser(
    ["application/fhir+ndjson", "application/x-ndjson", "application/ndjson"],
    { parseAs: "string", bodyLimit: IMPORT_LIMIT },
    (_req, body, done) => done(null, String(body)),
  );

  app.post<{ Body: unknown }>(
    "/api/fhir",
    {
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags: ["fhir"],
        summary:
          "Import a FHIR R4 Bundle; valid resources are kept, each invalid one gets an OperationOutcome",
        response: { 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "admin");
      const plan = planBundle(request.body);
      if (plan.fatal) return reply.code(400).type("application/fhir+json").send(plan.fatal);
      const processing = plan.type === "transaction" ? "transaction" : "batch";
      const result = await executePlan(deps.store, plan.entries, actorOf(request), processing);
      if (result.status === "failed") {
        await appendAudit(deps.store.db, actorOf(request), {
          action: "import",
          entity: "Bundle",
          outcome: "failure",
          detail: `transaction of ${plan.entries.length} entries rolled back`,
        });
        return reply.code(result.httpStatus).type("application/fhir+json").send(result.outcome);
      }
      const kept = result.entries.filter((r) => r.status.startsWith("2")).length;
      await appendAudit(deps.store.db, actorOf(request), {
        action: "import",
        entity: "Bundle",
        detail: `${kept} of ${result.entries.length} entries kept (${processing})`,
      });
      const response: Bundle = {
        resourceType: "Bundle",
        type: processing === "transaction" ? "transaction-response" : "batch-response",
        entry: result.entries.map(responseEntry),
      };
      return reply.type("application/fhir+json").send(response);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/patients/:id/fhir",
    {
      schema: {
        tags: ["fhir"],
        summary: "Export a patient as a FHIR Bundle (mCODE-style), with BCLC and CNLC stage observations",
        params: idParams,
        response: { 401: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "researcher", "admin");
      const id = await patientParam(deps, request, request.params.id);
      const data = await patientData(deps, request, id);
      await appendAudit(deps.store.db, actorOf(request), {
        action: "export",
        entity: "patient",
        entityId: id,
        patientId: id,
      });
      return reply.type("application/fhir+json").send(patientBundle(data, new Date().toISOString()));
    },
  );

  app.get<{ Querystring: { _type?: string } }>(
    "/api/fhir/$export",
    {
      schema: {
        tags: ["fhir"],
        summary: "Bulk export of every patient as FHIR NDJSON (one resource per line)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { _type: { type: "string", pattern: "^[A-Za-z]+(,[A-Za-z]+)*$" } },
        },
        response: { 401: errorSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "researcher", "admin");
      const types = request.query._type ? new Set(request.query._type.split(",")) : undefined;
      const ids = await deps.store.db.selectFrom("patients").select("id").orderBy("created_at").execute();
      const lines: string[] = [];
      for (const { id } of ids) {
        for (const r of patientResources(await patientData(deps, request, id))) {
          if (!types || types.has(r.resourceType)) lines.push(JSON.stringify(r));
        }
      }
      await appendAudit(deps.store.db, actorOf(request), {
        action: "export",
        entity: "cohort",
        detail: `${ids.length} patients, ${lines.length} resources`,
      });
      return reply.type("application/fhir+ndjson").send(lines.length > 0 ? `${lines.join("\n")}\n` : "");
    },
  );

  app.post<{ Body: string }>(
    "/api/fhir/$import",
    {
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags: ["fhir"],
        summary:
          "Bulk import of FHIR NDJSON (application/fhir+ndjson); an OperationOutcome per rejected line",
        response: { 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "admin");
      if (typeof request.body !== "string") {
        throw new ApiError("unsupported-media-type", "send application/fhir+ndjson");
      }
      const entries: EntryPlan[] = request.body
        .split("\n")
        .map((line, i) => ({ line: line.trim(), i }))
        .filter(({ line }) => line.length > 0)
        .map(({ line, i }) => {
          let resource: unknown;
          try {
            resource = JSON.parse(line);
          } catch {
            return {
              index: i,
              kind: "error",
              outcome: outcome([issue("structure", `line ${i + 1} is not JSON`)]),
            };
          }
          const r = resource as { resourceType?: unknown; id?: unknown };
          const fullUrl = typeof r.id === "string" ? `urn:uuid:${r.id}` : undefined;
          return planResource(i, fullUrl ? { fullUrl } : {}, resource);
        });
      const result = await executePlan(deps.store, entries, actorOf(request), "batch");
      const results = result.status === "ok" ? result.entries : [];
      const kept = results.filter((r) => r.status.startsWith("2")).length;
      await appendAudit(deps.store.db, actorOf(request), {
        action: "import",
        entity: "cohort",
        detail: `${kept} of ${results.length} lines kept`,
      });
      const issues = results
        .filter((r) => r.outcome)
        .flatMap((r) =>
          (r.outcome?.issue ?? []).map((x) => ({
            ...x,
            diagnostics: `line ${r.index + 1}: ${x.diagnostics ?? ""}`,
          })),
        );
      return reply
        .type("application/fhir+json")
        .send(
          outcome([
            issue(
              "informational",
              `${kept} of ${results.length} resources imported`,
              undefined,
              "information",
            ),
            ...issues,
          ]),
        );
    },
  );
}
