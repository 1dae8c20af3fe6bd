/**
 * Original MELD, UNOS/OPTN Policy 9 form (scores.md §3.1), and the pieces the whole MELD family
 * shares: the lab floor, the sodium bounds, the dialysis default, the integer rounding and the
 * 6–40 reporting range. MELD-Na (`meld-na.ts`) reuses {@link computeMeldI}; MELD 3.0 (`meld3.ts`)
 * reuses the floor, the sodium bounds, the dialysis default and {@link boundScore}. Each threshold
 * and each formula lives here once.
 *
 * Rule (OPTN Policy 9): bilirubin, INR and creatinine below 1.0 are set to 1.0; creatinine above
 * 4.0 mg/dL is set to 4.0, and qualifying dialysis (≥ 2 sessions or ≥ 24 h CVVHD in the 7 days
 * before the creatinine test) sets it to 4.0; MELD(i) = 0.957·ln(Cr) + 0.378·ln(bili) +
 * 1.120·ln(INR) + 0.643; the score is round-half-up of 10 × MELD(i) ("round to the tenth decimal
 * place and multiply by 10"), reported capped at 40 (the floors make 6 the minimum).
 *
 * [DECISION] scores.md §0.3: an absent `dialysis` is read as "not on dialysis", reported as
 * `dialysisApplied: false` with an `assumptions` entry. The UNOS form adds 0.643 for every patient
 * (the 2001 aetiology term is dropped; scores.md §3.1).
 */

import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import {
  type Field,
  gather,
  type Need,
  need,
  notComputed,
  present,
  type RuleResult,
  round4,
  roundHalfUp,
} from "../result.js";
import { formatQuantity, type Quantity } from "../units/quantity.js";

export const MELD_RULE = "meld";
const CITATION = cite("kamath2001Meld", "wiesner2003Meld");

/** Bilirubin, INR and creatinine below 1.0 are set to 1.0 (OPTN Policy 9; MELD 3.0 likewise). */
export const MELD_LAB_FLOOR = 1.0;
/** Creatinine cap, and the value qualifying dialysis substitutes, for MELD and MELD-Na (mg/dL). */
export const MELD_CREATININE_CAP = 4.0;
/** Sodium is bounded to 125–137 mmol/L by MELD-Na (OPTN 2016) and MELD 3.0 (OPTN 9.1.D). */
export const MELD_SODIUM_BOUNDS = [125, 137] as const;
/** Reported range of MELD, MELD-Na and the MELD 3.0 allocation score (OPTN cap at 40). */
export const MELD_SCORE_BOUNDS = [6, 40] as const;

export const DIALYSIS_ASSUMPTION =
  "dialysis not given: treated as not on qualifying dialysis (OPTN MELD: creatinine is set to 4.0 only for stated dialysis; an unknown input is not assumed present)";

/** `x` bounded to [low, high]. */
export function clamp(x: number, low: number, high: number): number {
  return Math.min(Math.max(x, low), high);
}

/** An integer score placed in the reported 6–40 range. */
export function boundScore(score: number): number {
  return clamp(score, MELD_SCORE_BOUNDS[0], MELD_SCORE_BOUNDS[1]);
}

/** Serum sodium (mmol/L) bounded to 125–137. */
export function boundSodium(sodium: number): number {
  return clamp(sodium, MELD_SODIUM_BOUNDS[0], MELD_SODIUM_BOUNDS[1]);
}

/** A lab floored at 1.0 (bilirubin, INR). */
export function floorLab(x: number): number {
  return Math.max(x, MELD_LAB_FLOOR);
}

/** Creatinine as the formula uses it: the cap on qualifying dialysis, else floored and capped. */
export function boundCreatinine(creatinine: number, dialysis: boolean, cap: number): number {
  return dialysis ? cap : clamp(creatinine, MELD_LAB_FLOOR, cap);
}

/**
 * The dialysis input with its documented default: absent → not on dialysis (and said so);
 * an invalid value stays invalid.
 */
export function dialysisInput(c: ParsedCase): {
  readonly field: Field<boolean>;
  readonly assumptions: readonly string[];
} {
  return c.dialysis.state === "absent"
    ? { field: present(false), assumptions: [DIALYSIS_ASSUMPTION] }
    : { field: c.dialysis, assumptions: [] };
}

/** The inputs of MELD(i), with the paths reported when they are missing. */
export function meldNeeds(c: ParsedCase): {
  readonly bilirubin: Need<Quantity>;
  readonly creatinine: Need<Quantity>;
  readonly inr: Need<Quantity>;
  readonly dialysis: Need<boolean>;
} {
  return {
    bilirubin: need("labs.bilirubin", c.labs.bilirubin),
    creatinine: need("labs.creatinine", c.labs.creatinine),
    inr: need("labs.inr", c.labs.inr),
    dialysis: need("dialysis", dialysisInput(c).field),
  };
}

