/**
 * Outputs cite published sources (or a page of the rulebook, docs/rules/), never a document a
 * user does not have: every output of the public vector corpus — assessment, plan and course,
 * as JSON and as the CLI's readable text — is searched for the team's internal reference files
 * and their section signs.
 */
import { describe, expect, it } from "vitest";
import { formatPlan } from "../src/cli/plan.js";
import { formatReport } from "../src/cli/report.js";
import { assess } from "../src/clinical/assess.js";
import { plan } from "../src/clinical/plan.js";
import { assessCourse } from "../src/clinical/response/assess-course.js";
import { loadVectors } from "./vectors.js";

const INTERNAL = ["scores.md", "staging-treatment.md", "response-followup.md", "§"];

function leaks(text: string): string[] {
  return INTERNAL.filter((s) => text.includes(s));
}

describe("no user-visible output cites an internal file", () => {
  const cases = [...loadVectors("scores"), ...loadVectors("staging")];
  it.each(cases.map((c) => [c.id, c.input] as const))("%s: assess and plan", (_id, input) => {
    const a = assess(input);
    const p = plan(input);
    const texts = [JSON.stringify(a), JSON.stringify(p), formatReport(a), formatPlan(p)];
    for (const t of texts) expect(leaks(t)).toEqual([]);
  });
  it.each(loadVectors("response").map((c) => [c.id, c.input] as const))("%s: course", (_id, input) => {
    expect(leaks(JSON.stringify(assessCourse(input)))).toEqual([]);
  });
});
