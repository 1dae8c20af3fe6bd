/**
 * mHAP-II, scores.md §7.2 (Park 2016): HAP plus 1 point for ≥ 2 tumours. Classes A = 0, B = 1,
 * C = 2, D ≥ 3. The HAP thresholds are those of scores/hap.ts (one place).
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { indeterminate, invalid, type RuleResult } from "../result.js";
import { type HapClass, type HapPoints, hapClass, hapInputs, hapPoints } from "./hap.js";

export const MHAP2_RULE = "mhap2";
const CITATION = cite("park2016Mhap2", "kadalayil2013Hap");
/** Number of tumours at or above which mHAP-II adds a point. */
export const MHAP2_MULTIPLE = 2;

export interface Mhap2Values {
  readonly score: number;
  readonly class: HapClass;
  readonly points: HapPoints & { readonly number: 0 | 1 };
}

export type Mhap2Result = RuleResult<Mhap2Values>;

export function mhap2(c: ParsedCase): Mhap2Result {
  const i = hapInputs(c);
  if (!i.ok) {
    return i.errors.length > 0
      ? invalid(MHAP2_RULE, CITATION, i.errors)
      : indeterminate(MHAP2_RULE, CITATION, i.missing);
  }
  const points = { ...hapPoints(i), number: i.count >= MHAP2_MULTIPLE ? (1 as const) : (0 as const) };
  const score = points.albumin + points.afp + points.bilirubin + points.size + points.number;
  const cls = hapClass(score);
  return {
    status: "ok",
    rule: MHAP2_RULE,
    score,
    class: cls,
    points,
    reason:
      `mHAP-II ${score} (class ${cls}; A 0, B 1, C 2, D ≥ 3): ${i.text}, ${i.count} tumour(s); HAP points ` +
      `${points.albumin}+${points.afp}+${points.bilirubin}+${points.size} plus ${points.number} for ≥ 2 tumours.`,
    citation: CITATION,
    ...(i.assumptions.length > 0 ? { assumptions: i.assumptions } : {}),
  };
}
