/**
 * The initial schema. Written once for both dialects; the only difference is how the audit log's
 * monotonic sequence is generated (SQLite AUTOINCREMENT, PostgreSQL serial).
 */
import type { CreateTableBuilder, Kysely, Migration } from "kysely";
import type { Dialect } from "../db.js";

type Cols<T extends string> = CreateTableBuilder<T, never>;

function versioned<T extends string>(t: Cols<T>): Cols<T> {
  return t
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

function ofPatient<T extends string>(t: Cols<T>): Cols<T> {
  return versioned(t).addColumn("patient_id", "text", (c) =>
    c.notNull().references("patients.id").onDelete("cascade"),
  );
}

export function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await versioned(db.schema.createTable("patients"))
        .addColumn("mrn", "text", (c) => c.unique())
        .addColumn("family_name", "text")
        .addColumn("given_name", "text")
        .addColumn("birth_date", "text")
        .addColumn("sex", "text")
        .addColumn("date_shift_days", "integer", (c) => c.notNull())
        .execute();

      await ofPatient(db.schema.createTable("observations"))
        .addColumn("system", "text", (c) => c.notNull())
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("value", "double precision")
        .addColumn("unit", "text")
        .addColumn("value_code", "text")
        .addColumn("effective_at", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createIndex("observations_patient_code")
        .on("observations")
        .columns(["patient_id", "code", "effective_at"])
        .execute();

      await ofPatient(db.schema.createTable("tumours"))
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("segment", "text")
        .addColumn("diagnosed_on", "text")
        .addColumn("histology", "text")
        .addColumn("icd10", "text")
        .addColumn("note", "text")
        .execute();

      await ofPatient(db.schema.createTable("imaging"))
        .addColumn("study_date", "text", (c) => c.notNull())
        .addColumn("modality", "text", (c) => c.notNull())
        .addColumn("phase", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("imaging_measurements")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("imaging_id", "text", (c) => c.notNull().references("imaging.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("tumour_id", "text", (c) => c.references("tumours.id").onDelete("set null"))
        .addColumn("lesion_label", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("organ", "text")
        .addColumn("longest_diameter_mm", "double precision")
        .addColumn("viable_diameter_mm", "double precision")
        .addColumn("short_axis_mm", "double precision")
        .execute();

      await ofPatient(db.schema.createTable("procedures"))
        .addColumn("modality", "text", (c) => c.notNull())
        .addColumn("performed_on", "text", (c) => c.notNull())
        .addColumn("operator", "text")
        .addColumn("access_route", "text")
        .addColumn("selectivity", "text")
        .addColumn("guidance_imaging", "text")
        .addColumn("embolic_agent", "text")
        .addColumn("embolic_end_point", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("procedure_drugs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("procedure_id", "text", (c) => c.notNull().references("procedures.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("drug", "text", (c) => c.notNull())
        .addColumn("dose", "double precision")
        .addColumn("unit", "text")
        .execute();
      await db.schema
        .createTable("procedure_complications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("procedure_id", "text", (c) => c.notNull().references("procedures.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("cirse_grade", "integer", (c) => c.notNull())
        .addColumn("onset_on", "text")
        .execute();

      await ofPatient(db.schema.createTable("systemic_therapies"))
        .addColumn("agent", "text", (c) => c.notNull())
        .addColumn("started_on", "text", (c) => c.notNull())
        .addColumn("stopped_on", "text")
        .addColumn("stop_reason", "text")
        .addColumn("note", "text")
        .execute();

      await ofPatient(db.schema.createTable("outcomes"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("occurred_on", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .execute();

      await db.schema
        .createTable("assessments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("patient_id", "text", (c) => c.notNull().references("patients.id").onDelete("cascade"))
        .addColumn("rules_version", "text", (c) => c.notNull())
        .addColumn("as_of", "text", (c) => c.notNull())
        .addColumn("case_json", "text", (c) => c.notNull())
        .addColumn("result_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text")
        .execute();

      for (const [table, column] of [
        ["tumours", "patient_id"],
        ["imaging", "patient_id"],
        ["procedures", "patient_id"],
        ["systemic_therapies", "patient_id"],
        ["outcomes", "patient_id"],
        ["assessments", "patient_id"],
        ["imaging_measurements", "imaging_id"],
        ["procedure_drugs", "procedure_id"],
        ["procedure_complications", "procedure_id"],
      ] as const) {
        await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
      }

      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("audit_log")
        .addColumn("seq", dialect === "postgres" ? "serial" : "integer", (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("username", "text")
        .addColumn("role", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("entity_id", "text")
        .addColumn("patient_id", "text")
        .addColumn("source_ip", "text")
        .addColumn("user_agent", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .execute();
      await db.schema.createIndex("audit_log_patient").on("audit_log").column("patient_id").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of [
        "audit_log",
        "sessions",
        "users",
        "assessments",
        "outcomes",
        "systemic_therapies",
        "procedure_complications",
        "procedure_drugs",
        "procedures",
        "imaging_measurements",
        "imaging",
        "tumours",
        "observations",
        "patients",
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
