/**
 * Corrections over HTTP, for every record kind: `POST /api/{kind}/{id}/amend` (a new version of
 * the record with the reason; If-Match), `POST /api/{kind}/{id}/void` (entered-in-error, with the
 * reason; If-Match) and `GET /api/{kind}/{id}/history` (every amendment and void, with the record
 * as it was). Voided records are left out of every list, assessment, course, cohort and export.
 */
import type { FastifyInstance } from "fastify";
import { appendAudit } from "../../store/audit.js";
import { ENTITIES } from "../../store/entities.js";
import { getRecord, historyOf, replaceRecord, voidRecord } from "../../store/records.js";
import { actorOf, requireRole, type ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { expectedVersion } from "./entities.js";
import { errorSchema, idParams } from "./schemas.js";

type IdParams = { id: string };

const reasonSchema = { type: "string", minLength: 1, maxLength: 500 } as const;

export async function correctionRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const { db } = deps.store;
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  for (const spec of Object.values(ENTITIES)) {
    const item = `/api/${spec.path}/:id`;
    app.post<{ Params: IdParams; Body: { reason: string; record: Record<string, unknown> } }>(
      `${item}/amend`,
      {
        schema: {
          tags: [spec.path],
          summary: `Amend a ${spec.name}: a new version with the reason; the old one stays in its history (If-Match)`,
          params: idParams,
          body: {
            type: "object",
            required: ["reason", "record"],
            additionalProperties: false,
            properties: { reason: reasonSchema, record: { type: "object", additionalProperties: true } },
          },
          response: { ...errors, 409: errorSchema, 412: errorSchema, 428: errorSchema },
        },
      },
      async (request, reply) => {
        requireRole(request, "clinician", "admin");
        const current = await getRecord(db, spec, request.params.id);
        if (!current) throw new ApiError("not-found", `no ${spec.name} ${request.params.id}`);
        if (current.voidedAt) throw new ApiError("conflict", `${spec.name} ${request.params.id} is voided`);
        const record = await replaceRecord(
          db,
          spec,
          request.params.id,
          request.body.record,
          expectedVersion(request),
          actorOf(request),
          request.body.reason,
        );
        return reply.header("etag", `"${record.version}"`).send(record);
      },
    );
    app.post<{ Params: IdParams; Body: { reason: string } }>(
      `${item}/void`,
      {
        schema: {
          tags: [spec.path],
          summary: `Void a ${spec.name} as entered in error, with the reason (If-Match); kept in its history, left out of everything else`,
          params: idParams,
          body: {
            type: "object",
            required: ["reason"],
            additionalProperties: false,
            properties: { reason: reasonSchema },
          },
          response: { ...errors, 409: errorSchema, 412: errorSchema, 428: errorSchema },
        },
      },
      async (request, reply) => {
        requireRole(request, "clinician", "admin");
        const record = await voidRecord(
          db,
          spec,
          request.params.id,
          request.body.reason,
          expectedVersion(request),
          actorOf(request),
        );
        return reply.header("etag", `"${record.version}"`).send(record);
      },
    );
    app.get<{ Params: IdParams }>(
      `${item}/history`,
      {
        schema: {
          tags: [spec.path],
          summary: `The history of a ${spec.name}: every amendment and void, with the record as it was`,
          params: idParams,
          response: errors,
        },
      },
      async (request) => {
        requireRole(request, "clinician", "admin");
        const current = await getRecord(db, spec, request.params.id);
        if (!current) throw new ApiError("not-found", `no ${spec.name} ${request.params.id}`);
        const history = await historyOf(db, spec, request.params.id);
        const patientId = spec.table === "patients" ? current.id : (current.patientId ?? null);
        await appendAudit(db, actorOf(request), {
          action: "read",
          entity: spec.name,
          entityId: current.id,
          patientId,
          detail: `history, ${history.length} entries`,
        });
        return { current, history };
      },
    );
  }
}
