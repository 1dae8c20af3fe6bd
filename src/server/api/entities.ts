/**
 * REST for every stored entity, generated from {@link ENTITIES}: patients at `/api/patients`,
 * a patient's records at `/api/patients/{id}/<collection>` and each record at
 * `/api/<collection>/{id}`. Writes need If-Match with the record's ETag (its version): a stale
 * one gets 412 and nothing changes; a missing one gets 428. Researchers read de-identified data
 * and cannot write. Every read and write is audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appendAudit } from "../../store/audit.js";
import { deidentify, shiftDate } from "../../store/deidentify.js";
import { ENTITIES, type EntitySpec } from "../../store/entities.js";
import {
  countRecords,
  createRecord,
  dateShiftOf,
  deleteRecord,
  type EntityRecord,
  getRecord,
  listRecords,
  replaceRecord,
} from "../../store/records.js";
import { actorOf, deidentified, requireRole, type ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { registrySummaries } from "./registry.js";
import { patientParam, researchView } from "./research-view.js";
import { bodySchema, errorSchema, idParams, pageQuery, recordSchema } from "./schemas.js";

type IdParams = { id: string };
type PageQuery = { limit?: string; offset?: string };

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version named by If-Match (`"3"`, `W/"3"`, or `*` for any); 428 when absent. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const h = request.headers["if-match"];
  if (h === undefined || h === "")
    throw new ApiError("precondition-required", "send If-Match with the record's ETag");
  const v = String(h).trim();
  if (v === "*") return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(v);
  if (!m) {
    throw new ApiError("invalid-input", 'If-Match must be an ETag such as "3"', [
      { path: "(header).if-match", code: "invalid-format", message: 'If-Match must be an ETag such as "3"' },
    ]);
  }
  return Number(m[1]);
}

/** Applies the caller's view: de-identified for researchers. */
export async function present(
  deps: ServerDeps,
  request: FastifyRequest,
  spec: EntitySpec,
  record: EntityRecord,
): Promise<EntityRecord> {
  if (!deidentified(request)) return record;
  const patientId = spec.table === "patients" ? record.id : record.patientId;
  const shift = patientId ? await dateShiftOf(deps.store.db, patientId) : undefined;
  return deidentify(spec, record, shift ?? 0, await researchView(deps));
}

function page(q: PageQuery): { limit: number; offset: number } {
  return { limit: Math.min(Number(q.limit ?? 100), 1000), offset: Number(q.offset ?? 0) };
}

function send(reply: FastifyReply, record: EntityRecord, status = 200): FastifyReply {
  return reply.code(status).header("etag", etagOf(record.version)).send(record);
}

/**
 * Patient-list rows with what the list filters on: the BCLC and CNLC stages by the one stage
 * function (src/registry) at the date of the newest data (`stageAsOf`), as the patient page and
 * the API assess by default — null where indeterminate, never another date's stage; the
 * modality of the latest treatment and the mRECIST overall response at the latest follow-up
 * scan (null when not derivable). None of these is identifying, so researchers get them too.
 */
async function withSummaries(
  deps: ServerDeps,
  rows: readonly EntityRecord[],
  shifted: boolean,
): Promise<EntityRecord[]> {
  const summaries = await registrySummaries(
    deps.store.db,
    rows.map((r) => r.id),
    deps.validity,
  );
  return rows.map((r) => {
    const s = summaries.get(r.id);
    return {
      ...r,
      bclcStage: s?.current.bclcStage ?? null,
      cnlcStage: s?.current.cnlcStage ?? null,
      // Researchers see the date in their patient's shifted time, as every other date.
      stageAsOf: s?.current.asOf
        ? shifted
          ? shiftDate(s.current.asOf, s.dateShiftDays)
          : s.current.asOf
        : null,
      lastModality: s?.followUp.lastModality ?? null,
      lastResponse: s?.followUp.lastResponse.mrecist ?? null,
    };
  });
}

