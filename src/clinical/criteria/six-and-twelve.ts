/**
 * Six-and-twelve score (scores.md §6.4; Wang 2019), for TACE candidates.
 *
 * Score = largest diameter (cm) + number of nodules. Strata: ≤ 6 low; > 6 and ≤ 12
 * intermediate; > 12 high (reported median OS 49.1, 32.0, 15.8 months).
 *
 * [DECISION] scores.md §6.4: the middle stratum is "> 6 and ≤ 12" (a 2023 table's "7–12"
 * leaves sums such as 6.5 unassigned). Sums rounded to 6 decimals. With unmeasured nodules the
 * known largest + count is a lower bound: above 12 it decides "high", otherwise indeterminate.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { indeterminate, invalid, type RuleResult } from "../result.js";
import { describeBurden, exceeds, largestPlusCount, sizesMissingPath, tumorBurden } from "./burden.js";

export const SIX_AND_TWELVE_RULE = "sixAndTwelve";
const CITATION = cite("wang2019SixAndTwelve");

export const SIX_AND_TWELVE_CUTS = { low: 6, intermediate: 12 } as const;

export type SixAndTwelveStratum = "low" | "intermediate" | "high";

export interface SixAndTwelveValues {
  /** Largest (cm) + number; `null` when decided from a lower bound. */
  readonly sum: number | null;
  readonly stratum: SixAndTwelveStratum;
  readonly tumorCount: number;
  readonly largestCm: number | null;
  readonly unmeasuredNodules: number;
}

export type SixAndTwelveResult = RuleResult<SixAndTwelveValues>;

export function sixAndTwelveStratum(sum: number): SixAndTwelveStratum {
  return sum <= SIX_AND_TWELVE_CUTS.low
    ? "low"
    : sum <= SIX_AND_TWELVE_CUTS.intermediate
      ? "intermediate"
      : "high";
}

export function sixAndTwelve(c: ParsedCase): SixAndTwelveResult {
  const burden = tumorBurden(c);
  if (burden.state === "invalid") return invalid(SIX_AND_TWELVE_RULE, CITATION, burden.errors);
  if (burden.state === "absent") return indeterminate(SIX_AND_TWELVE_RULE, CITATION, ["tumors"]);
  const b = burden.value;
  const s = largestPlusCount(b);
  const high = exceeds(s, SIX_AND_TWELVE_CUTS.intermediate);
  if (!s.exact && !high) {
    return indeterminate(
      SIX_AND_TWELVE_RULE,
      CITATION,
      [sizesMissingPath(b)],
      "(six-and-twelve: largest + number)",
    );
  }
  const stratum = s.exact ? sixAndTwelveStratum(s.value) : "high";
  const sumText = s.exact ? `${b.largestKnownCm} + ${b.count} = ${s.value}` : `at least ${s.lowerBound}`;
  return {
    status: "ok",
    rule: SIX_AND_TWELVE_RULE,
    sum: s.exact ? s.value : null,
    stratum,
    tumorCount: b.count,
    largestCm: s.exact ? (b.largestKnownCm ?? null) : null,
    unmeasuredNodules: b.unmeasured,
    reason:
      `Six-and-twelve ${stratum}: ${describeBurden(b)}; largest + number ${sumText} ` +
      `(low ≤ 6, intermediate > 6 and ≤ 12, high > 12).`,
    citation: CITATION,
  };
}
