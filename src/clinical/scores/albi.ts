/**
 * ALBI score, ALBI grade and modified ALBI grade (mALBI) (scores.md §2).
 *
 * ALBI = 0.66 × log10(bilirubin, µmol/L) − 0.085 × (albumin, g/L) (Johnson 2015).
 * Grade 1: ≤ −2.60; grade 2: > −2.60 and ≤ −1.39; grade 3: > −1.39 (Johnson 2015; restated in
 * Hiraoka 2017, Liver Cancer 6(3)). mALBI splits grade 2 at −2.270: 2a ≤ −2.270, 2b > −2.270
 * (Hiraoka 2017, Liver Cancer 6(4); the cut-off matches an ICG-R15 of 30 %).
 *
 * Grades are assigned from the unrounded score; `score` is rounded to 4 decimals for display only
 * (scores.md §0.2). Inputs are converted to µmol/L and g/L by the exact factors of §0.1 and rounded
 * to 6 decimals, so SI and US inputs give identical results.
 *
 * [DECISION] scores.md §2: the published albumin coefficient −0.085 (not −0.0852).
 */

import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { gather, need, notComputed, type RuleResult, round4 } from "../result.js";
import { formatQuantity, inUnit } from "../units/quantity.js";

export const ALBI_RULE = "albi";
const CITATION = cite("johnson2015Albi", "hiraoka2017AlbiGrades", "hiraoka2017Malbi");

/** Upper (inclusive) ALBI limits of grade 1, mALBI 2a and grade 2; above grade 2 is grade 3. */
export const ALBI_CUTOFFS = { grade1: -2.6, malbi2a: -2.27, grade2: -1.39 } as const;

export type AlbiGrade = "1" | "2" | "3";
export type MAlbiGrade = "1" | "2a" | "2b" | "3";

export interface AlbiValues {
  /** ALBI score, 4 decimals (display only; the grades come from the unrounded score). */
  readonly score: number;
  readonly grade: AlbiGrade;
  readonly mAlbiGrade: MAlbiGrade;
  readonly bilirubinUmolL: number;
  readonly albuminGL: number;
}

export type AlbiResult = RuleResult<AlbiValues>;

/** The linear predictor of Johnson 2015, from bilirubin (µmol/L) and albumin (g/L). */
export function albiScore(bilirubinUmolL: number, albuminGL: number): number {
  return 0.66 * Math.log10(bilirubinUmolL) - 0.085 * albuminGL;
}

/** mALBI grade of an unrounded ALBI score; each cut-off belongs to the lower grade (≤). */
export function mAlbiGrade(score: number): MAlbiGrade {
  if (score <= ALBI_CUTOFFS.grade1) return "1";
  if (score <= ALBI_CUTOFFS.malbi2a) return "2a";
  if (score <= ALBI_CUTOFFS.grade2) return "2b";
  return "3";
}

/** ALBI grade of an unrounded ALBI score: mALBI with 2a and 2b merged. */
export function albiGrade(score: number): AlbiGrade {
  const m = mAlbiGrade(score);
  return m === "2a" || m === "2b" ? "2" : m;
}

/** ALBI (scores.md §2). Needs `labs.bilirubin` (> 0, guaranteed by the parser) and `labs.albumin`. */
/** The part of the reason that only depends on the constants above (built once, not per case). */
const FORMULA_TEXT =
  `0.66 × log10(bilirubin umol/L) − 0.085 × albumin g/L; grade 1 ≤ ${ALBI_CUTOFFS.grade1.toFixed(2)} < 2a ≤ ${ALBI_CUTOFFS.malbi2a.toFixed(3)} ` +
  `< 2b ≤ ${ALBI_CUTOFFS.grade2.toFixed(2)} < grade 3.`;

export function albi(c: ParsedCase): AlbiResult {
  const g = gather({
    bilirubin: need("labs.bilirubin", c.labs.bilirubin),
    albumin: need("labs.albumin", c.labs.albumin),
  });
  if (!g.ok) return notComputed(ALBI_RULE, CITATION, g);
  const bilirubinUmolL = inUnit(g.values.bilirubin, "umol/L");
  const albuminGL = inUnit(g.values.albumin, "g/L");
  const score = albiScore(bilirubinUmolL, albuminGL);
  const grade = albiGrade(score);
  const mGrade = mAlbiGrade(score);
  return {
    status: "ok",
    rule: ALBI_RULE,
    score: round4(score),
    grade,
    mAlbiGrade: mGrade,
    bilirubinUmolL,
    albuminGL,
    reason:
      `ALBI ${round4(score)} → grade ${grade}, mALBI ${mGrade}: bilirubin ${formatQuantity(g.values.bilirubin)} ` +
      `= ${bilirubinUmolL} umol/L, albumin ${formatQuantity(g.values.albumin)} = ${albuminGL} g/L; ` +
      FORMULA_TEXT,
    citation: CITATION,
  };
}
