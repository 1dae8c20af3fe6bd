/**
 * FHIR over HTTP: `POST /api/fhir` imports a Bundle — a `transaction` all or nothing (a
 * `transaction-response`, or one OperationOutcome and nothing written), a `batch` (or
 * `collection`) entry by entry with an OperationOutcome per refused entry (see ./execute.ts); `GET /api/patients/{id}/fhir` exports a patient as a
 * Bundle with BCLC / CNLC stage observations; `GET /api/fhir/$export` and `POST /api/fhir/$import`
 * move cohorts as FHIR Bulk Data NDJSON (synchronously: one response, one resource per line).
 */
import type { Bundle, BundleEntry } from "@medplum/fhirtypes";
import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  type PatientData,
  patientBundle,
  patientResource,
  patientResources,
  type Rec,
  type StageAt,
  searchsetPage,
} from "../../fhir/export.js";
import { type EntryPlan, issue, outcome, planBundle, planContext, planResource } from "../../fhir/import.js";
import { appendAudit } from "../../store/audit.js";
import { shiftDate } from "../../store/deidentify.js";
import { ENTITIES, type EntitySpec } from "../../store/entities.js";
import { countRecords, dateShiftOf, type EntityRecord, getRecord, listRecords } from "../../store/records.js";
import { DEFAULT_WINDOW_DAYS, deriveCase } from "../api/derive-case.js";
import { present } from "../api/entities.js";
import { stagesOf } from "../api/registry.js";
import { patientParam, researchSources, researchView } from "../api/research-view.js";
import { idParams } from "../api/schemas.js";
import { actorOf, deidentified, requireRole, type ServerDeps } from "../context.js";
import { ApiError, toHttpError } from "../errors.js";
import { capabilityStatement } from "./capability.js";
import { type EntryResult, executePlan } from "./execute.js";
import { outcomeOfHttpError, outcomeSchema } from "./outcome.js";

const IMPORT_LIMIT = 50 * 1024 * 1024;
/** Records read per query when exporting. */
const PAGE = 1000;

