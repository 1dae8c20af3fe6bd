/**
 * Decision support over HTTP: `POST /api/assess` (a case → its assessment; stores nothing),
 * `POST /api/plan` (a case → treatment options), `POST /api/response` (a course → its response
 * assessment), and the assessment of a stored
 * patient from the clinical state at a date (src/registry: the latest value of every input, used
 * while within its validity, stale otherwise; default date: the newest data) (`GET`), or derived
 * and stored with the rules version that produced it (`POST .../assessments`).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { assess, RULES_VERSION } from "../../clinical/assess.js";
import { sourceList } from "../../clinical/evidence/index.js";
import { present } from "../../clinical/messages/index.js";
import { plan } from "../../clinical/plan.js";
import { assessCourse } from "../../clinical/response/assess-course.js";
import type { CaseSources, DerivedCase, StateInput } from "../../registry/clinical-state.js";
import { loadPatientSources, type PatientSources } from "../../registry/load.js";
import { newestDataDate, type StageAt, stageAt, stageHistory } from "../../registry/stage.js";
import { appendAudit } from "../../store/audit.js";
import { shiftDate } from "../../store/deidentify.js";
import { dateShiftOf } from "../../store/records.js";
import { actorOf, deidentified, requireRole, type ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { patientParam, researchSources, researchView } from "./research-view.js";
import { errorSchema, idParams } from "./schemas.js";
import { type ViewQuery, viewOf, viewProperties, viewQuery } from "./view.js";

const anyObject = { type: "object", additionalProperties: true } as const;

const windowQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    asOf: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      description:
        "YYYY-MM-DD (default: the date of the patient's newest data; for researchers in the patient's shifted time)",
    },
    windowDays: {
      type: "string",
      pattern: "^[0-9]{1,4}$",
      description:
        "caps the validity of every kind of input at this many days before asOf (default: the validity policy — labs 30 d, clinical findings 90 d, imaging 90 d, standing facts until changed; at most 3650)",
    },
    ...viewProperties,
  },
} as const;

type WindowQuery = { asOf?: string; windowDays?: string } & ViewQuery;

interface ResolvedWindow {
  /** The stored patient id (researchers name the patient by pseudonym). */
  readonly patientId: string;
  readonly asOf: string;
  readonly windowDays: number | null;
  /** The patient's records (researchers: their de-identified derivation, see research-view.ts). */
  readonly sources: PatientSources;
  /** The researcher's date shift (their asOf is in shifted time), 0 for others. */
  readonly shift: number;
}

/**
 * The date and window of an assessment. The default date is the newest data in the record, for
 * everyone (researchers have no "today": today in shifted time would give the shift away).
 */
async function resolveWindow(
  deps: ServerDeps,
  request: FastifyRequest,
  id: string,
  q: WindowQuery,
): Promise<ResolvedWindow> {
  const patientId = await patientParam(deps, request, id);
  const windowDays = q.windowDays === undefined ? null : Number(q.windowDays);
  if (windowDays !== null && windowDays > 3650) {
    throw new ApiError("invalid-input", "windowDays is at most 3650", [
      {
        path: "querystring.windowDays",
        code: "out-of-range",
        message: "windowDays must be between 0 and 3650",
      },
    ]);
  }
  const stored = await loadPatientSources(deps.store.db, patientId);
  if (!stored) throw new ApiError("not-found", `no patient ${id}`);
  const shift = deidentified(request) ? ((await dateShiftOf(deps.store.db, patientId)) ?? 0) : 0;
  const fallback =
    newestDataDate(stored) ?? (shift !== 0 ? undefined : new Date().toISOString().slice(0, 10));
  if (q.asOf === undefined && fallback === undefined) {
    throw new ApiError("invalid-input", "asOf is required: the patient has no dated record", [
      { path: "querystring.asOf", code: "required", message: "asOf is required (YYYY-MM-DD, shifted time)" },
    ]);
  }
  const asOf = q.asOf !== undefined ? shiftDate(q.asOf, -shift) : (fallback as string);
  if (Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    throw new ApiError("invalid-input", "asOf is not a date", [
      { path: "querystring.asOf", code: "invalid-date", message: "asOf must be YYYY-MM-DD" },
    ]);
  }
  const research = shift !== 0 ? researchSources(await researchView(deps)) : undefined;
  const sources: PatientSources = research ? { ...stored, ...research(stored as CaseSources, asOf) } : stored;
  return { patientId, asOf, windowDays, sources, shift };
}

