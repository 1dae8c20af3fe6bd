/**
 * Chemotherapy doses for cTACE, DEB-TACE and FOLFOX-HAIC (staging-treatment.md §4.1–4.2): the
 * documented ranges scaled by body-surface area, the per-session caps, and flags — never a
 * prescription. The operator's protocol decides.
 *
 * - cTACE: doxorubicin 50–75 mg/m² or a fixed 30–75 mg per session; epirubicin 30–60 mg fixed;
 *   Lipiodol about 1 mL per cm of tumour diameter, usually ≤ 15–20 mL per session (Chinese
 *   practice 5–20 mL, not above about 30 mL) [UNVERIFIED practice ranges].
 * - DEB-TACE: doxorubicin loading about 25–37.5 mg per mL of beads, ≤ 150 mg per session
 *   (PRECISION V).
 * - Cumulative doxorubicin ceiling about 450–550 mg/m² (label).
 * - Hepatic impairment (doxorubicin label: "serum bilirubin 1.2 to 3 mg/dL: 50 %; 3.1 to 5
 *   mg/dL: 25 %; > 5 mg/dL: do not administer"): the bands are closed at their lower ends as the
 *   label writes them — 1.2 is already 50 %, 3.0 still 50 %, above 3.0 (the label's 3.1) 25 %,
 *   above 5.0 not given. The factor is applied to every doxorubicin amount returned (cTACE by
 *   BSA and fixed, DEB-TACE), each stating its band; epirubicin has bands of its own label that
 *   are not encoded here, so its range is returned unadjusted and says so.
 * - FOLFOX-HAIC every 3 weeks: oxaliplatin 85 mg/m² (He 2019) or 130 mg/m² (FOHAIC-1);
 *   leucovorin 400 mg/m²; 5-FU 400 mg/m² bolus then 2400 mg/m² over 46 h (He 2019) or 24 h
 *   (FOHAIC-1) [UNVERIFIED infusion times].
 *
 * [DECISION] BSA for chemotherapy is Mosteller (dosing/bsa.ts); the reference leaves the formula
 * to the consuming protocol, so the choice is stated in `assumptions`.
 * [DECISION] The Lipiodol suggestion uses the sum of the measured diameters, capped at 20 mL.
 */
import type { ParsedCase } from "../case/types.js";
import { tumorBurden } from "../criteria/burden.js";
import { cite } from "../evidence/index.js";
import { en } from "../messages/catalogue.js";
import { notComputed, type RuleResult, round4 } from "../result.js";
import { type BsaResult, bsa as bsaRule } from "./bsa.js";

export const CHEMO_RULE = "doses";
const CITATION = cite(
  "llovet2002Tace",
  "lammer2010PrecisionV",
  "doxorubicinLabel",
  "he2019Haic",
  "lyu2022Fohaic1",
);

export const DOXORUBICIN_MG_PER_M2 = { low: 50, high: 75 } as const;
export const DOXORUBICIN_FIXED_MG = { low: 30, high: 75 } as const;
export const EPIRUBICIN_FIXED_MG = { low: 30, high: 60 } as const;
export const DEB_MAX_DOXORUBICIN_MG = 150;
export const DEB_LOADING_MG_PER_ML = { low: 25, high: 37.5 } as const;
export const DOXORUBICIN_LIFETIME_MG_PER_M2 = { low: 450, high: 550 } as const;
export const LIPIODOL_ML = { perCm: 1, usualMax: 20, cnMax: 30 } as const;
/** Doxorubicin label bands (mg/dL), checked in order: `from` inclusive (≥) or exclusive (>). */
export const HEPATIC_REDUCTION = [
  { from: 5.0, inclusive: false, factor: 0, text: "bilirubin > 5 mg/dL: doxorubicin not to be given" },
  { from: 3.0, inclusive: false, factor: 0.25, text: "bilirubin 3.1–5 mg/dL (> 3): give 25 % of the dose" },
  { from: 1.2, inclusive: true, factor: 0.5, text: "bilirubin 1.2–3 mg/dL: give 50 % of the dose" },
] as const;
const NO_REDUCTION = "bilirubin < 1.2 mg/dL: no hepatic dose reduction";
export const FOLFOX_HAIC = {
  he2019: {
    oxaliplatin: 85,
    leucovorin: 400,
    fluorouracilBolus: 400,
    fluorouracilInfusion: 2400,
    infusionHours: 46,
  },
  fohaic1: {
    oxaliplatin: 130,
    leucovorin: 400,
    fluorouracilBolus: 400,
    fluorouracilInfusion: 2400,
    infusionHours: 24,
  },
} as const;

