/**
 * ECOG performance status (Oken 1982; scores.md §4).
 *
 * The grade is the clinician's input (an integer 0–4, checked by the case parser: 5 = dead,
 * fractions and strings are invalid); this rule reports it with its meaning so that the reason can
 * be read without the table. The meanings are paraphrased from scores.md §4.
 */

import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { gather, invalid, need, notComputed, type RuleResult } from "../result.js";

export const ECOG_RULE = "ecog";
const CITATION = cite("oken1982Ecog");

export type EcogGrade = 0 | 1 | 2 | 3 | 4;

/** What each grade means (scores.md §4, paraphrasing Oken 1982). */
export const ECOG_MEANINGS: Readonly<Record<EcogGrade, string>> = Object.freeze({
  0: "Fully active; carries on all pre-illness activity without restriction.",
  1: "Cannot do strenuous physical activity, but walks about and can do light or sedentary work.",
  2: "Walks about and manages all self-care, but cannot work; up and about for more than half of waking hours.",
  3: "Manages only limited self-care; in bed or chair for more than half of waking hours.",
  4: "Completely disabled; no self-care; confined to bed or chair.",
});

function isGrade(n: number): n is EcogGrade {
  return Number.isInteger(n) && n >= 0 && n <= 4;
}

export interface EcogValues {
  readonly grade: EcogGrade;
  readonly meaning: string;
}

export type EcogResult = RuleResult<EcogValues>;

/** ECOG performance status (scores.md §4). Needs `ecog`, an integer 0–4. */
export function ecog(c: ParsedCase): EcogResult {
  const g = gather({ ecog: need("ecog", c.ecog) });
  if (!g.ok) return notComputed(ECOG_RULE, CITATION, g);
  const grade = g.values.ecog;
  if (!isGrade(grade)) {
    // The parser only lets integers 0–4 through; this guards direct callers of the rule.
    return invalid(ECOG_RULE, CITATION, [
      { path: "ecog", code: "out-of-range", message: `ecog ${grade} is not an integer 0–4` },
    ]);
  }
  const meaning = ECOG_MEANINGS[grade];
  return {
    status: "ok",
    rule: ECOG_RULE,
    grade,
    meaning,
    reason: `ECOG performance status ${grade} (scale 0–4): ${meaning}`,
    citation: CITATION,
  };
}
