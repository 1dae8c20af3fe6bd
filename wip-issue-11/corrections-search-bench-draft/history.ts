/**
 * Corrections that leave a trail (migration 0002-record-history): the history of a record (each
 * amendment and void, with the record as it was before, the reason, who and when), voiding a
 * record as entered-in-error, and idempotent creation under a client key. Voided records stay in
 * their table for the trail and are left out by every reader (lists, counts, the clinical state,
 * cohorts, exports).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, appendAudit } from "./audit.js";
import type { EntitySpec } from "./entities.js";
import { StoreError } from "./errors.js";
import { type EntityRecord, getRecord } from "./records.js";
import type { Database } from "./schema.js";

export type HistoryAction = "amend" | "void";

export interface HistoryEntry {
  readonly action: HistoryAction;
  /** The version the record had before this change. */
  readonly version: number;
  readonly reason: string | null;
  readonly at: string;
  readonly by: string | null;
  /** The record as it was before the change. */
  readonly before: EntityRecord;
}

/** A reason is required for a void and an amendment: 1..500 characters, not blank. */
export function checkReason(reason: unknown): string {
  if (typeof reason !== "string" || reason.trim().length === 0 || reason.length > 500) {
    throw new StoreError("invalid", "a reason is required", [
      { path: "reason", code: "required", message: "reason is required (1–500 characters)" },
    ]);
  }
  return reason.trim();
}

/** Writes the record's current state to its history, inside the caller's transaction. */
export async function keepHistory(
  trx: Kysely<Database>,
  spec: EntitySpec,
  before: EntityRecord,
  action: HistoryAction,
  reason: string | null,
  actor: Actor,
): Promise<void> {
  await trx
    .insertInto("record_history")
    .values({
      id: randomUUID(),
      entity: spec.name,
      record_id: before.id,
      patient_id: spec.ofPatient ? (before.patientId ?? null) : spec.table === "patients" ? before.id : null,
      version: before.version,
      action,
      reason,
      snapshot_json: JSON.stringify(before),
      at: new Date().toISOString(),
      by: actor.username,
    })
    .execute();
}

/**
 * Voids a record as entered-in-error: kept (with its history), marked voided with the reason,
 * version + 1, audited; left out of every reader from then on. A voided record cannot be voided
 * again (409 conflict).
 */
export async function voidRecord(
  db: Kysely<Database>,
  spec: EntitySpec,
  id: string,
  reason: unknown,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<EntityRecord> {
  const why = checkReason(reason);
  await db.transaction().execute(async (trx) => {
    const before = await getRecord(trx, spec, id);
    if (!before) throw new StoreError("not-found", `no such ${spec.name}`);
    if (before.voidedAt) throw new StoreError("conflict", `${spec.name} ${id} is already voided`);
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      throw new StoreError(
        "stale",
        `${spec.name} ${id} is at version ${before.version}, not ${expectedVersion}`,
        [],
        before.version,
      );
    }
    await keepHistory(trx, spec, before, "void", why, actor);
    const result = await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .updateTable(spec.table)
      .set({
        voided_at: new Date().toISOString(),
        void_reason: why,
        version: before.version + 1,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .where("version", "=", before.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new StoreError("stale", `${spec.name} ${id} was changed concurrently`, [], before.version + 1);
    }
    await appendAudit(trx, actor, {
      action: "void",
      entity: spec.name,
      entityId: id,
      patientId: spec.ofPatient ? (before.patientId ?? null) : spec.table === "patients" ? id : null,
      detail: why.slice(0, 500),
    });
  });
  const after = await getRecord(db, spec, id);
  if (!after) throw new StoreError("not-found", `no such ${spec.name}`);
  return after;
}

/** The history of a record, oldest first. */
export async function historyOf(db: Kysely<Database>, spec: EntitySpec, id: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("record_history")
    .selectAll()
    .where("entity", "=", spec.name)
    .where("record_id", "=", id)
    .orderBy("version")
    .execute();
  return rows.map((r) => ({
    action: r.action as HistoryAction,
    version: Number(r.version),
    reason: r.reason,
    at: r.at,
    by: r.by,
    before: JSON.parse(r.snapshot_json) as EntityRecord,
  }));
}

/** The record a client key already created for this actor and kind, if any. */
export async function idempotentRecord(
  db: Kysely<Database>,
  key: string,
  spec: EntitySpec,
  actor: Actor,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("idempotency_keys")
    .select("record_id")
    .where("key", "=", key)
    .where("entity", "=", spec.name)
    .where("actor", "=", actor.username ?? "")
    .executeTakeFirst();
  return row?.record_id;
}

/** Remembers the record a client key created, inside the creating transaction. */
export async function rememberIdempotent(
  trx: Kysely<Database>,
  key: string,
  spec: EntitySpec,
  actor: Actor,
  recordId: string,
): Promise<void> {
  await trx
    .insertInto("idempotency_keys")
    .values({
      key,
      entity: spec.name,
      actor: actor.username ?? "",
      record_id: recordId,
      created_at: new Date().toISOString(),
    })
    .execute();
}
