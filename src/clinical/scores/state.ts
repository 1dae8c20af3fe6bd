/**
 * STATE score and the START strategy (Hucke 2014), scores.md §7.5.
 * STATE = albumin (g/L) − 12 if beyond up-to-seven − 12 if CRP ≥ 1 mg/dL (10 mg/L).
 * < 18 low (unsuitable for a first TACE); ≥ 18 high. START: STATE before the first TACE, ART
 * before the second. An external validation found STATE unreliable on its own.
 * Up-to-seven is read from criteria/up-to-seven.ts (its threshold lives there).
 * Compared unrounded (scores.md §0.2); reported to 4 decimals.
 */
import type { ParsedCase } from "../case/types.js";
import { type UpToSevenResult, upToSeven as upToSevenRule } from "../criteria/up-to-seven.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult, round4 } from "../result.js";
import { formatQuantity, inUnit } from "../units/quantity.js";

export const STATE_RULE = "state";
const CITATION = cite("hucke2014State");

export const STATE_CUTS = { high: 18, crpMgPerDl: 1, penalty: 12 } as const;

export interface StateValues {
  readonly score: number;
  readonly group: "low" | "high";
  readonly beyondUpToSeven: boolean;
  readonly crpAtLeast1mgdl: boolean;
  /** The START strategy step this score serves. */
  readonly start: string;
}

export type StateResult = RuleResult<StateValues>;

export function state(c: ParsedCase, deps: { upToSeven?: UpToSevenResult } = {}): StateResult {
  const u7 = deps.upToSeven ?? upToSevenRule(c);
  const errors: FieldError[] = [];
  const missing: string[] = [];
  const alb = c.labs.albumin;
  const crp = c.labs.crp;
  if (alb.state === "invalid") errors.push(...alb.errors);
  else if (alb.state === "absent") missing.push("labs.albumin");
  if (u7.status === "invalid") errors.push(...u7.errors);
  else if (u7.status === "indeterminate") missing.push(...u7.missing);
  if (crp.state === "invalid") errors.push(...crp.errors);
  else if (crp.state === "absent") missing.push("labs.crp");
  if (errors.length > 0) return invalid(STATE_RULE, CITATION, errors);
  if (missing.length > 0 || alb.state !== "present" || crp.state !== "present" || u7.status !== "ok") {
    return indeterminate(STATE_RULE, CITATION, missing);
  }
  const albGL = inUnit(alb.value, "g/L");
  const beyond = !u7.within;
  const crpHigh = crp.value.canonical >= STATE_CUTS.crpMgPerDl;
  const score = albGL - (beyond ? STATE_CUTS.penalty : 0) - (crpHigh ? STATE_CUTS.penalty : 0);
  const group = score < STATE_CUTS.high ? "low" : "high";
  const start =
    group === "low"
      ? "START: STATE < 18 — unsuitable for a first TACE in the derivation cohort; discuss alternatives. Apply ART before a second TACE."
      : "START: STATE ≥ 18 — suitable for a first TACE; apply ART before the second.";
  return {
    status: "ok",
    rule: STATE_RULE,
    score: round4(score),
    group,
    beyondUpToSeven: beyond,
    crpAtLeast1mgdl: crpHigh,
    start,
    reason:
      `STATE ${round4(score)} (${group}; < ${STATE_CUTS.high} low, ≥ ${STATE_CUTS.high} high): albumin ${formatQuantity(alb.value)} = ${albGL} g/L` +
      `${beyond ? ` − ${STATE_CUTS.penalty} (beyond up-to-seven)` : " (within up-to-seven)"}` +
      `${crpHigh ? ` − ${STATE_CUTS.penalty} (CRP ${formatQuantity(crp.value)} ≥ ${STATE_CUTS.crpMgPerDl} mg/dL)` : ` (CRP ${formatQuantity(crp.value)} < ${STATE_CUTS.crpMgPerDl} mg/dL)`}. ${start} ` +
      `An external validation found STATE unreliable on its own.`,
    citation: CITATION,
  };
}
