import { describe, expect, it } from "vitest";
import { assess } from "../src/clinical/assess.js";
import { loadVectors, mismatches } from "./vectors.js";

/** Keys owned by the treatment-decision work (issue 3). */
const KEYS = new Set([
  "eligibility",
  "y90Dosimetry",
  "hap",
  "mhap2",
  "abcr",
  "state",
  "unosDownstaging",
  "metroticket2",
  "afpModel",
]);

for (const suite of ["scores", "staging"] as const) {
  describe(`public vectors (treatment keys): ${suite}`, () => {
    const cases = loadVectors(suite).filter((c) =>
      Object.keys(c.expected).some((p) => KEYS.has(p.split(".")[0] as string)),
    );
    it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      expect(mismatches(c, assess(c.input), 0.001, KEYS)).toEqual([]);
    });
  });
}
