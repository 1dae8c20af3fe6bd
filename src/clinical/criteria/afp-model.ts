/**
 * AFP model (French AFP score; Duvoux 2012), scores.md §6.7.
 * Largest diameter: ≤ 3 cm 0, > 3–≤ 6 cm 1, > 6 cm 4. Number: 1–3 0, ≥ 4 2.
 * AFP (ng/mL): ≤ 100 0, > 100–≤ 1000 2, > 1000 3. Score ≤ 2 low risk; > 2 high risk.
 * [DECISION] scores.md §6.7: the published bands "3–6" and "100–1000" are read with closed
 * upper ends.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { conversionAssumptions, formatQuantity } from "../units/quantity.js";
import { sizesMissingPath, tumorBurden } from "./burden.js";

export const AFP_MODEL_RULE = "afpModel";
const CITATION = cite("duvoux2012AfpModel");

export const AFP_MODEL_CUTS = {
  size: { low: 3, high: 6, points: [0, 1, 4] },
  number: { atLeast: 4, points: [0, 2] },
  afp: { low: 100, high: 1000, points: [0, 2, 3] },
  lowRiskMax: 2,
} as const;

const { size: S, number: N, afp: A, lowRiskMax } = AFP_MODEL_CUTS;
/** The point table as text, from the cut-offs above (one place for the thresholds). */
const SIZE_TEXT = `≤ ${S.low}: ${S.points[0]}, > ${S.low}–${S.high}: ${S.points[1]}, > ${S.high}: ${S.points[2]}`;
const NUMBER_TEXT = `≥ ${N.atLeast}: ${N.points[1]}`;
const AFP_TEXT = `≤ ${A.low}: ${A.points[0]}, > ${A.low}–${A.high}: ${A.points[1]}, > ${A.high}: ${A.points[2]}`;

export interface AfpModelValues {
  readonly score: number;
  readonly risk: "low" | "high";
  readonly points: { readonly size: number; readonly number: number; readonly afp: number };
}

export type AfpModelResult = RuleResult<AfpModelValues>;

export function afpModel(c: ParsedCase): AfpModelResult {
  const burden = tumorBurden(c);
  const afp = c.labs.afp;
  const errors: FieldError[] = [];
  for (const f of [burden, afp]) if (f.state === "invalid") errors.push(...f.errors);
  if (errors.length > 0) return invalid(AFP_MODEL_RULE, CITATION, errors);
  const missing: string[] = [];
  const b = burden.state === "present" ? burden.value : undefined;
  const largest = b?.largestKnownCm;
  // The size points are decided by a known nodule > 6 cm even if others are unmeasured.
  if (!b) missing.push("tumors");
  else if (largest === undefined || (b.unmeasured > 0 && largest <= AFP_MODEL_CUTS.size.high)) {
    missing.push(sizesMissingPath(b));
  }
  if (afp.state === "absent") missing.push("afp");
  if (missing.length > 0 || !b || largest === undefined || afp.state !== "present") {
    return indeterminate(AFP_MODEL_RULE, CITATION, missing, "(AFP model: largest diameter, number, AFP)");
  }
  const s = AFP_MODEL_CUTS.size;
  const a = AFP_MODEL_CUTS.afp;
  const v = afp.value.canonical;
  const points = {
    size: largest <= s.low ? s.points[0] : largest <= s.high ? s.points[1] : s.points[2],
    number:
      b.count >= AFP_MODEL_CUTS.number.atLeast
        ? AFP_MODEL_CUTS.number.points[1]
        : AFP_MODEL_CUTS.number.points[0],
    afp: v <= a.low ? a.points[0] : v <= a.high ? a.points[1] : a.points[2],
  };
  const score = points.size + points.number + points.afp;
  const risk = score <= AFP_MODEL_CUTS.lowRiskMax ? "low" : "high";
  const assumptions = conversionAssumptions(afp.value);
  return {
    status: "ok",
    rule: AFP_MODEL_RULE,
    score,
    risk,
    points,
    reason:
      `AFP model ${score} (${risk} risk; ≤ ${lowRiskMax} low, > ${lowRiskMax} high): largest ${largest} cm → ${points.size} (${SIZE_TEXT}); ` +
      `${b.count} nodule(s) → ${points.number} (${NUMBER_TEXT}); AFP ${formatQuantity(afp.value)} → ${points.afp} (${AFP_TEXT}).`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
