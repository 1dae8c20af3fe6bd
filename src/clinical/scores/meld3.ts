/**
 * MELD 3.0, OPTN Policy 9.1.D since 13 July 2023 (Kim 2021; scores.md §3.3).
 *
 * MELD 3.0 = 1.33·F + 4.56·ln(bili) + 0.82·(137 − Na) − 0.24·(137 − Na)·ln(bili) + 9.09·ln(INR)
 * + 11.14·ln(Cr) + 1.85·(3.5 − Alb) − 1.83·(3.5 − Alb)·ln(Cr) + 6, with bilirubin and creatinine in
 * mg/dL, albumin in g/dL, sodium in mmol/L. Bilirubin, INR and creatinine are floored at 1.0;
 * creatinine is capped at 3.0 mg/dL and qualifying dialysis sets it to 3.0; sodium is bounded to
 * 125–137 and albumin to 1.5–3.5 g/dL. No "> 11" gate. Rounded half up.
 *
 * F = 1 for female candidates and, under OPTN policy, for every candidate aged 12–17 whatever the
 * sex. The age is `ageAtListingYears` when given, else `ageYears`; without any age the published
 * adult formula applies (no age term; said in `assumptions`). Age < 12 is invalid (PELD applies).
 *
 * [DECISION] scores.md §3.3: `score` is the rounded, uncapped value and `allocationScore` the
 * score clamped to 6–40 (OPTN allocation still caps at 40; Kim 2021 intended to remove the cap).
 * [DECISION] §0.3: absent `dialysis` is read as false and said so.
 * [DECISION] (reference silent): when an age of 12–17 is given, `sex` is not required, since the
 * term is 1.33 either way; any invalid age field makes the result invalid.
 */

import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import {
  type FieldError,
  gather,
  invalid,
  need,
  notComputed,
  type RuleResult,
  round4,
  roundHalfUp,
} from "../result.js";
import {
  boundCreatinine,
  boundScore,
  boundSodium,
  clamp,
  describeMeldInputs,
  describeUsed,
  dialysisInput,
  floorLab,
  MELD_LAB_FLOOR,
  MELD_SCORE_BOUNDS,
  MELD_SODIUM_BOUNDS,
  meldNeeds,
} from "./meld.js";

export const MELD3_RULE = "meld3";
const CITATION = cite("kim2021Meld3");

/** Creatinine cap and dialysis substitute in MELD 3.0 (mg/dL), lower than MELD's 4.0. */
export const MELD3_CREATININE_CAP = 3.0;
/** Albumin bounds in MELD 3.0 (g/dL). */
export const MELD3_ALBUMIN_BOUNDS = [1.5, 3.5] as const;
/** The female / adolescent term. */
export const MELD3_SEX_TERM = 1.33;
/** Candidates aged 12–17 get {@link MELD3_SEX_TERM} whatever their sex; below 12 PELD applies. */
export const MELD3_ADOLESCENT_AGES = [12, 17] as const;

export const NO_AGE_ASSUMPTION =
  "age not given: the published adult formula is applied, without the OPTN 12–17 age term (Kim 2021)";

export interface Meld3Values {
  /** Rounded, uncapped MELD 3.0. */
  readonly score: number;
  /** Score clamped to 6–40, as used for OPTN allocation. */
  readonly allocationScore: number;
  /** Formula value before rounding (4 decimals, display only). */
  readonly raw: number;
  /** 1.33 for female candidates and candidates aged 12–17, else 0. */
  readonly sexTerm: number;
  /** Whether the 12–17 age rule decided the sex term. */
  readonly adolescentTermApplied: boolean;
  readonly bilirubinUsed: number;
  readonly creatinineUsed: number;
  readonly inrUsed: number;
  readonly sodiumUsed: number;
  readonly albuminUsed: number;
  readonly dialysisApplied: boolean;
}

export type Meld3Result = RuleResult<Meld3Values>;

/** The age that decides the OPTN age rules: at listing when given, else current. */
function ageInput(
  c: ParsedCase,
):
  | { readonly kind: "invalid"; readonly errors: readonly FieldError[] }
  | { readonly kind: "known"; readonly path: string; readonly years: number }
  | { readonly kind: "unknown" } {
  const errors = [c.ageAtListingYears, c.ageYears].flatMap((f) => (f.state === "invalid" ? f.errors : []));
  if (errors.length > 0) return { kind: "invalid", errors };
  if (c.ageAtListingYears.state === "present") {
    return { kind: "known", path: "ageAtListingYears", years: c.ageAtListingYears.value };
  }
  if (c.ageYears.state === "present") return { kind: "known", path: "ageYears", years: c.ageYears.value };
  return { kind: "unknown" };
}