type Range = { readonly lowMg: number; readonly highMg: number };
/** A doxorubicin amount after the hepatic band: the band it used and its factor. */
type Dose = Range & { readonly band: string; readonly factor: number | null };

export interface ChemoValues {
  readonly bsaM2: number;
  readonly bsaFormula: "mosteller";
  readonly ctace: {
    readonly doxorubicinByBsa: Dose;
    readonly doxorubicinFixed: Dose;
    readonly epirubicinFixed: Dose;
    readonly lipiodolMl: {
      readonly suggested: number | null;
      readonly usualMax: number;
      readonly cnMax: number;
    };
  };
  readonly debtace: {
    readonly doxorubicinMaxMg: number;
    readonly doxorubicinByBsaCapped: Dose;
    readonly beadVolumeMlForMax: { readonly low: number; readonly high: number };
  };
  readonly doxorubicinLifetimeCeilingMg: Range;
  readonly hepaticAdjustment: {
    readonly bilirubinMgDl: number | null;
    readonly doseFactor: number | null;
    readonly text: string;
  };
  readonly haic: {
    readonly [K in keyof typeof FOLFOX_HAIC]: {
      readonly oxaliplatinMg: number;
      readonly leucovorinMg: number;
      readonly fluorouracilBolusMg: number;
      readonly fluorouracilInfusionMg: number;
      readonly infusionHours: number;
    };
  };
  readonly assumptions: readonly string[];
}

export type ChemoResult = RuleResult<ChemoValues>;

const mg = (x: number) => Math.round(x * 10) / 10;
/** Rounded down to 0.1 mg (a small epsilon absorbs binary noise: 0.5 × 150 stays 75). */
const mgDown = (x: number) => Math.floor(x * 10 + 1e-9) / 10;
const shown = (d: Dose) =>
  `${d.lowMg}–${d.highMg} mg${d.factor !== null && d.factor < 1 ? ` (${d.factor * 100} % of the full range)` : ""}`;

export function hepaticAdjustment(bilirubinMgDl: number): { factor: number; text: string } {
  for (const r of HEPATIC_REDUCTION) {
    if (r.inclusive ? bilirubinMgDl >= r.from : bilirubinMgDl > r.from)
      return { factor: r.factor, text: r.text };
  }
  return { factor: 1, text: NO_REDUCTION };
}

