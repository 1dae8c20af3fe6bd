/**
 * The sign-in throttle's counters, in the database so that they hold across processes and
 * restarts. Each attempt is counted *before* the password is checked, by one atomic upsert that
 * returns the new count, so that a burst of parallel attempts cannot all pass the check before
 * any of them is counted (the in-memory counter it replaces let 40 of 40 through).
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/** Counts one attempt under `key` in a fixed window of `windowMs`; returns the attempts so far in it. */
export async function countAttempt(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
  now: Date = new Date(),
): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const expired = sql<boolean>`auth_throttle.window_start < ${cutoff}`;
  const row = await db
    .insertInto("auth_throttle")
    .values({ key, window_start: at, attempts: 1, audited: 0 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        attempts: sql<number>`case when ${expired} then 1 else auth_throttle.attempts + 1 end`,
        audited: sql<number>`case when ${expired} then 0 else auth_throttle.audited end`,
        window_start: sql<string>`case when ${expired} then ${at} else auth_throttle.window_start end`,
      }),
    )
    .returning("attempts")
    .executeTakeFirstOrThrow();
  return Number(row.attempts);
}

/** Marks the key's window as audited; true only for the one caller that marked it. */
export async function markAudited(db: Kysely<Database>, key: string): Promise<boolean> {
  const r = await db
    .updateTable("auth_throttle")
    .set({ audited: 1 })
    .where("key", "=", key)
    .where("audited", "=", 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives an attempt back (a successful sign-in does not count against its address). */
export async function refundAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db
    .updateTable("auth_throttle")
    .set({ attempts: sql<number>`attempts - 1` })
    .where("key", "=", key)
    .where("attempts", ">", 0)
    .execute();
}

/** Forgets a key's attempts (the account's own count after its password was given). */
export async function clearAttempts(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("auth_throttle").where("key", "=", key).execute();
}
