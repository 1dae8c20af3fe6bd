/**
 * Up-to-seven (scores.md §6.3; Mazzaferro 2009).
 *
 * Sum = largest diameter (cm) + number of nodules; within if sum ≤ 7 (7.0 within, 7.1 beyond).
 *
 * [DECISION] scores.md §6.3: only the size + number rule is computed (the pre-treatment use:
 * BCLC-B subclassification, TACE suitability). The transplant paper's "without microvascular
 * invasion" is a pathological condition and is not applied; summing all diameters is wrong.
 * [DECISION] The sum is rounded to 6 decimals so that 5.0 + 2 is exactly 7. With unmeasured
 * nodules the known largest + count is a lower bound: above 7 it decides "beyond", otherwise
 * the result is indeterminate.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { indeterminate, invalid, type RuleResult } from "../result.js";
import { describeBurden, exceeds, largestPlusCount, sizesMissingPath, tumorBurden } from "./burden.js";

export const UP_TO_SEVEN_RULE = "upToSeven";
const CITATION = cite("mazzaferro2009UpToSeven");

/** Inclusive upper limit of largest (cm) + number. */
export const UP_TO_SEVEN_MAX = 7;

export interface UpToSevenValues {
  /** Largest (cm) + number; `null` when decided from a lower bound (unmeasured nodules). */
  readonly sum: number | null;
  readonly within: boolean;
  readonly tumorCount: number;
  readonly largestCm: number | null;
  readonly unmeasuredNodules: number;
}

export type UpToSevenResult = RuleResult<UpToSevenValues>;

export function upToSeven(c: ParsedCase): UpToSevenResult {
  const burden = tumorBurden(c);
  if (burden.state === "invalid") return invalid(UP_TO_SEVEN_RULE, CITATION, burden.errors);
  if (burden.state === "absent") return indeterminate(UP_TO_SEVEN_RULE, CITATION, ["tumors"]);
  const b = burden.value;
  const s = largestPlusCount(b);
  const beyond = exceeds(s, UP_TO_SEVEN_MAX);
  if (!s.exact && !beyond) {
    return indeterminate(
      UP_TO_SEVEN_RULE,
      CITATION,
      [sizesMissingPath(b)],
      "(up-to-seven: largest + number ≤ 7)",
    );
  }
  const sumText = s.exact ? `${b.largestKnownCm} + ${b.count} = ${s.value}` : `at least ${s.lowerBound}`;
  return {
    status: "ok",
    rule: UP_TO_SEVEN_RULE,
    sum: s.exact ? s.value : null,
    within: !beyond,
    tumorCount: b.count,
    largestCm: s.exact ? (b.largestKnownCm ?? null) : null,
    unmeasuredNodules: b.unmeasured,
    reason:
      `${beyond ? "Beyond" : "Within"} up-to-seven: ${describeBurden(b)}; largest + number ${sumText} ` +
      `(${beyond ? ">" : "≤"} ${UP_TO_SEVEN_MAX}).`,
    citation: CITATION,
  };
}