/** The parts of the reason that only depend on the constants above (built once, not per case). */
const RANGE_TEXT = `range ${MELD_SCORE_BOUNDS.join("–")}`;
const BOUNDS_TEXT = `(floors ${MELD_LAB_FLOOR.toFixed(1)}; creatinine ≤ ${MELD3_CREATININE_CAP.toFixed(1)} mg/dL; sodium ${MELD_SODIUM_BOUNDS.join("–")}; albumin ${MELD3_ALBUMIN_BOUNDS.join("–")} g/dL)`;
const FORMULA_TEXT =
  `${MELD3_SEX_TERM}·F + 4.56·ln(bili) + 0.82·(${MELD_SODIUM_BOUNDS[1]} − Na) − 0.24·(${MELD_SODIUM_BOUNDS[1]} − Na)·ln(bili) + 9.09·ln(INR) + ` +
  `11.14·ln(Cr) + 1.85·(${MELD3_ALBUMIN_BOUNDS[1]} − Alb) − 1.83·(${MELD3_ALBUMIN_BOUNDS[1]} − Alb)·ln(Cr) + 6`;

/**
 * MELD 3.0 (scores.md §3.3). Needs `labs.bilirubin`, `labs.creatinine`, `labs.inr`,
 * `labs.sodium`, `labs.albumin` and `sex` (not `sex` when the age is 12–17).
 */
export function meld3(c: ParsedCase): Meld3Result {
  const age = ageInput(c);
  const [adolescentMin, adolescentMax] = MELD3_ADOLESCENT_AGES;
  const child = age.kind === "known" && age.years < adolescentMin;
  const adolescent = age.kind === "known" && !child && age.years <= adolescentMax;
  const { bilirubin, creatinine, inr, dialysis } = meldNeeds(c);
  const g = gather({
    bilirubin,
    creatinine,
    inr,
    sodium: need("labs.sodium", c.labs.sodium),
    albumin: need("labs.albumin", c.labs.albumin),
    dialysis,
    ...(adolescent ? {} : { sex: need("sex", c.sex) }),
  });
  // Every reason not to compute is reported at once: invalid fields, and an age below 12.
  const errors: FieldError[] = [
    ...(age.kind === "invalid" ? age.errors : []),
    ...(!g.ok && g.status === "invalid" ? g.errors : []),
    ...(child
      ? [
          {
            path: age.path,
            code: "not-applicable" as const,
            message: `${age.path} ${age.years} years: MELD 3.0 applies from age ${adolescentMin}; PELD applies below it`,
          },
        ]
      : []),
  ];
  if (errors.length > 0) return invalid(MELD3_RULE, CITATION, errors);
  if (!g.ok) return notComputed(MELD3_RULE, CITATION, g);
  const v = g.values;
  const female = !adolescent && "sex" in v && v.sex === "female";
  const sexTerm = adolescent || female ? MELD3_SEX_TERM : 0;

  const bilirubinUsed = floorLab(v.bilirubin.canonical);
  const inrUsed = floorLab(v.inr.canonical);
  const creatinineUsed = boundCreatinine(v.creatinine.canonical, v.dialysis, MELD3_CREATININE_CAP);
  const sodiumUsed = boundSodium(v.sodium.canonical);
  const albuminUsed = clamp(v.albumin.canonical, MELD3_ALBUMIN_BOUNDS[0], MELD3_ALBUMIN_BOUNDS[1]);
  const lnBili = Math.log(bilirubinUsed);
  const lnCr = Math.log(creatinineUsed);
  const naMax = MELD_SODIUM_BOUNDS[1];
  const albMax = MELD3_ALBUMIN_BOUNDS[1];
  const naDeficit = naMax - sodiumUsed;
  const albDeficit = albMax - albuminUsed;
  const raw =
    sexTerm +
    4.56 * lnBili +
    0.82 * naDeficit -
    0.24 * naDeficit * lnBili +
    9.09 * Math.log(inrUsed) +
    11.14 * lnCr +
    1.85 * albDeficit -
    1.83 * albDeficit * lnCr +
    6;
  const score = roundHalfUp(raw);
  const allocationScore = boundScore(score);

  const sexText = adolescent
    ? `age ${age.kind === "known" ? age.years : ""} (${adolescentMin}–${adolescentMax}) → +${MELD3_SEX_TERM} whatever the sex`
    : `${female ? "female" : "male"} → +${sexTerm}`;
  const assumptions = [
    ...dialysisInput(c).assumptions,
    ...(age.kind === "unknown" ? [NO_AGE_ASSUMPTION] : []),
  ];
  return {
    status: "ok",
    rule: MELD3_RULE,
    score,
    allocationScore,
    raw: round4(raw),
    sexTerm,
    adolescentTermApplied: adolescent,
    bilirubinUsed,
    creatinineUsed,
    inrUsed,
    sodiumUsed,
    albuminUsed,
    dialysisApplied: v.dialysis,
    reason:
      `MELD 3.0 ${score} (allocation ${allocationScore}, ${RANGE_TEXT}): ` +
      `${describeMeldInputs(v, { bilirubinUsed, creatinineUsed, inrUsed })}, ` +
      `${describeUsed("sodium", v.sodium, sodiumUsed)}, ` +
      `${describeUsed("albumin", v.albumin, albuminUsed)}, ${sexText} ` +
      `${BOUNDS_TEXT}; ${FORMULA_TEXT} = ${round4(raw)} → ${score}.`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
