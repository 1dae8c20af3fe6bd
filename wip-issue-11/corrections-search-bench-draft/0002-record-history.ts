/**
 * Corrections leave a trail: every amendment and void of a record is kept in `record_history`
 * (the record as it was, the reason, who and when); a voided record stays in its table, marked
 * `voided_at` with its reason (entered-in-error), and every reader leaves it out. Creating with a
 * client key (`Idempotency-Key`) is recorded in `idempotency_keys`, so a repeated request (a
 * double click) returns the record the first one made. Same DDL on SQLite and PostgreSQL.
 */
import type { Kysely, Migration } from "kysely";

/** The tables whose records can be voided (every record kind). */
export const VOIDABLE_TABLES = [
  "patients",
  "observations",
  "tumours",
  "imaging",
  "procedures",
  "systemic_therapies",
  "outcomes",
] as const;

export function recordHistory(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of VOIDABLE_TABLES) {
        await db.schema.alterTable(table).addColumn("voided_at", "text").execute();
        await db.schema.alterTable(table).addColumn("void_reason", "text").execute();
      }
      await db.schema
        .createTable("record_history")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("patient_id", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("snapshot_json", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("by", "text")
        .execute();
      await db.schema
        .createIndex("record_history_record")
        .on("record_history")
        .columns(["record_id", "version"])
        .execute();
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["key", "entity", "actor"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("idempotency_keys").execute();
      await db.schema.dropTable("record_history").execute();
      for (const table of VOIDABLE_TABLES) {
        await db.schema.alterTable(table).dropColumn("void_reason").execute();
        await db.schema.alterTable(table).dropColumn("voided_at").execute();
      }
    },
  };
}
