/**
 * The public conformance vectors owned by the follow-up work (issue 4): every case of
 * response.json through the course assessment, and the `art`, `taceRefractoriness` and
 * `downstagingOutcome` keys of scores.json through their rules (check.py semantics).
 */
import { describe, expect, it } from "vitest";
import { parseCase } from "../src/clinical/case/parse-case.js";
import { downstagingOutcome } from "../src/clinical/criteria/downstaging-outcome.js";
import { assessCourse } from "../src/clinical/response/assess-course.js";
import { art } from "../src/clinical/scores/art.js";
import { taceRefractoriness } from "../src/clinical/scores/tace-refractoriness.js";
import { loadVectors, mismatches } from "./vectors.js";

describe("public vectors: response (response-followup.md §9)", () => {
  const cases = loadVectors("response");
  it("holds every response vector", () => expect(cases.length).toBe(24));
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(mismatches(c, assessCourse(c.input), 0.01)).toEqual([]);
  });
});

describe("public vectors: course decisions in scores.json (scores.md §6.5, §7.3, §7.6)", () => {
  const KEYS = new Set(["art", "taceRefractoriness", "downstagingOutcome"]);
  const cases = loadVectors("scores").filter((c) =>
    Object.keys(c.expected).some((p) => KEYS.has(p.split(".")[0] as string)),
  );
  it("finds the vectors", () => expect(cases.length).toBeGreaterThanOrEqual(7));
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { parsed } = parseCase(c.input);
    const out = {
      art: art(parsed),
      taceRefractoriness: taceRefractoriness(parsed),
      downstagingOutcome: downstagingOutcome(parsed),
    };
    expect(mismatches(c, out, 0.001, KEYS)).toEqual([]);
  });
});