/** Every record of a kind for one patient, page by page (no silent cap). */
async function allRecords(deps: ServerDeps, spec: EntitySpec, patientId: string): Promise<EntityRecord[]> {
  const out: EntityRecord[] = [];
  for (;;) {
    const page = await listRecords(deps.store.db, spec, { patientId, limit: PAGE, offset: out.length });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/**
 * The stages of every staged assessment: one per imaging study (the time points at which the
 * tumour burden is known), each derived as the assessment derives it as of that day (labs in its
 * window), whatever the study's age. Researchers' dates are shifted as the rest of their view.
 */
async function stageHistory(
  deps: ServerDeps,
  request: FastifyRequest,
  id: string,
  studyDates: readonly string[],
): Promise<StageAt[]> {
  const researcher = deidentified(request);
  const view = researcher ? researchSources(await researchView(deps)) : undefined;
  const shift = researcher ? ((await dateShiftOf(deps.store.db, id)) ?? 0) : 0;
  const out: StageAt[] = [];
  for (const asOf of [...new Set(studyDates)].sort()) {
    const derived = await deriveCase(deps.store.db, id, asOf, DEFAULT_WINDOW_DAYS, view);
    if (!derived) continue;
    const { bclcStage, cnlcStage } = stagesOf(derived.case);
    if (bclcStage || cnlcStage) {
      out.push({ asOf: researcher ? shiftDate(asOf, shift) : asOf, bclc: bclcStage, cnlc: cnlcStage });
    }
  }
  return out;
}

async function patientData(deps: ServerDeps, request: FastifyRequest, id: string): Promise<PatientData> {
  const { db } = deps.store;
  const patient = await getRecord(db, ENTITIES.patient, id);
  if (!patient) throw new ApiError("not-found", `no patient ${id}`);
  const list = async (spec: EntitySpec): Promise<Rec[]> => {
    const rows = await allRecords(deps, spec, id);
    return Promise.all(rows.map((r: EntityRecord) => present(deps, request, spec, r)));
  };
  const imagingRows = await allRecords(deps, ENTITIES.imaging, id);
  const studyDates = imagingRows.map((r) => r.studyDate).filter((d): d is string => typeof d === "string");
  return {
    patient: await present(deps, request, ENTITIES.patient, patient),
    observations: await list(ENTITIES.observation),
    tumours: await list(ENTITIES.tumour),
    imaging: await Promise.all(imagingRows.map((r) => present(deps, request, ENTITIES.imaging, r))),
    procedures: await list(ENTITIES.procedure),
    systemicTherapies: await list(ENTITIES.systemicTherapy),
    outcomes: await list(ENTITIES.outcome),
    stages: await stageHistory(deps, request, id, studyDates),
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
  // Every error of a FHIR route is an OperationOutcome (same status as the rest of the API).
  app.setErrorHandler((error, request, reply) => {
    const http = toHttpError(error);
    if (http.unexpected) request.log.error({ err: error }, "unexpected error");
    if (http.status === 401) reply.header("www-authenticate", 'Bearer realm="hepatica"');
    return reply.code(http.status).type("application/fhir+json").send(outcomeOfHttpError(http));
  });
  // The FHIR base (and its /fhir alias): the CapabilityStatement, and 404 as OperationOutcome.
  for (const prefix of ["/api/fhir", "/fhir"]) {
    await app.register(
      async (base) => {
        base.setNotFoundHandler((request, reply) =>
          reply
            .code(404)
            .type("application/fhir+json")
            .send(
              outcome([issue("not-found", `no FHIR resource or operation at ${request.url.split("?")[0]}`)]),
            ),
        );
        base.get(
          "/metadata",
          {
            config: { public: true },
            schema: {
              tags: ["fhir"],
              summary: "The server's FHIR R4 CapabilityStatement (public, as FHIR requires)",
              security: [],
            },
          },
          async (_request, reply) => reply.type("application/fhir+json").send(capabilityStatement()),
        );
      },
      { prefix },
    );
  }
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
        response: { 401: outcomeSchema, 403: outcomeSchema },
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

  app.get<{ Querystring: { _count?: string; _offset?: string } }>(
    "/api/fhir/Patient",
    {
      schema: {
        tags: ["fhir"],
        summary: "Search patients as FHIR: a searchset page with Bundle.link next (no silent cap)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            _count: { type: "string", pattern: "^[0-9]{1,4}$", description: "1..1000 (default 100)" },
            _offset: { type: "string", pattern: "^[0-9]{1,9}$" },
          },
        },
        response: { 401: outcomeSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "researcher", "admin");
      const count = Number(request.query._count ?? 100);
      const offset = Number(request.query._offset ?? 0);
      if (count < 1 || count > PAGE) {
        throw new ApiError("invalid-input", `_count must be 1..${PAGE}`, [
          { path: "querystring._count", code: "out-of-range", message: `_count must be 1..${PAGE}` },
        ]);
      }
      const rows = await listRecords(deps.store.db, ENTITIES.patient, { limit: count, offset });
      const total = await countRecords(deps.store.db, ENTITIES.patient);
      const patients = await Promise.all(rows.map((r) => present(deps, request, ENTITIES.patient, r)));
      await appendAudit(deps.store.db, actorOf(request), {
        action: "read",
        entity: "patient",
        detail: `FHIR Patient search, ${patients.length} of ${total} from ${offset}`,
      });
      return reply.type("application/fhir+json").send(
        searchsetPage(
          patients.map((p) => patientResource(p, undefined)),
          { url: request.url, offset, count, total },
        ),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/patients/:id/fhir",
    {
      schema: {
        tags: ["fhir"],
        summary: "Export a patient as a FHIR Bundle (mCODE-style), with BCLC and CNLC stage observations",
        params: idParams,
        response: { 401: outcomeSchema, 404: outcomeSchema },
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
        response: { 401: outcomeSchema },
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
        patientIds: ids.map((r) => r.id),
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
        response: { 401: outcomeSchema, 403: outcomeSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "admin");
      if (typeof request.body !== "string") {
        throw new ApiError("unsupported-media-type", "send application/fhir+ndjson");
      }
      const lines = request.body
        .split("\n")
        .map((line, i) => ({ line: line.trim(), i }))
        .filter(({ line }) => line.length > 0)
        .map(({ line, i }) => {
          try {
            const resource = JSON.parse(line) as unknown;
            const id = (resource as { id?: unknown } | null)?.id;
            return { i, resource, entry: typeof id === "string" ? { fullUrl: `urn:uuid:${id}` } : {} };
          } catch {
            return { i, resource: undefined, entry: {} };
          }
        });
      const context = planContext(lines.filter((l) => l.resource !== undefined));
      const entries: EntryPlan[] = lines.map(({ i, resource, entry }) =>
        resource === undefined
          ? { index: i, kind: "error", outcome: outcome([issue("structure", `line ${i + 1} is not JSON`)]) }
          : planResource(i, entry, resource, context),
      );
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
