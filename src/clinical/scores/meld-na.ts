/**
 * MELD-Na, OPTN form (January 2016 – July 2023; scores.md §3.2).
 *
 * Compute the integer MELD(i) of OPTN Policy 9 ({@link computeMeldI}); bound sodium to
 * 125–137 mmol/L; only if MELD(i) > 11: MELD-Na = MELD(i) + 1.32 × (137 − Na) − 0.033 × MELD(i) ×
 * (137 − Na), rounded half up; otherwise MELD-Na = MELD(i). Reported capped at 40.
 *
 * [DECISION] scores.md §3.4: the OPTN 2016 form (not the Kim 2008 NEJM form with sodium 125–140),
 * with the integer MELD(i) (not the unrounded one used by some packages). The 40 cap is applied
 * once, at the end; MELD(i) enters the sodium step uncapped (the cap's position makes no difference
 * to the score, §3.2). [DECISION] §0.3: absent `dialysis` is read as false and said so.
 */

import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { gather, need, notComputed, type RuleResult, round4, roundHalfUp } from "../result.js";
import {
  boundScore,
  boundSodium,
  computeMeldI,
  describeMeldInputs,
  describeUsed,
  dialysisInput,
  MELD_SODIUM_BOUNDS,
  meldNeeds,
} from "./meld.js";

export const MELD_NA_RULE = "meldNa";
const CITATION = cite("kim2008MeldNa", "kamath2001Meld");

/** The sodium term applies only when MELD(i) is above 11 (OPTN 2016). */
export const MELD_NA_GATE = 11;

export interface MeldNaValues {
  /** MELD-Na capped at 40. */
  readonly score: number;
  /** The integer MELD(i) the sodium step starts from. */
  readonly meldI: number;
  /** MELD-Na before rounding (4 decimals, display only); equals MELD(i) when the gate is closed. */
  readonly unroundedMeldNa: number;
  /** Whether MELD(i) > 11, so that the sodium term was applied. */
  readonly sodiumTermApplied: boolean;
  readonly sodiumUsed: number;
  readonly bilirubinUsed: number;
  readonly creatinineUsed: number;
  readonly inrUsed: number;
  readonly dialysisApplied: boolean;
}

export type MeldNaResult = RuleResult<MeldNaValues>;

/** The sodium step of OPTN 2016 on an integer MELD(i) and a bounded sodium. */
export function sodiumAdjusted(meldI: number, sodiumUsed: number): number {
  if (meldI <= MELD_NA_GATE) return meldI;
  const deficit = MELD_SODIUM_BOUNDS[1] - sodiumUsed;
  return meldI + 1.32 * deficit - 0.033 * meldI * deficit;
}

/**
 * MELD-Na, OPTN 2016 (scores.md §3.2). Needs the MELD inputs and `labs.sodium` (listed as
 * missing even when MELD(i) ≤ 11 would make it irrelevant: the score's inputs are stated up front).
 */
export function meldNa(c: ParsedCase): MeldNaResult {
  const g = gather({ ...meldNeeds(c), sodium: need("labs.sodium", c.labs.sodium) });
  if (!g.ok) return notComputed(MELD_NA_RULE, CITATION, g);
  const v = g.values;
  const m = computeMeldI(v);
  const sodiumUsed = boundSodium(v.sodium.canonical);
  const applied = m.meldI > MELD_NA_GATE;
  const unroundedMeldNa = sodiumAdjusted(m.meldI, sodiumUsed);
  const rounded = roundHalfUp(unroundedMeldNa);
  const score = boundScore(rounded);
  const [naLow, naHigh] = MELD_SODIUM_BOUNDS;
  const sodiumText = `${describeUsed("sodium", v.sodium, sodiumUsed)} (bounds ${naLow}–${naHigh} mmol/L)`;
  const step = applied
    ? `MELD(i) ${m.meldI} > ${MELD_NA_GATE}, so MELD(i) + 1.32 × (${naHigh} − Na) − 0.033 × MELD(i) × (${naHigh} − Na) = ${round4(unroundedMeldNa)} → ${rounded}`
    : `MELD(i) ${m.meldI} ≤ ${MELD_NA_GATE}, so no sodium term: MELD-Na = MELD(i)`;
  const assumptions = dialysisInput(c).assumptions;
  return {
    status: "ok",
    rule: MELD_NA_RULE,
    score,
    meldI: m.meldI,
    unroundedMeldNa: round4(unroundedMeldNa),
    sodiumTermApplied: applied,
    sodiumUsed,
    bilirubinUsed: m.bilirubinUsed,
    creatinineUsed: m.creatinineUsed,
    inrUsed: m.inrUsed,
    dialysisApplied: m.dialysisApplied,
    reason:
      `MELD-Na ${score}: ${describeMeldInputs(v, m)}, ${sodiumText}; ${step}` +
      `${rounded === score ? "" : `, capped at ${score}`}.`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
