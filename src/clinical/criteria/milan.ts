/**
 * Milan criteria (scores.md §6.1; Mazzaferro 1996).
 *
 * Within = (1 nodule ≤ 5.0 cm) or (2–3 nodules, each ≤ 3.0 cm), and no macrovascular invasion,
 * and no extrahepatic spread. Both size boundaries are inclusive (5.0 within, 5.1 beyond;
 * 3.0 within, 3.1 beyond).
 *
 * [DECISION] scores.md §6: every nodule received is counted (OPTN's < 1 cm exclusion is the
 * caller's). With unmeasured nodules (`tumorCountTotal`), a count > 3 or a known diameter above
 * the limit decides "beyond"; otherwise the result is indeterminate (transplant-criteria.ts).
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import type { RuleResult } from "../result.js";
import type { TumorBurden } from "./burden.js";
import {
  evaluateCriterion,
  type SizeVerdict,
  type TransplantCriterionValues,
} from "./transplant-criteria.js";

export const MILAN_RULE = "milan";
const CITATION = cite("mazzaferro1996Milan");

/** Single nodule limit (cm, inclusive). */
export const MILAN_SINGLE_MAX_CM = 5.0;
/** Each of 2–3 nodules (cm, inclusive). */
export const MILAN_MULTIPLE_MAX_CM = 3.0;
export const MILAN_MAX_COUNT = 3;

export type MilanResult = RuleResult<TransplantCriterionValues>;

/** The Milan size-and-number test, deciding from partial sizes when they suffice. */
export function milanSize(b: TumorBurden): SizeVerdict {
  if (b.count > MILAN_MAX_COUNT) return { within: false, why: `${b.count} nodules (> ${MILAN_MAX_COUNT})` };
  const limit = b.count === 1 ? MILAN_SINGLE_MAX_CM : MILAN_MULTIPLE_MAX_CM;
  const what = b.count === 1 ? "single nodule" : `${b.count} nodules`;
  const largest = b.largestKnownCm;
  if (largest !== undefined && largest > limit) {
    return { within: false, why: `${what} with largest ${largest} cm (> ${limit} cm)` };
  }
  if (b.unmeasured > 0) return { within: undefined };
  return { within: true, why: `${what}, largest ${largest} cm (≤ ${limit} cm)` };
}

export function milan(c: ParsedCase): MilanResult {
  return evaluateCriterion(c, {
    rule: MILAN_RULE,
    name: "Milan",
    citation: CITATION,
    size: milanSize,
    extra: () => ({}),
    definition:
      "Milan: 1 nodule ≤ 5.0 cm or 2–3 nodules each ≤ 3.0 cm, no macrovascular invasion, no extrahepatic spread",
  });
}
