/**
 * Issue 14, finding 7: the audit log is append-only in the database itself — a trigger refuses
 * UPDATE and DELETE (and TRUNCATE on PostgreSQL) of `audit_log` and `audit_patients`, whatever
 * code or client issues them.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, listAudit, SYSTEM_ACTOR } from "./audit.js";
import { dialectsUnderTest, openTestStore, type TestStore } from "./testing.js";

describe.each(dialectsUnderTest())("append-only audit on %s", (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await appendAudit(t.store.db, SYSTEM_ACTOR, { action: "read", entity: "patient", patientId: "p1" });
    await t.store.db.insertInto("audit_patients").values({ seq: 1, patient_id: "p1" }).execute();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("refuses UPDATE and DELETE of audit rows and of the patients they name", async () => {
    const { db } = t.store;
    await expect(db.updateTable("audit_log").set({ username: "mallory" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable("audit_patients").set({ patient_id: "p2" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom("audit_patients").execute()).rejects.toThrow(/append-only/);
    if (dialect === "postgres") {
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    }
    const rows = await listAudit(db);
    expect(rows.map((r) => [r.username, r.patientId])).toEqual([["system", "p1"]]);
    const named = await db.selectFrom("audit_patients").selectAll().execute();
    expect(named).toEqual([{ seq: 1, patient_id: "p1" }]);
  });

  it("still appends", async () => {
    await appendAudit(t.store.db, SYSTEM_ACTOR, { action: "read", entity: "patient", patientId: "p3" });
    expect((await listAudit(t.store.db)).map((r) => r.patientId)).toEqual(["p1", "p3"]);
  });
});