export async function entityRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const { db } = deps.store;
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

  for (const spec of Object.values(ENTITIES)) {
    const tag = spec.path;
    const item = `/api/${spec.path}/:id`;
    const one = recordSchema(spec);

    app.get<{ Params: IdParams }>(
      item,
      {
        schema: {
          tags: [tag],
          summary: `Read one ${spec.name}`,
          params: idParams,
          response: { 200: one, ...errors },
        },
      },
      async (request, reply) => {
        requireRole(request, "clinician", "researcher", "admin");
        const id =
          spec.table === "patients"
            ? await patientParam(deps, request, request.params.id)
            : request.params.id;
        const record = await getRecord(db, spec, id);
        if (!record) throw new ApiError("not-found", `no ${spec.name} ${request.params.id}`);
        const patientId = spec.table === "patients" ? record.id : (record.patientId ?? null);
        await appendAudit(db, actorOf(request), {
          action: "read",
          entity: spec.name,
          entityId: record.id,
          patientId,
        });
        return send(reply, await present(deps, request, spec, record));
      },
    );

    app.put<{ Params: IdParams; Body: Record<string, unknown> }>(
      item,
      {
        schema: {
          tags: [tag],
          summary: `Replace one ${spec.name} (If-Match required)`,
          params: idParams,
          body: bodySchema(spec),
          headers: { type: "object", properties: { "if-match": { type: "string" } } },
          response: { 200: one, ...errors, 409: errorSchema, 412: errorSchema, 428: errorSchema },
        },
      },
      async (request, reply) => {
        requireRole(request, "clinician", "admin");
        const version = expectedVersion(request);
        const record = await replaceRecord(
          db,
          spec,
          request.params.id,
          request.body,
          version,
          actorOf(request),
        );
        return send(reply, record);
      },
    );

    app.delete<{ Params: IdParams }>(
      item,
      {
        schema: {
          tags: [tag],
          summary: `Delete one ${spec.name} (If-Match required)`,
          params: idParams,
          response: { ...errors, 412: errorSchema, 428: errorSchema },
        },
      },
      async (request, reply) => {
        requireRole(request, "clinician", "admin");
        await deleteRecord(db, spec, request.params.id, expectedVersion(request), actorOf(request));
        return reply.code(204).send();
      },
    );

    const collection = spec.ofPatient ? `/api/patients/:id/${spec.path}` : `/api/${spec.path}`;
    app.get<{ Params: IdParams; Querystring: PageQuery }>(
      collection,
      {
        schema: {
          tags: [tag],
          summary: spec.ofPatient ? `List a patient's ${spec.path}` : `List ${spec.path}`,
          ...(spec.ofPatient ? { params: idParams } : {}),
          querystring: pageQuery,
          response: {
            200: {
              type: "object",
              properties: { total: { type: "integer" }, items: { type: "array", items: one } },
            },
            ...errors,
          },
        },
      },
      async (request) => {
        requireRole(request, "clinician", "researcher", "admin");
        const patientId = spec.ofPatient ? await patientParam(deps, request, request.params.id) : undefined;
        if (patientId !== undefined && !(await getRecord(db, ENTITIES.patient, patientId))) {
          throw new ApiError("not-found", `no patient ${patientId}`);
        }
        const { limit, offset } = page(request.query);
        const [items, total] = await Promise.all([
          listRecords(db, spec, { patientId, limit, offset }),
          countRecords(db, spec, patientId),
        ]);
        await appendAudit(db, actorOf(request), {
          action: "search",
          entity: spec.name,
          patientId: patientId ?? null,
          detail:
            `${items.length} of ${total}${patientId ? "" : `: ${items.map((i) => i.id).join(",")}`}`.slice(
              0,
              20_000,
            ),
        });
        // Summaries are looked up by the stored id, before the researchers' view replaces it.
        const rows =
          spec.table === "patients" ? await withSummaries(deps, items, deidentified(request)) : items;
        return { total, items: await Promise.all(rows.map((r) => present(deps, request, spec, r))) };
      },
    );

    app.post<{ Params: IdParams; Body: Record<string, unknown> }>(
      collection,
      {
        schema: {
          tags: [tag],
          summary: `Create a ${spec.name}`,
          ...(spec.ofPatient ? { params: idParams } : {}),
          body: bodySchema(spec),
          response: { 201: one, ...errors, 409: errorSchema },
        },
      },
      async (request, reply) => {
        requireRole(request, "clinician", "admin");
        const options = spec.ofPatient ? { patientId: request.params.id } : {};
        const record = await createRecord(db, spec, request.body, actorOf(request), options);
        reply.header("location", `/api/${spec.path}/${record.id}`);
        return send(reply, record, 201);
      },
    );
  }
}
