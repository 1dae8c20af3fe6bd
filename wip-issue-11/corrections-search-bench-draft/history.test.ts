/** Corrections leave a trail, on SQLite and PostgreSQL: amend and void with their history, voided data left out. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINDING_SYSTEM, LOINC } from "../fhir/codes.js";
import { loadPatientSources } from "../registry/load.js";
import type { Actor } from "./audit.js";
import { ENTITIES } from "./entities.js";
import { StoreError } from "./errors.js";
import { countRecords, createRecord, getRecord, historyOf, listRecords, replaceRecord, voidRecord } from "./records.js";
import { dialectsUnderTest, openTestStore, type TestStore } from "./testing.js";
import { validateEntity } from "./validate.js";

const actor: Actor = { userId: "u1", username: "tester", role: "clinician", sourceIp: "127.0.0.1" };

describe.each(dialectsUnderTest())("record history on %s", (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("an amendment keeps the record as it was, with the reason; a void hides it everywhere", async () => {
    const db = t.store.db;
    const p = await createRecord(db, ENTITIES.patient, { mrn: "H-1", familyName: "Li" }, actor);
    const bili = { system: LOINC, code: "1975-2", value: 1.2, unit: "mg/dL", effectiveAt: "2025-03-01" };
    const o = await createRecord(db, ENTITIES.observation, bili, actor, { patientId: p.id });
    const ecog = await createRecord(
      db,
      ENTITIES.observation,
      { system: FINDING_SYSTEM, code: "ascites", valueCode: "mild", effectiveAt: "2025-03-01" },
      actor,
      { patientId: p.id },
    );
    const amended = await replaceRecord(db, ENTITIES.observation, o.id, { ...bili, value: 2.1 }, 1, actor, "typo: 2.1 on the lab report");
    expect(amended).toMatchObject({ version: 2, value: 2.1 });
    const voided = await voidRecord(db, ENTITIES.observation, ecog.id, "entered in the wrong patient", 1, actor);
    expect(voided).toMatchObject({ version: 2, voidReason: "entered in the wrong patient" });
    expect(typeof voided.voidedAt).toBe("string");

    const h = await historyOf(db, ENTITIES.observation, o.id);
    expect(h.map((e) => [e.action, e.version, e.reason, e.before.value, e.by])).toEqual([
      ["amend", 1, "typo: 2.1 on the lab report", 1.2, "tester"],
    ]);
    expect((await historyOf(db, ENTITIES.observation, ecog.id)).map((e) => [e.action, e.before.valueCode])).toEqual([
      ["void", "mild"],
    ]);

    // Left out of lists, counts and the clinical state; still readable by id, marked.
    expect((await listRecords(db, ENTITIES.observation, { patientId: p.id })).map((r) => r.id)).toEqual([o.id]);
    expect(await countRecords(db, ENTITIES.observation, p.id)).toBe(1);
    expect((await loadPatientSources(db, p.id))?.observations.map((x) => x.id)).toEqual([o.id]);
    expect((await getRecord(db, ENTITIES.observation, ecog.id))?.voidedAt).toBe(voided.voidedAt);

    // Twice voided: conflict; a stale version: nothing changes.
    await expect(voidRecord(db, ENTITIES.observation, ecog.id, "again", 2, actor)).rejects.toMatchObject({ code: "conflict" });
    await expect(voidRecord(db, ENTITIES.observation, o.id, "late", 1, actor)).rejects.toMatchObject({ code: "stale" });
    await expect(voidRecord(db, ENTITIES.observation, o.id, "  ", 2, actor)).rejects.toBeInstanceOf(StoreError);
    expect((await getRecord(db, ENTITIES.observation, o.id))?.version).toBe(2);

    // A voided patient leaves the patient list.
    await voidRecord(db, ENTITIES.patient, p.id, "duplicate of H-2", 1, actor);
    expect((await listRecords(db, ENTITIES.patient)).some((r) => r.id === p.id)).toBe(false);
  });

  it("refuses future dates and empty patients, naming the field", () => {
    expect(validateEntity(ENTITIES.patient, {})).toEqual([
      expect.objectContaining({ path: "mrn", code: "required" }),
    ]);
    const future = validateEntity(ENTITIES.observation, {
      system: LOINC,
      code: "1975-2",
      value: 1,
      effectiveAt: "2999-01-01",
    });
    expect(future).toEqual([expect.objectContaining({ path: "effectiveAt", code: "in-the-future" })]);
  });
});
