/**
 * ART score — Assessment for Retreatment with TACE (Sieghart 2013; scores.md §7.3), assessed
 * before the second TACE against the values before the first:
 * AST rise > 25 % → 4; Child-Pugh score rise of 1 → 1.5, of ≥ 2 → 3; no radiological response
 * (EASL in the paper) → 1. ART 0–1.5: retreatment can be considered; ≥ 2.5: the paper advised
 * against a second TACE (no value between 1.5 and 2.5 is possible).
 *
 * [DECISION] scores.md §7.3: a rise of exactly 25.0 % scores 0 (strictly greater); a fall in the
 * Child-Pugh score scores 0. The AST test is exact: `4·(after − before) > before` on values
 * rounded to 6 decimals and scaled to integers, so 40 → 50 is exactly +25 %.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { gather, need, notComputed, type RuleResult, round4 } from "../result.js";
import { formatQuantity } from "../units/quantity.js";

export const ART_RULE = "art";
const CITATION = cite("sieghart2013Art");

export const ART_POINTS = { astRise: 4, childPughPlus1: 1.5, childPughPlus2: 3, noResponse: 1 } as const;
/** AST rise above which 4 points are given (percent, exclusive). */
export const ART_AST_RISE_PERCENT = 25;
/** Highest score at which retreatment is supported. */
export const ART_RETREAT_MAX = 1.5;

export type ArtGroup = "0-1.5" | ">=2.5";

export interface ArtValues {
  readonly score: number;
  readonly group: ArtGroup;
  readonly retreatmentSupported: boolean;
  readonly astIncreasePercent: number;
  readonly childPughIncrease: number;
  readonly points: { readonly ast: number; readonly childPugh: number; readonly noResponse: number };
}

export type ArtResult = RuleResult<ArtValues>;

/** Integer micro-units of a canonical value (exact comparisons without float drift). */
const micro = (x: number): number => Math.round(x * 1e6);

export function art(c: ParsedCase): ArtResult {
  const g = gather({
    cpBefore: need("tace.childPughScoreBeforeFirst", c.tace.childPughScoreBeforeFirst),
    cpAfter: need("tace.childPughScoreBeforeSecond", c.tace.childPughScoreBeforeSecond),
    astBefore: need("tace.astBeforeFirst", c.tace.astBeforeFirst),
    astAfter: need("tace.astBeforeSecond", c.tace.astBeforeSecond),
    response: need("tace.radiologicResponse", c.tace.radiologicResponse),
  });
  if (!g.ok) return notComputed(ART_RULE, CITATION, g);
  const v = g.values;
  const before = micro(v.astBefore.canonical);
  const after = micro(v.astAfter.canonical);
  const astRise = 100 * (after - before) > ART_AST_RISE_PERCENT * before;
  const cpIncrease = v.cpAfter - v.cpBefore;
  const points = {
    ast: astRise ? ART_POINTS.astRise : 0,
    childPugh: cpIncrease >= 2 ? ART_POINTS.childPughPlus2 : cpIncrease === 1 ? ART_POINTS.childPughPlus1 : 0,
    noResponse: v.response ? 0 : ART_POINTS.noResponse,
  };
  const score = points.ast + points.childPugh + points.noResponse;
  const supported = score <= ART_RETREAT_MAX;
  const astIncreasePercent = round4(((after - before) / before) * 100);
  return {
    status: "ok",
    rule: ART_RULE,
    score,
    group: supported ? "0-1.5" : ">=2.5",
    retreatmentSupported: supported,
    astIncreasePercent,
    childPughIncrease: cpIncrease,
    points,
    reason:
      `ART ${score} (${supported ? "0–1.5: a second TACE can be considered" : "≥ 2.5: the ART paper advised against a second TACE"}): ` +
      `AST ${formatQuantity(v.astBefore)} → ${formatQuantity(v.astAfter)} (${astIncreasePercent > 0 ? "+" : ""}${astIncreasePercent} %; > 25 % → 4) → ${points.ast}; ` +
      `Child-Pugh ${v.cpBefore} → ${v.cpAfter} (+1 → 1.5, ≥ +2 → 3) → ${points.childPugh}; ` +
      `radiological response ${v.response ? "yes" : "no"} (none → 1) → ${points.noResponse}.`,
    citation: CITATION,
  };
}
