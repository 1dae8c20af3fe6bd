/**
 * Security tables and rules kept by the database itself, so that they hold across processes and
 * restarts: the sign-in throttle's counters (checked and counted in one atomic statement, see
 * `../throttle.ts`), the patients each audit row names (`audit_patients`, one row per patient, no
 * truncation) and triggers that make the audit log append-only (UPDATE and DELETE refused on
 * both dialects, TRUNCATE too on PostgreSQL).
 */
import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../db.js";

const APPEND_ONLY = ["audit_log", "audit_patients"] as const;

export function security(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("auth_throttle")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("audited", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable("audit_patients")
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("patient_id", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("audit_patients_patient")
        .on("audit_patients")
        .column("patient_id")
        .execute();
      await db.schema.createIndex("audit_patients_seq").on("audit_patients").column("seq").execute();
      if (dialect === "sqlite") {
        for (const table of APPEND_ONLY) {
          for (const op of ["update", "delete"] as const) {
            await sql
              .raw(
                `create trigger ${table}_no_${op} before ${op} on ${table} ` +
                  `begin select raise(abort, '${table} is append-only'); end`,
              )
              .execute(db);
          }
        }
      } else {
        await sql
          .raw(
            "create or replace function hepatica_append_only() returns trigger language plpgsql as $$ " +
              "begin raise exception '% is append-only', tg_table_name; end $$",
          )
          .execute(db);
        for (const table of APPEND_ONLY) {
          await sql
            .raw(
              `create trigger ${table}_append_only before update or delete on ${table} ` +
                "for each row execute function hepatica_append_only()",
            )
            .execute(db);
          await sql
            .raw(
              `create trigger ${table}_no_truncate before truncate on ${table} ` +
                "for each statement execute function hepatica_append_only()",
            )
            .execute(db);
        }
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("audit_patients").execute();
      await db.schema.dropTable("auth_throttle").execute();
    },
  };
}
