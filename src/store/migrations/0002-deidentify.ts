/**
 * De-identification keys: one random secret per installation, from which researchers'
 * pseudonymous patient ids are derived (HMAC-SHA-256, see `../deidentify.ts`). Generated here,
 * once, and never returned by any route; rotating it gives every patient a new pseudonym.
 */
import { randomBytes } from "node:crypto";
import type { Kysely, Migration } from "kysely";

export function deidentifyKeys(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("deid_secrets")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      await (db as Kysely<{ deid_secrets: { name: string; value: string } }>)
        .insertInto("deid_secrets")
        .values({ name: "pseudonym", value: randomBytes(32).toString("base64url") })
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("deid_secrets").execute();
    },
  };
}
