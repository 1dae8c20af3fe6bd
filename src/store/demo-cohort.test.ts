/** The demo cohort: deterministic, valid for the store, and plausible. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCohort, writeCohort } from "./demo-cohort.js";
import { ENTITIES } from "./entities.js";
import { countRecords } from "./records.js";
import { openTestStore, type TestStore } from "./testing.js";
import { validateEntity } from "./validate.js";

describe("demo cohort", () => {
  it("is deterministic for a seed", () => {
    expect(generateCohort(5, 7)).toEqual(generateCohort(5, 7));
    expect(generateCohort(5, 7)).not.toEqual(generateCohort(5, 8));
  });

  it("every generated record is valid", () => {
    for (const p of generateCohort(60, 3)) {
      expect(validateEntity(ENTITIES.patient, p.patient)).toEqual([]);
      for (const [spec, items] of [
        [ENTITIES.observation, p.observations],
        [ENTITIES.tumour, p.tumours],
        [ENTITIES.imaging, p.imaging],
        [ENTITIES.procedure, p.procedures],
        [ENTITIES.systemicTherapy, p.systemicTherapies],
        [ENTITIES.outcome, p.outcomes],
      ] as const) {
        for (const b of items) expect(validateEntity(spec, b)).toEqual([]);
      }
      expect(p.procedures.length).toBeGreaterThanOrEqual(1);
      expect(p.imaging.length).toBeGreaterThanOrEqual(2);
    }
  });

  describe("written to SQLite", () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore("sqlite");
    });
    afterAll(async () => {
      await t?.cleanup();
    });
    it("writes patients with their courses", async () => {
      expect(await writeCohort(t.store.db, generateCohort(3, 1))).toBe(3);
      expect(await countRecords(t.store.db, ENTITIES.patient)).toBe(3);
      expect(await countRecords(t.store.db, ENTITIES.procedure)).toBeGreaterThanOrEqual(3);
    });
  });
});
