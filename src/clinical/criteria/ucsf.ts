/**
 * UCSF criteria (scores.md §6.2; Yao 2001).
 *
 * Within = (1 nodule ≤ 6.5 cm) or (2–3 nodules, largest ≤ 4.5 cm and sum of diameters
 * ≤ 8.0 cm), with no macrovascular invasion or extrahepatic spread. All boundaries inclusive
 * (6.5/6.6, 4.5/4.6, 8.0/8.1).
 *
 * [DECISION] The sum of diameters is rounded to 6 decimals (burden.ts) so that 4.5 + 3.5 is
 * exactly 8.0. With unmeasured nodules, a count > 3, a known largest > 4.5 cm or a known partial
 * sum > 8.0 cm decides "beyond"; otherwise indeterminate.
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

export const UCSF_RULE = "ucsf";
const CITATION = cite("yao2001Ucsf");

export const UCSF_SINGLE_MAX_CM = 6.5;
export const UCSF_MULTIPLE_LARGEST_MAX_CM = 4.5;
export const UCSF_MULTIPLE_SUM_MAX_CM = 8.0;
export const UCSF_MAX_COUNT = 3;

export interface UcsfValues extends TransplantCriterionValues {
  /** Sum of all diameters (cm); `null` when some nodules are unmeasured. */
  readonly totalDiameterCm: number | null;
}

export type UcsfResult = RuleResult<UcsfValues>;

export function ucsfSize(b: TumorBurden): SizeVerdict {
  if (b.count > UCSF_MAX_COUNT) return { within: false, why: `${b.count} nodules (> ${UCSF_MAX_COUNT})` };
  const largest = b.largestKnownCm;
  if (b.count === 1) {
    if (largest !== undefined && largest > UCSF_SINGLE_MAX_CM) {
      return { within: false, why: `single nodule ${largest} cm (> ${UCSF_SINGLE_MAX_CM} cm)` };
    }
    if (b.unmeasured > 0) return { within: undefined };
    return { within: true, why: `single nodule ${largest} cm (≤ ${UCSF_SINGLE_MAX_CM} cm)` };
  }
  if (largest !== undefined && largest > UCSF_MULTIPLE_LARGEST_MAX_CM) {
    return { within: false, why: `largest ${largest} cm (> ${UCSF_MULTIPLE_LARGEST_MAX_CM} cm)` };
  }
  if (b.sumKnownCm > UCSF_MULTIPLE_SUM_MAX_CM) {
    return { within: false, why: `sum of diameters ${b.sumKnownCm} cm (> ${UCSF_MULTIPLE_SUM_MAX_CM} cm)` };
  }
  if (b.unmeasured > 0) return { within: undefined };
  return {
    within: true,
    why: `${b.count} nodules, largest ${largest} cm (≤ ${UCSF_MULTIPLE_LARGEST_MAX_CM}), sum ${b.sumKnownCm} cm (≤ ${UCSF_MULTIPLE_SUM_MAX_CM})`,
  };
}

export function ucsf(c: ParsedCase): UcsfResult {
  return evaluateCriterion(c, {
    rule: UCSF_RULE,
    name: "UCSF",
    citation: CITATION,
    size: ucsfSize,
    extra: (b) => ({ totalDiameterCm: b && b.unmeasured === 0 ? b.sumKnownCm : null }),
    definition:
      "UCSF: 1 nodule ≤ 6.5 cm or 2–3 nodules with largest ≤ 4.5 cm and sum ≤ 8.0 cm, no macrovascular invasion, no extrahepatic spread",
  });
}
