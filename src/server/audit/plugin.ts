/** `GET /api/audit` (admin): the audit log as JSON, or as a FHIR Bundle of AuditEvent. */
import type { FastifyInstance } from "fastify";
import { appendAudit, listAudit } from "../../store/audit.js";
import { errorSchema } from "../api/schemas.js";
import { actorOf, requireRole, type ServerDeps } from "../context.js";
import { checkQueryDates } from "../input-guard.js";
import { auditBundle } from "./audit-event.js";

type AuditQuery = {
  patientId?: string;
  username?: string;
  since?: string;
  afterSeq?: string;
  limit?: string;
  format?: string;
};

export async function auditRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The audit log (admin); format=fhir gives a Bundle of AuditEvent",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            patientId: { type: "string", maxLength: 100 },
            username: { type: "string", maxLength: 64 },
            since: { type: "string", maxLength: 40 },
            afterSeq: { type: "string", pattern: "^[0-9]{1,12}$" },
            limit: { type: "string", pattern: "^[0-9]{1,5}$" },
            format: { type: "string", enum: ["json", "fhir"] },
          },
        },
        response: { 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "admin");
      const q = request.query;
      checkQueryDates(q, { since: "instant" });
      const records = await listAudit(deps.store.db, {
        patientId: q.patientId,
        username: q.username,
        since: q.since,
        afterSeq: q.afterSeq !== undefined ? Number(q.afterSeq) : undefined,
        limit: q.limit !== undefined ? Number(q.limit) : undefined,
      });
      // Reading the trail is itself on the trail: it names patients.
      await appendAudit(deps.store.db, actorOf(request), {
        action: "read",
        entity: "audit",
        patientId: q.patientId ?? null,
        detail: `${records.length} entries`,
      });
      if (q.format === "fhir") return reply.type("application/fhir+json").send(auditBundle(records));
      return { items: records };
    },
  );
}
