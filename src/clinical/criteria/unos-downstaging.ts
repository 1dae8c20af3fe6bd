/**
 * UNOS / UCSF downstaging inclusion (UNOS-DS), scores.md §6.5 (Yao 2008/2015; wording of the
 * AASLD 2023 practice guidance, Table 4).
 *
 * Beyond Milan, with no macrovascular invasion or extrahepatic spread, and:
 * 1 lesion > 5 and ≤ 8 cm; or 2–3 lesions each ≤ 5 cm with sum ≤ 8 cm; or 4–5 lesions each
 * ≤ 3 cm with sum ≤ 8 cm. Categories: `within-milan` (downstaging not needed), `eligible`,
 * `beyond-inclusion`, `excluded-vascular-or-extrahepatic`.
 * Milan is read from criteria/milan.ts (its thresholds live there).
 * [DECISION] scores.md §6.5: the small-lesion arm is 4–5 lesions (not 3–4).
 * [DECISION] A known macrovascular invasion or extrahepatic spread decides the exclusion even
 * when the tumours are not given.
 * An infiltrative growth pattern excludes (AASLD 2023 Table 4, "criteria for downstaging failure
 * and exclusion from liver transplant": infiltrative tumour growth pattern), category
 * `excluded-infiltrative`. [DECISION] When `infiltrative` is not given an "eligible" result
 * states the nodular pattern it assumes (the reference vectors give no `infiltrative`).
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { describeBurden, macrovascular, sizesMissingPath, tumorBurden } from "./burden.js";
import { type MilanResult, milan as milanRule } from "./milan.js";
import { MISSING } from "./transplant-criteria.js";

export const UNOS_DOWNSTAGING_RULE = "unosDownstaging";
const CITATION = cite("yao2008Downstaging", "aasld2023");

/** Inclusion arms: nodule count range, each-lesion maximum (cm), total maximum (cm). */
export const UNOS_DS_ARMS = [
  { minCount: 1, maxCount: 1, eachMaxCm: 8, totalMaxCm: 8 },
  { minCount: 2, maxCount: 3, eachMaxCm: 5, totalMaxCm: 8 },
  { minCount: 4, maxCount: 5, eachMaxCm: 3, totalMaxCm: 8 },
] as const;

export type UnosDownstagingCategory =
  | "within-milan"
  | "eligible"
  | "beyond-inclusion"
  | "excluded-vascular-or-extrahepatic"
  | "excluded-infiltrative";

export interface UnosDownstagingValues {
  readonly category: UnosDownstagingCategory;
  readonly eligible: boolean;
  /** Sum of the maximal diameters (cm); `null` when decided without the tumours. */
  readonly totalDiameterCm: number | null;
  readonly tumorCount: number | null;
}

export type UnosDownstagingResult = RuleResult<UnosDownstagingValues>;

const DEFINITION =
  "UNOS-DS: beyond Milan and 1 lesion ≤ 8 cm, or 2–3 each ≤ 5 cm with total ≤ 8 cm, or 4–5 each ≤ 3 cm with total ≤ 8 cm; no macrovascular invasion or extrahepatic spread";

export function unosDownstaging(c: ParsedCase, deps: { milan?: MilanResult } = {}): UnosDownstagingResult {
  const burden = tumorBurden(c);
  const mvi = macrovascular(c);
  const ehs = c.extrahepaticSpread;
  const errors: FieldError[] = [];
  const infiltrative = c.infiltrative;
  for (const f of [burden, mvi, ehs, infiltrative]) if (f.state === "invalid") errors.push(...f.errors);
  if (errors.length > 0) return invalid(UNOS_DOWNSTAGING_RULE, CITATION, errors);
  const b = burden.state === "present" ? burden.value : undefined;
  const base = { status: "ok" as const, rule: UNOS_DOWNSTAGING_RULE, citation: CITATION };
  const excluded = [
    ...(mvi.state === "present" && mvi.value ? ["macrovascular invasion"] : []),
    ...(ehs.state === "present" && ehs.value ? ["extrahepatic spread"] : []),
  ];
  if (excluded.length > 0) {
    return {
      ...base,
      category: "excluded-vascular-or-extrahepatic",
      eligible: false,
      totalDiameterCm: b && b.unmeasured === 0 ? b.sumKnownCm : null,
      tumorCount: b ? b.count : null,
      reason: `Not eligible for downstaging: ${excluded.join(" and ")} (${DEFINITION}).`,
    };
  }
  if (infiltrative.state === "present" && infiltrative.value) {
    return {
      ...base,
      category: "excluded-infiltrative",
      eligible: false,
      totalDiameterCm: b && b.unmeasured === 0 ? b.sumKnownCm : null,
      tumorCount: b ? b.count : null,
      reason: `Not eligible for downstaging: infiltrative tumour growth pattern (an exclusion of the UNOS-DS protocol, AASLD 2023 Table 4; ${DEFINITION}).`,
    };
  }
  const infiltrativeAssumption =
    infiltrative.state === "absent"
      ? {
          assumptions: [
            "infiltrative not given: a nodular growth pattern is assumed; an infiltrative tumour excludes downstaging (AASLD 2023 Table 4)",
          ],
        }
      : {};
  const missing: string[] = [];
  if (!b) missing.push(MISSING.tumors);
  else if (b.unmeasured > 0) missing.push(sizesMissingPath(b));
  if (mvi.state !== "present") missing.push(MISSING.macrovascularInvasion);
  if (ehs.state !== "present") missing.push(MISSING.extrahepaticSpread);
  if (missing.length > 0 || !b)
    return indeterminate(UNOS_DOWNSTAGING_RULE, CITATION, missing, `(${DEFINITION})`);
  const m = deps.milan ?? milanRule(c);
  if (m.status !== "ok") {
    return m.status === "invalid"
      ? invalid(UNOS_DOWNSTAGING_RULE, CITATION, m.errors)
      : indeterminate(UNOS_DOWNSTAGING_RULE, CITATION, m.missing);
  }
  const total = b.sumKnownCm;
  const largest = b.largestKnownCm ?? 0;
  const values = { totalDiameterCm: total, tumorCount: b.count };
  if (m.within) {
    return {
      ...base,
      category: "within-milan",
      eligible: false,
      ...values,
      reason: `Within Milan (${describeBurden(b)}): downstaging not needed.`,
    };
  }
  const arm = UNOS_DS_ARMS.find((a) => b.count >= a.minCount && b.count <= a.maxCount);
  const ok = arm !== undefined && largest <= arm.eachMaxCm && total <= arm.totalMaxCm;
  const armText = arm
    ? `${arm.minCount === arm.maxCount ? "1 lesion" : `${arm.minCount}–${arm.maxCount} lesions`} each ≤ ${arm.eachMaxCm} cm, total ≤ ${arm.totalMaxCm} cm`
    : "no inclusion arm for more than 5 lesions";
  return {
    ...base,
    category: ok ? "eligible" : "beyond-inclusion",
    eligible: ok,
    ...values,
    ...(ok ? infiltrativeAssumption : {}),
    reason:
      `${ok ? "Eligible for downstaging" : "Beyond the downstaging inclusion criteria"}: beyond Milan, ${describeBurden(b)}, ` +
      `largest ${largest} cm, total ${total} cm (${armText}); no macrovascular invasion or extrahepatic spread. ` +
      `Success = residual viable tumour within Milan with ≥ 3 months of stability (AFP > 500 ng/mL after ≥ 1000 = failure).`,
  };
}
