import { describe, expect, it } from "vitest";
import { assessCourse } from "../src/clinical/response/assess-course.js";
import { loadVectors, mismatches } from "./vectors.js";

describe("public vectors: response (response-followup.md §9)", () => {
  const cases = loadVectors("response");
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(mismatches(c, assessCourse(c.input), 0.01)).toEqual([]);
  });
});