export function chemoDoses(c: ParsedCase, deps: { bsa?: BsaResult } = {}): ChemoResult {
  const b = deps.bsa ?? bsaRule(c);
  if (b.status !== "ok") {
    return b.status === "invalid"
      ? notComputed(CHEMO_RULE, CITATION, { ok: false, status: "invalid", errors: b.errors })
      : notComputed(CHEMO_RULE, CITATION, { ok: false, status: "indeterminate", missing: b.missing });
  }
  const m2 = b.mosteller;
  const assumptions = [en("assumption.bsa-mosteller")];
  const burden = tumorBurden(c);
  const sum =
    burden.state === "present" && burden.value.measuredCm.length > 0 ? burden.value.sumKnownCm : null;
  if (sum === null) assumptions.push("Lipiodol volume not suggested: no measured tumour diameters");
  const bili = c.labs.bilirubin.state === "present" ? c.labs.bilirubin.value.canonical : null;
  const adj = bili === null ? null : hepaticAdjustment(bili);
  const byBsaExact = { lowMg: DOXORUBICIN_MG_PER_M2.low * m2, highMg: DOXORUBICIN_MG_PER_M2.high * m2 };
  // The hepatic band applied to every doxorubicin amount; unknown bilirubin leaves the full
  // range, labelled as not adjusted (never a silent full dose).
  const factor = adj?.factor ?? null;
  const band = adj?.text ?? "bilirubin not given: hepatic band not assessed — full range shown";
  // Reduced amounts are rounded down to 0.1 mg, so that a shown maximum never exceeds its cap.
  const dose = (r: Range, cap = Number.POSITIVE_INFINITY): Dose => ({
    lowMg: mgDown(Math.min(r.lowMg, cap) * (factor ?? 1)),
    highMg: mgDown(Math.min(r.highMg, cap) * (factor ?? 1)),
    band,
    factor,
  });
  const haic = Object.fromEntries(
    Object.entries(FOLFOX_HAIC).map(([k, r]) => [
      k,
      {
        oxaliplatinMg: mg(r.oxaliplatin * m2),
        leucovorinMg: mg(r.leucovorin * m2),
        fluorouracilBolusMg: mg(r.fluorouracilBolus * m2),
        fluorouracilInfusionMg: mg(r.fluorouracilInfusion * m2),
        infusionHours: r.infusionHours,
      },
    ]),
  ) as unknown as ChemoValues["haic"];
  const lipiodol = sum === null ? null : Math.min(round4(sum * LIPIODOL_ML.perCm), LIPIODOL_ML.usualMax);
  const adjText = adj === null ? "bilirubin not given: hepatic dose adjustment not assessed" : adj.text;
  return {
    status: "ok",
    rule: CHEMO_RULE,
    bsaM2: m2,
    bsaFormula: "mosteller",
    ctace: {
      doxorubicinByBsa: dose(byBsaExact),
      doxorubicinFixed: dose({ lowMg: DOXORUBICIN_FIXED_MG.low, highMg: DOXORUBICIN_FIXED_MG.high }),
      epirubicinFixed: {
        lowMg: EPIRUBICIN_FIXED_MG.low,
        highMg: EPIRUBICIN_FIXED_MG.high,
        band: "not adjusted: the epirubicin label's own hepatic bands are not encoded — check them",
        factor: null,
      },
      lipiodolMl: { suggested: lipiodol, usualMax: LIPIODOL_ML.usualMax, cnMax: LIPIODOL_ML.cnMax },
    },
    debtace: {
      doxorubicinMaxMg: mg(DEB_MAX_DOXORUBICIN_MG * (factor ?? 1)),
      doxorubicinByBsaCapped: dose(byBsaExact, DEB_MAX_DOXORUBICIN_MG),
      beadVolumeMlForMax: {
        low: round4(DEB_MAX_DOXORUBICIN_MG / DEB_LOADING_MG_PER_ML.high),
        high: round4(DEB_MAX_DOXORUBICIN_MG / DEB_LOADING_MG_PER_ML.low),
      },
    },
    doxorubicinLifetimeCeilingMg: {
      lowMg: mg(DOXORUBICIN_LIFETIME_MG_PER_M2.low * m2),
      highMg: mg(DOXORUBICIN_LIFETIME_MG_PER_M2.high * m2),
    },
    hepaticAdjustment: { bilirubinMgDl: bili, doseFactor: adj?.factor ?? null, text: adjText },
    haic,
    assumptions,
    reason:
      `BSA ${m2} m² (Mosteller). ${adjText}. cTACE doxorubicin 50–75 mg/m² = ${shown(dose(byBsaExact))} (or fixed ${shown(dose({ lowMg: DOXORUBICIN_FIXED_MG.low, highMg: DOXORUBICIN_FIXED_MG.high }))}), ` +
      `epirubicin 30–60 mg (not adjusted); Lipiodol ≈ 1 mL/cm${lipiodol === null ? "" : ` → ${lipiodol} mL`} (usually ≤ 20 mL; cn ≤ 30 mL). ` +
      `DEB-TACE ≤ ${mg(DEB_MAX_DOXORUBICIN_MG * (factor ?? 1))} mg doxorubicin per session (cap 150 mg${factor !== null && factor < 1 ? ` × ${factor * 100} %` : ""}) at 25–37.5 mg/mL of beads. ` +
      `FOLFOX-HAIC: oxaliplatin 85 mg/m² (He 2019) = ${haic.he2019.oxaliplatinMg} mg or 130 mg/m² (FOHAIC-1) = ${haic.fohaic1.oxaliplatinMg} mg; ` +
      `leucovorin 400 mg/m²; 5-FU 400 mg/m² bolus + 2400 mg/m² infusion. Ranges for the operator's protocol, not a prescription.`,
    citation: CITATION,
  };
}
