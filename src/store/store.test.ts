/** The store, once per dialect: the same assertions on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOINC } from "../fhir/codes.js";
import { type Actor, listAudit } from "./audit.js";
import { ENTITIES } from "./entities.js";
import { StoreError } from "./errors.js";
import {
  countRecords,
  createRecord,
  dateShiftOf,
  deleteRecord,
  getRecord,
  listRecords,
  replaceRecord,
} from "./records.js";
import { dialectsUnderTest, openTestStore, type TestStore } from "./testing.js";
import { createSession, createUser, findUserForLogin, userOfSession } from "./users.js";

const actor: Actor = { userId: "u1", username: "tester", role: "clinician", sourceIp: "127.0.0.1" };

async function expectStoreError(p: Promise<unknown>, code: string): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).code).toBe(code);
    return e as StoreError;
  }
  throw new Error(`expected StoreError ${code}`);
}

describe.each(dialectsUnderTest())("store on %s", (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("runs the migrations and reports its dialect", () => {
    expect(t.store.dialect).toBe(dialect);
  });

  it("creates, reads and lists a patient with observations", async () => {
    const db = t.store.db;
    const p = await createRecord(
      db,
      ENTITIES.patient,
      { mrn: "MRN-1", familyName: "Doe", sex: "male" },
      actor,
    );
    expect(p.version).toBe(1);
    expect(p.mrn).toBe("MRN-1");
    expect(p.birthDate).toBeNull();
    const shift = await dateShiftOf(db, p.id);
    expect(shift).not.toBe(0);
    expect(Math.abs(shift ?? 0)).toBeLessThanOrEqual(365);

    const o = await createRecord(
      db,
      ENTITIES.observation,
      { system: LOINC, code: "1751-7", value: 3.5, unit: "g/dL", effectiveAt: "2024-03-01" },
      actor,
      { patientId: p.id },
    );
    expect(o.patientId).toBe(p.id);
    expect(o.value).toBe(3.5);
    const list = await listRecords(db, ENTITIES.observation, { patientId: p.id });
    expect(list.map((x) => x.id)).toEqual([o.id]);
    expect(await countRecords(db, ENTITIES.observation, p.id)).toBe(1);
  });

  it("stores procedures with drugs and CIRSE-graded complications, in order", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, { sex: "female" }, actor);
    const proc = await createRecord(
      db,
      ENTITIES.procedure,
      {
        modality: "ctace",
        performedOn: "2024-04-02",
        operator: "Dr A",
        accessRoute: "radial",
        selectivity: "superselective",
        guidanceImaging: "CBCT",
        embolicAgent: "gelatin sponge",
        embolicEndPoint: "near-stasis",
        drugs: [
          { drug: "epirubicin", dose: 50, unit: "mg" },
          { drug: "lipiodol", dose: 10, unit: "mL" },
        ],
        complications: [{ description: "post-embolisation syndrome", cirseGrade: 1 }],
      },
      actor,
      { patientId: p.id },
    );
    expect(proc.drugs).toEqual([
      expect.objectContaining({ drug: "epirubicin", dose: 50, unit: "mg" }),
      expect.objectContaining({ drug: "lipiodol", dose: 10, unit: "mL" }),
    ]);
    expect(proc.complications).toEqual([expect.objectContaining({ cirseGrade: 1 })]);

    const img = await createRecord(
      db,
      ENTITIES.imaging,
      {
        studyDate: "2024-05-01",
        modality: "MRI",
        measurements: [{ lesionLabel: "T1", role: "target", longestDiameterMm: 42, viableDiameterMm: 20 }],
      },
      actor,
      { patientId: p.id },
    );
    expect(img.measurements).toEqual([expect.objectContaining({ lesionLabel: "T1", longestDiameterMm: 42 })]);
  });

  it("rejects invalid input naming every field, writing nothing", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, {}, actor);
    const before = await countRecords(db, ENTITIES.procedure);
    const e = await expectStoreError(
      createRecord(
        db,
        ENTITIES.procedure,
        {
          modality: "laser",
          performedOn: "2024-02-30",
          selectivity: "lobar",
          complications: [{ description: "x", cirseGrade: 7 }],
          bogus: 1,
        },
        actor,
        { patientId: p.id },
      ),
      "invalid",
    );
    expect(e.errors.map((x) => x.path).sort()).toEqual(
      ["bogus", "complications.0.cirseGrade", "modality", "performedOn"].sort(),
    );
    expect(await countRecords(db, ENTITIES.procedure)).toBe(before);
  });

  it("refuses a record for a patient that does not exist", async () => {
    await expectStoreError(
      createRecord(t.store.db, ENTITIES.outcome, { kind: "death", occurredOn: "2025-01-01" }, actor, {
        patientId: "nope",
      }),
      "not-found",
    );
  });

  it("optimistic concurrency: the stale writer gets `stale` and changes nothing", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, { givenName: "A" }, actor);
    const v2 = await replaceRecord(db, ENTITIES.patient, p.id, { givenName: "B" }, 1, actor);
    expect(v2.version).toBe(2);
    const e = await expectStoreError(
      replaceRecord(db, ENTITIES.patient, p.id, { givenName: "C" }, 1, actor),
      "stale",
    );
    expect(e.currentVersion).toBe(2);
    const now = await getRecord(db, ENTITIES.patient, p.id);
    expect(now?.givenName).toBe("B");
    expect(now?.version).toBe(2);
    await expectStoreError(deleteRecord(db, ENTITIES.patient, p.id, 1, actor), "stale");
    expect(await getRecord(db, ENTITIES.patient, p.id)).toBeDefined();
  });

  it("two concurrent writers on one record: exactly one wins, nothing lost", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, { givenName: "start" }, actor);
    const results = await Promise.allSettled([
      replaceRecord(db, ENTITIES.patient, p.id, { givenName: "one" }, 1, actor),
      replaceRecord(db, ENTITIES.patient, p.id, { givenName: "two" }, 1, actor),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
    const final = await getRecord(db, ENTITIES.patient, p.id);
    expect(final?.version).toBe(2);
    const winner = won[0];
    expect(winner?.status === "fulfilled" ? winner.value.givenName : undefined).toBe(final?.givenName);
  });

  it("replacing a procedure replaces its child lists", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, {}, actor);
    const proc = await createRecord(
      db,
      ENTITIES.procedure,
      {
        modality: "debtace",
        performedOn: "2024-01-01",
        drugs: [{ drug: "doxorubicin", dose: 75, unit: "mg" }],
      },
      actor,
      { patientId: p.id },
    );
    const next = await replaceRecord(
      db,
      ENTITIES.procedure,
      proc.id,
      {
        modality: "debtace",
        performedOn: "2024-01-01",
        drugs: [{ drug: "doxorubicin", dose: 50, unit: "mg" }],
      },
      proc.version,
      actor,
    );
    expect(next.drugs).toEqual([expect.objectContaining({ dose: 50 })]);
  });

  it("deleting a patient cascades to their records; the audit log keeps the trail", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, {}, actor);
    const o = await createRecord(
      db,
      ENTITIES.outcome,
      { kind: "progression", occurredOn: "2025-01-01" },
      actor,
      { patientId: p.id },
    );
    await deleteRecord(db, ENTITIES.patient, p.id, 1, actor);
    expect(await getRecord(db, ENTITIES.outcome, o.id)).toBeUndefined();
    const trail = await listAudit(db, { patientId: p.id });
    expect(trail.map((a) => a.action)).toEqual(["create", "create", "delete"]);
    expect(trail[0]).toMatchObject({ username: "tester", sourceIp: "127.0.0.1", entity: "patient" });
  });

  it("unique MRN: a second patient with the same MRN is a conflict", async () => {
    const db = t.store.db;
    await createRecord(db, ENTITIES.patient, { mrn: "DUP" }, actor);
    await expectStoreError(createRecord(db, ENTITIES.patient, { mrn: "DUP" }, actor), "conflict");
  });

  it("users and sessions", async () => {
    const db = t.store.db;
    const u = await createUser(db, "alice", "researcher", "hash");
    expect(u.role).toBe("researcher");
    await expectStoreError(createUser(db, "alice", "admin", "hash"), "conflict");
    expect((await findUserForLogin(db, "alice"))?.passwordHash).toBe("hash");
    await createSession(db, "tok-hash", u.id, 60);
    expect((await userOfSession(db, "tok-hash"))?.username).toBe("alice");
    await createSession(db, "expired", u.id, -1);
    expect(await userOfSession(db, "expired")).toBeUndefined();
  });

  it("data survives closing and reopening the store", async () => {
    const p = await createRecord(t.store.db, ENTITIES.patient, { mrn: "PERSIST" }, actor);
    const again = await t.reopen();
    try {
      expect((await getRecord(again.db, ENTITIES.patient, p.id))?.mrn).toBe("PERSIST");
    } finally {
      await again.close();
    }
  });
});