/**
 * Researchers (shift ≠ 0; a patient's shift is never 0) see the derivation in their patient's
 * shifted time, with ages over 89 shown as 90 (Safe Harbor aggregates them).
 */
function view(derived: DerivedCase, stage: StageAt, shift: number): DerivedCase & { stage: StageAt } {
  if (shift === 0) return { ...derived, stage };
  const age = derived.case.ageYears;
  const input = (i: StateInput): StateInput => ({ ...i, date: shiftDate(i.date, shift) });
  return {
    ...derived,
    case: typeof age === "number" && age > 89 ? { ...derived.case, ageYears: 90 } : derived.case,
    asOf: shiftDate(derived.asOf, shift),
    inputs: derived.inputs.map(input),
    stale: derived.stale.map(input),
    stage: { ...stage, asOf: shiftDate(stage.asOf, shift), stale: stage.stale.map(input) },
    observationsUsed: derived.observationsUsed.map((o) => ({
      ...o,
      effectiveAt: shiftDate(o.effectiveAt, shift),
    })),
    imagingUsed: derived.imagingUsed
      ? { ...derived.imagingUsed, studyDate: shiftDate(derived.imagingUsed.studyDate, shift) }
      : null,
  };
}

export async function assessRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const { db } = deps.store;

  // The benchmark's baseline: the same authentication, body parsing and serialisation as
  // /api/assess, and no clinical work (npm run bench:api compares the two).
  app.post(
    "/api/ping",
    {
      schema: {
        tags: ["service"],
        summary: "Authenticated no-op (benchmark baseline): accepts a JSON object, returns {pong: true}",
        body: anyObject,
        response: { 200: { type: "object", properties: { pong: { type: "boolean" } } } },
      },
    },
    async () => ({ pong: true }),
  );

  app.get(
    "/api/sources",
    {
      schema: {
        tags: ["decision support"],
        summary: "The sources every rule cites (the evidence registry), with their verification status",
        response: { 401: errorSchema },
      },
    },
    async () => ({ rulesVersion: RULES_VERSION, sources: sourceList() }),
  );

  app.post<{ Body: Record<string, unknown>; Querystring: ViewQuery }>(
    "/api/assess",
    {
      schema: {
        tags: ["decision support"],
        summary:
          "Assess a case (case-format.md); stores nothing. 422 with the partial assessment when a field is invalid",
        body: anyObject,
        querystring: viewQuery,
        response: { 400: errorSchema, 401: errorSchema },
      },
    },
    async (request, reply) => {
      const result = assess(request.body);
      return reply.code(result.status === "ok" ? 200 : 422).send(present(result, viewOf(request)));
    },
  );

  app.post<{ Body: Record<string, unknown>; Querystring: ViewQuery }>(
    "/api/plan",
    {
      schema: {
        tags: ["decision support"],
        summary:
          "Treatment plan for a case: BCLC + CNLC options with eligibility; 422 when a field is invalid",
        body: anyObject,
        querystring: viewQuery,
        response: { 400: errorSchema, 401: errorSchema },
      },
    },
    async (request, reply) => {
      const result = plan(request.body);
      return reply.code(result.status === "ok" ? 200 : 422).send(present(result, viewOf(request)));
    },
  );

  app.post<{ Body: Record<string, unknown>; Querystring: ViewQuery }>(
    "/api/response",
    {
      schema: {
        tags: ["decision support"],
        summary: "Assess a course (RECIST 1.1 and mRECIST); 422 with errors when invalid",
        body: anyObject,
        querystring: viewQuery,
        response: { 400: errorSchema, 401: errorSchema },
      },
    },
    async (request, reply) => {
      const result = assessCourse(request.body);
      return reply.code(result.status === "ok" ? 200 : 422).send(present(result, viewOf(request)));
    },
  );

  app.get<{ Params: { id: string }; Querystring: WindowQuery }>(
    "/api/patients/:id/assessment",
    {
      schema: {
        tags: ["decision support"],
        summary:
          "Assess a stored patient: the clinical state at asOf (default: the newest data) — every input's latest value with its date, source and age, stale ones named — and the BCLC and CNLC stages",
        params: idParams,
        querystring: windowQuery,
        response: { 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      requireRole(request, "clinician", "researcher", "admin");
      const w = await resolveWindow(deps, request, request.params.id, request.query);
      const { derived, stage, assessment } = stageAt(w.sources, w.asOf, deps.validity, w.windowDays);
      await appendAudit(db, actorOf(request), {
        action: "assess",
        entity: "patient",
        entityId: w.patientId,
        patientId: w.patientId,
        detail: `asOf ${w.asOf}, ${w.windowDays === null ? "validity policy" : `window ${w.windowDays} d`}, ${derived.observationsUsed.length} observations, ${derived.stale.length} stale`,
      });
      // The stage at every treatment and scan up to asOf (treatment-stage migration over time);
      // researchers get dates in shifted time and no free-text labels.
      const history = stageHistory(w.sources, deps.validity)
        .filter((p) => p.event.date.slice(0, 10) <= w.asOf)
        .map((p) => ({
          date: shiftDate(p.event.date.slice(0, 10), w.shift),
          kind: p.event.kind,
          ...(w.shift === 0 ? { id: p.event.id, label: p.event.label } : {}),
          bclc: p.bclc.stage,
          cnlc: p.cnlc.stage,
        }));
      return {
        ...view(derived, stage, w.shift),
        stageHistory: history,
        assessment: present(assessment, viewOf(request)),
      };
    },
  );

  app.post<{ Params: { id: string }; Querystring: WindowQuery }>(
    "/api/patients/:id/assessments",
    {
      schema: {
        tags: ["decision support"],
        summary: "Derive, assess and store the assessment (with the rules version)",
        params: idParams,
        querystring: windowQuery,
        response: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "clinician", "admin");
      const w = await resolveWindow(deps, request, request.params.id, request.query);
      const { derived, stage, assessment } = stageAt(w.sources, w.asOf, deps.validity, w.windowDays);
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("assessments")
          .values({
            id,
            patient_id: request.params.id,
            rules_version: RULES_VERSION,
            as_of: w.asOf,
            case_json: JSON.stringify({ ...derived, stage }),
            result_json: JSON.stringify(assessment),
            created_at: createdAt,
            created_by: request.user?.username ?? null,
          })
          .execute();
        await appendAudit(trx, actorOf(request), {
          action: "create",
          entity: "assessment",
          entityId: id,
          patientId: request.params.id,
        });
      });
      return reply
        .code(201)
        .send({ id, rulesVersion: RULES_VERSION, createdAt, ...derived, stage, assessment });
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/patients/:id/assessments",
    {
      schema: {
        tags: ["decision support"],
        summary:
          "The patient's stored assessments, newest first (researchers: id, rules version and shifted asOf only)",
        params: idParams,
        response: { 401: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      requireRole(request, "clinician", "researcher", "admin");
      const patientId = await patientParam(deps, request, request.params.id);
      const rows = await db
        .selectFrom("assessments")
        .selectAll()
        .where("patient_id", "=", patientId)
        .orderBy("created_at", "desc")
        .limit(100)
        .execute();
      await appendAudit(db, actorOf(request), {
        action: "search",
        entity: "assessment",
        patientId,
        detail: `${rows.length}`,
      });
      if (deidentified(request)) {
        // A stored assessment was derived from the identified record (free text, real ids, the
        // time it was made): researchers get which rules and which (shifted) date, and derive
        // the de-identified assessment itself with GET .../assessment?asOf=.
        const shift = (await dateShiftOf(db, patientId)) ?? 0;
        return {
          items: rows.map((r) => ({
            id: r.id,
            rulesVersion: r.rules_version,
            asOf: shiftDate(r.as_of, shift),
          })),
        };
      }
      return {
        items: rows.map((r) => ({
          id: r.id,
          rulesVersion: r.rules_version,
          createdAt: r.created_at,
          createdBy: r.created_by,
          ...(JSON.parse(r.case_json) as DerivedCase),
          assessment: JSON.parse(r.result_json) as unknown,
        })),
      };
    },
  );
}
