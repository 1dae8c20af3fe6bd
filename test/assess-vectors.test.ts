import { describe, expect, it } from "vitest";
import { assess, CORE_ASSESSMENT_KEYS } from "../src/clinical/assess.js";
import { loadVectors, mismatches } from "./vectors.js";

/** Keys owned by the assessment core (issue 2). Later issues add theirs here. */
const KEYS: ReadonlySet<string> = new Set([...CORE_ASSESSMENT_KEYS, "status"]);

for (const suite of ["scores", "staging"] as const) {
  describe(`public vectors: ${suite}`, () => {
    const cases = loadVectors(suite).filter((c) =>
      Object.keys(c.expected).some((p) => KEYS.has(p.split(".")[0] as string)),
    );
    it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      expect(mismatches(c, assess(c.input), 0.001, KEYS)).toEqual([]);
    });
  });
}
