/**
 * Body surface area by Mosteller and by DuBois (scores.md §5).
 *
 * Mosteller 1987: BSA (m²) = √(height cm × weight kg / 3600).
 * Du Bois 1916: BSA (m²) = 0.007184 × weight(kg)^0.425 × height(cm)^0.725.
 *
 * Both are returned and neither is chosen: the formulas differ by up to about 7 % at small body
 * sizes, and the protocol that consumes the BSA (drug dosing, BSA-based Y-90 activity) decides
 * which one it uses (scores.md §5). Values are rounded to 4 decimals for display; the consumer
 * rounds as its own protocol says. Height and weight are converted exactly (in × 2.54,
 * lb × 0.45359237) and rounded to 6 decimals, so imperial input reproduces the metric result.
 */

import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { gather, need, notComputed, type RuleResult, round4 } from "../result.js";
import { formatQuantity } from "../units/quantity.js";

export const BSA_RULE = "bsa";
const CITATION = cite("mosteller1987", "dubois1916");

export interface BsaValues {
  /** Mosteller BSA, m² (4 decimals). */
  readonly mosteller: number;
  /** DuBois BSA, m² (4 decimals). */
  readonly dubois: number;
  readonly heightCm: number;
  readonly weightKg: number;
}

export type BsaResult = RuleResult<BsaValues>;

/** Mosteller 1987: √(height cm × weight kg / 3600), m². */
export function mostellerBsa(heightCm: number, weightKg: number): number {
  return Math.sqrt((heightCm * weightKg) / 3600);
}

/** Du Bois 1916: 0.007184 × weight(kg)^0.425 × height(cm)^0.725, m². */
export function duboisBsa(heightCm: number, weightKg: number): number {
  return 0.007184 * weightKg ** 0.425 * heightCm ** 0.725;
}

/** BSA (scores.md §5). Needs `height` and `weight`. */
export function bsa(c: ParsedCase): BsaResult {
  const g = gather({ height: need("height", c.height), weight: need("weight", c.weight) });
  if (!g.ok) return notComputed(BSA_RULE, CITATION, g);
  const heightCm = g.values.height.canonical;
  const weightKg = g.values.weight.canonical;
  const mosteller = round4(mostellerBsa(heightCm, weightKg));
  const dubois = round4(duboisBsa(heightCm, weightKg));
  return {
    status: "ok",
    rule: BSA_RULE,
    mosteller,
    dubois,
    heightCm,
    weightKg,
    reason:
      `Height ${formatQuantity(g.values.height)}, weight ${formatQuantity(g.values.weight)}: ` +
      `Mosteller √(height cm × weight kg / 3600) = ${mosteller} m²; ` +
      `DuBois 0.007184 × weight^0.425 × height^0.725 = ${dubois} m². ` +
      `Both are reported; the consuming protocol chooses the formula.`,
    citation: CITATION,
  };
}
