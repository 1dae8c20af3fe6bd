/**
 * Metroticket 2.0, simplified ≥ 70 % 5-year HCC-specific survival rule (Mazzaferro 2018),
 * scores.md §6.6. Sum = largest diameter (cm) + number of tumours. Maximum sum by AFP (ng/mL):
 * < 200 → 7; 200–400 → 5; > 400–1000 → 4; > 1000 → not eligible. No MVI and no EHS required.
 * The continuous competing-risk model is NOT implemented (coefficients not retrievable).
 * [DECISION] scores.md §6.6: band edges 200 and 400 belong to the 200–400 band; 1000 to
 * > 400–1000 (vectors mt-02, mt-04, mt-06).
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { conversionAssumptions, formatQuantity } from "../units/quantity.js";
import { largestPlusCount, macrovascular, sizesMissingPath, tumorBurden } from "./burden.js";
import { MISSING } from "./transplant-criteria.js";

export const METROTICKET2_RULE = "metroticket2";
const CITATION = cite("mazzaferro2018Metroticket2");

export type AfpBand = "<200" | "200-400" | ">400-1000" | ">1000";

export const METROTICKET2_BANDS: readonly { band: AfpBand; upTo: number; maxSum: number | null }[] = [
  { band: "<200", upTo: 200, maxSum: 7 }, // AFP < 200
  { band: "200-400", upTo: 400, maxSum: 5 }, // 200 ≤ AFP ≤ 400
  { band: ">400-1000", upTo: 1000, maxSum: 4 }, // 400 < AFP ≤ 1000
  { band: ">1000", upTo: Number.POSITIVE_INFINITY, maxSum: null },
];

export function afpBand(afp: number): (typeof METROTICKET2_BANDS)[number] {
  if (afp < 200) return METROTICKET2_BANDS[0] as (typeof METROTICKET2_BANDS)[number];
  if (afp <= 400) return METROTICKET2_BANDS[1] as (typeof METROTICKET2_BANDS)[number];
  if (afp <= 1000) return METROTICKET2_BANDS[2] as (typeof METROTICKET2_BANDS)[number];
  return METROTICKET2_BANDS[3] as (typeof METROTICKET2_BANDS)[number];
}

export interface Metroticket2Values {
  readonly sum: number;
  readonly afpBand: AfpBand;
  readonly maxSum: number | null;
  readonly within: boolean;
}

export type Metroticket2Result = RuleResult<Metroticket2Values>;

export function metroticket2(c: ParsedCase): Metroticket2Result {
  const burden = tumorBurden(c);
  const afp = c.labs.afp;
  const mvi = macrovascular(c);
  const ehs = c.extrahepaticSpread;
  const errors: FieldError[] = [];
  for (const f of [burden, afp, mvi, ehs]) if (f.state === "invalid") errors.push(...f.errors);
  if (errors.length > 0) return invalid(METROTICKET2_RULE, CITATION, errors);
  const missing: string[] = [];
  if (burden.state === "absent") missing.push(MISSING.tumors);
  else if (burden.state === "present" && burden.value.unmeasured > 0)
    missing.push(sizesMissingPath(burden.value));
  if (afp.state === "absent") missing.push("afp");
  if (mvi.state === "absent") missing.push(MISSING.macrovascularInvasion);
  if (ehs.state === "absent") missing.push(MISSING.extrahepaticSpread);
  if (
    missing.length > 0 ||
    burden.state !== "present" ||
    afp.state !== "present" ||
    mvi.state !== "present" ||
    ehs.state !== "present"
  ) {
    return indeterminate(
      METROTICKET2_RULE,
      CITATION,
      missing,
      "(Metroticket 2.0: largest + number by AFP band)",
    );
  }
  const s = largestPlusCount(burden.value);
  const sum = s.exact ? s.value : s.lowerBound;
  const band = afpBand(afp.value.canonical);
  const excluded = [
    ...(mvi.value ? ["macrovascular invasion"] : []),
    ...(ehs.value ? ["extrahepatic spread"] : []),
  ];
  const within = band.maxSum !== null && sum <= band.maxSum && excluded.length === 0;
  const assumptions = conversionAssumptions(afp.value);
  return {
    status: "ok",
    rule: METROTICKET2_RULE,
    sum,
    afpBand: band.band,
    maxSum: band.maxSum,
    within,
    reason:
      `Metroticket 2.0 (simplified): largest + number = ${sum}; AFP ${formatQuantity(afp.value)} → band ${band.band}, ` +
      `${band.maxSum === null ? "not eligible (AFP > 1000)" : `maximum ${band.maxSum}`}` +
      `${excluded.length > 0 ? `; ${excluded.join(" and ")} excludes` : ""} → ${within ? "within" : "beyond"} ` +
      `(≥ 70 % 5-year HCC-specific survival rule; the continuous model is not implemented).`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
