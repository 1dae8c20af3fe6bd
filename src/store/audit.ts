/**
 * The audit log: append-only (no update or delete path exists, and triggers of migration
 * 0002-security refuse UPDATE and DELETE in the database itself), one row per read or write of
 * patient data and per refused request, with who, when, what and from where. An entry naming
 * many patients (a list, a cohort, a bulk export) names each in `audit_patients`, one row per
 * patient, never truncated. Kept without foreign keys so that it outlives the records it names.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Who is acting and from where; passed from the HTTP layer (or the CLI) into every write. */
export interface Actor {
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly sourceIp?: string | null;
  readonly userAgent?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: "system", role: "system" };

export type AuditAction =
  | "read"
  | "search"
  | "create"
  | "update"
  | "delete"
  | "login"
  | "login-failed"
  | "logout"
  | "export"
  | "import"
  | "assess"
  /** A request refused: unauthenticated (401), forbidden (403) or for something absent (404). */
  | "denied";

export interface AuditEntry {
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId?: string | null;
  readonly patientId?: string | null;
  readonly outcome?: "success" | "failure";
  readonly detail?: string | null;
  /** Every patient the entry concerns besides `patientId` (lists, cohorts, bulk exports). */
  readonly patientIds?: readonly string[];
}

export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly patientId: string | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly outcome: string;
  readonly detail: string | null;
}

export async function appendAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  const { seq } = await db
    .insertInto("audit_log")
    .values({
      at: new Date().toISOString(),
      user_id: actor.userId,
      username: actor.username,
      role: actor.role,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      patient_id: entry.patientId ?? null,
      source_ip: actor.sourceIp ?? null,
      user_agent: actor.userAgent?.slice(0, 500) ?? null,
      outcome: entry.outcome ?? "success",
      detail: entry.detail ?? null,
    })
    .returning("seq")
    .executeTakeFirstOrThrow();
  const named = [...new Set(entry.patientIds ?? [])];
  // Chunked to stay under SQLite's bound-parameter limit.
  for (let i = 0; i < named.length; i += 400) {
    await db
      .insertInto("audit_patients")
      .values(named.slice(i, i + 400).map((patient_id) => ({ seq: Number(seq), patient_id })))
      .execute();
  }
}

export interface AuditQuery {
  readonly patientId?: string | undefined;
  readonly username?: string | undefined;
  readonly since?: string | undefined;
  readonly afterSeq?: number | undefined;
  readonly limit?: number | undefined;
}

export async function listAudit(db: Kysely<Database>, q: AuditQuery = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom("audit_log").selectAll().orderBy("seq", "asc");
  const patientId = q.patientId;
  if (patientId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("patient_id", "=", patientId),
        eb(
          "seq",
          "in",
          eb.selectFrom("audit_patients").select("seq").where("audit_patients.patient_id", "=", patientId),
        ),
      ]),
    );
  }
  if (q.username !== undefined) query = query.where("username", "=", q.username);
  if (q.since !== undefined) query = query.where("at", ">=", q.since);
  if (q.afterSeq !== undefined) query = query.where("seq", ">", q.afterSeq);
  const rows = await query.limit(Math.min(q.limit ?? 1000, 10_000)).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    patientId: r.patient_id,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    outcome: r.outcome,
    detail: r.detail ?? null,
  }));
}