export interface MeldIInputs {
  readonly bilirubin: Quantity;
  readonly creatinine: Quantity;
  readonly inr: Quantity;
  readonly dialysis: boolean;
}

export interface MeldI {
  readonly bilirubinUsed: number;
  readonly creatinineUsed: number;
  readonly inrUsed: number;
  readonly dialysisApplied: boolean;
  /** 10 × MELD(i) before rounding. */
  readonly unrounded: number;
  /** Round-half-up of 10 × MELD(i): the integer MELD(i), not yet capped at 40. */
  readonly meldI: number;
}

/** MELD(i) of OPTN Policy 9 (scores.md §3.1 steps 1–4). */
export function computeMeldI(v: MeldIInputs): MeldI {
  const bilirubinUsed = floorLab(v.bilirubin.canonical);
  const inrUsed = floorLab(v.inr.canonical);
  const creatinineUsed = boundCreatinine(v.creatinine.canonical, v.dialysis, MELD_CREATININE_CAP);
  const unrounded =
    10 *
    (0.957 * Math.log(creatinineUsed) + 0.378 * Math.log(bilirubinUsed) + 1.12 * Math.log(inrUsed) + 0.643);
  return {
    bilirubinUsed,
    creatinineUsed,
    inrUsed,
    dialysisApplied: v.dialysis,
    unrounded,
    meldI: roundHalfUp(unrounded),
  };
}

/** "sodium 141 mmol/L → 137 used": a lab as given, and the value the formula used when bounded. */
export function describeUsed(label: string, q: Quantity, x: number): string {
  return x === q.canonical ? `${label} ${formatQuantity(q)}` : `${label} ${formatQuantity(q)} → ${x} used`;
}

/** "bilirubin 3 mg/dL, creatinine 5 mg/dL → 4 used, INR 1.5, no qualifying dialysis", for reasons. */
export function describeMeldInputs(
  v: MeldIInputs,
  m: Pick<MeldI, "bilirubinUsed" | "creatinineUsed" | "inrUsed">,
): string {
  const creatinine = v.dialysis
    ? `creatinine ${formatQuantity(v.creatinine)} → ${m.creatinineUsed} (qualifying dialysis)`
    : describeUsed("creatinine", v.creatinine, m.creatinineUsed);
  return (
    `${describeUsed("bilirubin", v.bilirubin, m.bilirubinUsed)}, ${creatinine}, ${describeUsed("INR", v.inr, m.inrUsed)}` +
    `${v.dialysis ? "" : ", no qualifying dialysis"}`
  );
}

export interface MeldValues {
  /** MELD capped at 40. */
  readonly score: number;
  /** The integer 10 × MELD(i) before the cap. */
  readonly uncappedScore: number;
  /** 10 × MELD(i) before rounding (4 decimals, display only). */
  readonly unrounded: number;
  readonly bilirubinUsed: number;
  readonly creatinineUsed: number;
  readonly inrUsed: number;
  readonly dialysisApplied: boolean;
}

export type MeldResult = RuleResult<MeldValues>;

/** The part of the reason that only depends on the constants above (built once, not per case). */
const BOUNDS_AND_FORMULA_TEXT =
  `(bilirubin, INR, creatinine floored at ${MELD_LAB_FLOOR.toFixed(1)}; ` +
  `creatinine capped at ${MELD_CREATININE_CAP.toFixed(1)} mg/dL); 10 × [0.957·ln(Cr) + 0.378·ln(bili) + 1.120·ln(INR) + 0.643]`;

/**
 * Original MELD, UNOS/OPTN Policy 9 form (scores.md §3.1). Needs `labs.bilirubin`,
 * `labs.creatinine`, `labs.inr`; `dialysis` defaults to false ([DECISION] §0.3, stated in
 * `assumptions`).
 */
export function meld(c: ParsedCase): MeldResult {
  const g = gather(meldNeeds(c));
  if (!g.ok) return notComputed(MELD_RULE, CITATION, g);
  const m = computeMeldI(g.values);
  const score = boundScore(m.meldI);
  const assumptions = dialysisInput(c).assumptions;
  return {
    status: "ok",
    rule: MELD_RULE,
    score,
    uncappedScore: m.meldI,
    unrounded: round4(m.unrounded),
    bilirubinUsed: m.bilirubinUsed,
    creatinineUsed: m.creatinineUsed,
    inrUsed: m.inrUsed,
    dialysisApplied: m.dialysisApplied,
    reason:
      `MELD ${score}: ${describeMeldInputs(g.values, m)} ${BOUNDS_AND_FORMULA_TEXT} = ` +
      `${round4(m.unrounded)} → ${m.meldI}${m.meldI === score ? "" : `, capped at ${MELD_SCORE_BOUNDS[1]}`}.`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
