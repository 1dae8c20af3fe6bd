/**
 * Systemic regimens as coded data (issue 16): the catalogue regimen and the coded stop reason of a
 * systemic therapy, its cycles (dose, dose changes, interruptions) and its adverse events graded
 * by CTCAE v5. Existing rows keep their free-text agent and get no regimen (null).
 */
import type { Kysely, Migration } from "kysely";

export function regimens(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("systemic_therapies").addColumn("regimen", "text").execute();
      await db.schema.alterTable("systemic_therapies").addColumn("stop_reason_code", "text").execute();
      await db.schema.alterTable("systemic_therapies").addColumn("stop_ctcae_grade", "integer").execute();
      await db.schema
        .createTable("systemic_cycles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("therapy_id", "text", (c) =>
          c.notNull().references("systemic_therapies.id").onDelete("cascade"),
        )
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("started_on", "text", (c) => c.notNull())
        .addColumn("agent", "text")
        .addColumn("dose", "double precision")
        .addColumn("unit", "text")
        .addColumn("dose_change", "text", (c) => c.notNull())
        .addColumn("change_reason", "text")
        .addColumn("ctcae_grade", "integer")
        .execute();
      await db.schema
        .createIndex("systemic_cycles_therapy")
        .on("systemic_cycles")
        .column("therapy_id")
        .execute();
      await db.schema
        .createTable("systemic_adverse_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("therapy_id", "text", (c) =>
          c.notNull().references("systemic_therapies.id").onDelete("cascade"),
        )
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("ctcae_term", "text", (c) => c.notNull())
        .addColumn("grade", "integer", (c) => c.notNull())
        .addColumn("onset_on", "text", (c) => c.notNull())
        .addColumn("resolved_on", "text")
        .addColumn("attributed_to", "text")
        .addColumn("description", "text")
        .execute();
      await db.schema
        .createIndex("systemic_adverse_events_therapy")
        .on("systemic_adverse_events")
        .column("therapy_id")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("systemic_adverse_events").execute();
      await db.schema.dropTable("systemic_cycles").execute();
      await db.schema.alterTable("systemic_therapies").dropColumn("stop_ctcae_grade").execute();
      await db.schema.alterTable("systemic_therapies").dropColumn("stop_reason_code").execute();
      await db.schema.alterTable("systemic_therapies").dropColumn("regimen").execute();
    },
  };
}
