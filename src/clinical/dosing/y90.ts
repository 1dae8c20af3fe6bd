/**
 * Y-90 radioembolization dosimetry (staging-treatment.md §5): keys `y90Dosimetry.resin` and
 * `y90Dosimetry.glass`.
 *
 * Resin (SIR-Spheres IFU):
 * - BSA method: A (GBq) = BSA − 0.2 + tumour volume / liver volume; lobar/selective × perfused /
 *   liver volume; then the lung-shunt factor (LSF < 10 % → 1.0; 10–15 % → 0.8; 15–20 % → 0.6;
 *   > 20 % → do not treat). BSA is DuBois (dosing/bsa.ts), as the IFU specifies.
 * - Partition model (when `y90.tumorToNormalRatio` is given): A = (D_T × M_T + D_N × M_N) /
 *   (49.67 × (1 − LSF)), D_T = TNR × D_N.
 * Glass (TheraSphere IFU), MIRD single compartment: A = D × M / (50 × (1 − LSF)), M = perfused
 * volume × 1.03 g/mL; or the planned activity when given.
 * Lung: dose = K × A × LSF / lung mass, K = 49.67 (resin) or 50 (glass); limits 30 Gy per
 * session, 50 Gy cumulative [HARD, IFU/EANM].
 *
 * [DECISION] staging-treatment.md §5: each device keeps its IFU constant (glass 50; resin 49.67).
 * [DECISION] LSF band joins (reference): exactly 10 % is in the first reduction band (× 0.8);
 * exactly 20 % is still treatable (× 0.6) [JUDGEMENT on boundaries].
 * [DECISION] The LSF reduction applies to the BSA method only; the partition model already
 * corrects for shunting through (1 − LSF).
 * [DECISION] `perfusedVolumeMl` includes the tumour in the perfused territory (as in the lobar
 * example: right lobe 900 of 1500 mL); the normal perfused liver is perfused − tumour. Without
 * `perfusedVolumeMl`, the whole liver is the perfused volume (stated in `assumptions`).
 * Defaults stated in `assumptions`: liver/tumour density 1.03 g/mL; lung mass 1 kg; no prior
 * lung dose when `priorLungDoseGy` is not given.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import {
  type Field,
  type FieldError,
  gather,
  indeterminate,
  invalid,
  need,
  type RuleResult,
  round4,
} from "../result.js";
import { type BsaResult, bsa as bsaRule, duboisBsa } from "./bsa.js";

/** Gy·kg per GBq, fully decayed: resin (and partition model) 49.67; glass IFU 50. */
export const Y90_GY_KG_PER_GBQ = { resin: 49.67, glass: 50 } as const;
export const LIVER_DENSITY_G_PER_ML = 1.03;
export const DEFAULT_LUNG_MASS_KG = 1;
export const LUNG_DOSE_LIMIT_GY = { single: 30, cumulative: 50 } as const;
/** Resin LSF bands (%): < 10 full; 10–15 × 0.8; > 15–20 × 0.6; > 20 do not treat. */
export const RESIN_LSF_BANDS = [
  { upTo: 10, exclusive: true, factor: 1.0 },
  { upTo: 15, exclusive: false, factor: 0.8 },
  { upTo: 20, exclusive: false, factor: 0.6 },
] as const;

/** The LSF of the last band: above it, resin is not given. */
export const RESIN_LSF_MAX_PERCENT = RESIN_LSF_BANDS[2].upTo;
/** The bands as text, e.g. "< 10 % 1.0; 10–15 % 0.8; 15–20 % 0.6; > 20 % do not treat". */
const RESIN_LSF_TEXT = [
  ...RESIN_LSF_BANDS.map((b, i) =>
    i === 0
      ? `< ${b.upTo} % ${b.factor.toFixed(1)}`
      : `${RESIN_LSF_BANDS[i - 1]?.upTo}–${b.upTo} % ${b.factor.toFixed(1)}`,
  ),
  `> ${RESIN_LSF_MAX_PERCENT} % do not treat`,
].join("; ");

const RESIN_CITATION = cite("sirSpheresIfu", "grosser2015Lsf", "eanm2022Re", "levillain2021Resin");
const GLASS_CITATION = cite("therasphereIfu", "eanm2022Re");

export interface LungDose {
  readonly lungShuntFractionPercent: number;
  readonly lungMassKg: number;
  readonly lungDoseGy: number;
  readonly priorLungDoseGy: number;
  readonly cumulativeLungDoseGy: number;
  readonly lungDoseWithinLimits: boolean;
}

export interface ResinValues extends Partial<LungDose> {
  readonly device: "resin";
  readonly method: "bsa" | "partition" | "planned";
  /** `null` when the LSF is above 20 % (do not treat). */
  readonly activityGBq: number | null;
  readonly treatable: boolean;
  readonly bsaM2?: number;
  readonly lungShuntFactor?: number;
  readonly tumorDoseGy?: number;
  readonly normalLiverDoseGy?: number;
  readonly assumptions: readonly string[];
}

export interface GlassValues extends LungDose {
  readonly device: "glass";
  readonly method: "mird" | "planned";
  readonly activityGBq: number;
  /** Activity before the shunt correction (D × M / 50). */
  readonly activityBeforeShuntGBq?: number;
  readonly perfusedMassKg?: number;
  /** Mean dose to the perfused volume delivered by the activity, 50 × A × (1 − LSF) / M. */
  readonly perfusedDoseGy?: number;
  readonly assumptions: readonly string[];
}

export type ResinResult = RuleResult<ResinValues>;
export type GlassResult = RuleResult<GlassValues>;
export interface Y90Dosimetry {
  readonly resin: ResinResult;
  readonly glass: GlassResult;
}

/** The resin activity factor for an LSF (%), or 0 for "do not treat". */
export function resinLungShuntFactor(lsfPercent: number): number {
  for (const b of RESIN_LSF_BANDS) {
    if (b.exclusive ? lsfPercent < b.upTo : lsfPercent <= b.upTo) return b.factor;
  }
  return 0;
}

/** Lung dose (Gy) = K × A × LSF / lung mass. */
export function lungDoseGy(k: number, activityGBq: number, lsfPercent: number, lungMassKg: number): number {
  return (k * activityGBq * (lsfPercent / 100)) / lungMassKg;
}

function lung(c: ParsedCase, k: number, activity: number, lsf: number, assumptions: string[]): LungDose {
  const y = c.y90;
  const mass = y.lungMassKg.state === "present" ? y.lungMassKg.value : DEFAULT_LUNG_MASS_KG;
  if (y.lungMassKg.state !== "present")
    assumptions.push(`lung mass ${DEFAULT_LUNG_MASS_KG} kg (standard; y90.lungMassKg not given)`);
  const prior = y.priorLungDoseGy.state === "present" ? y.priorLungDoseGy.value : 0;
  if (y.priorLungDoseGy.state !== "present") {
    assumptions.push("no prior lung dose (y90.priorLungDoseGy not given): cumulative = this session");
  }
  const dose = lungDoseGy(k, activity, lsf, mass);
  const cumulative = prior + dose;
  return {
    lungShuntFractionPercent: lsf,
    lungMassKg: mass,
    lungDoseGy: round4(dose),
    priorLungDoseGy: prior,
    cumulativeLungDoseGy: round4(cumulative),
    lungDoseWithinLimits: dose <= LUNG_DOSE_LIMIT_GY.single && cumulative <= LUNG_DOSE_LIMIT_GY.cumulative,
  };
}

function lungText(l: LungDose, k: number): string {
  return (
    `lung dose ${k} × A × ${l.lungShuntFractionPercent} % / ${l.lungMassKg} kg = ${l.lungDoseGy} Gy ` +
    `(limit ${LUNG_DOSE_LIMIT_GY.single} Gy per session), cumulative ${l.cumulativeLungDoseGy} Gy (limit ${LUNG_DOSE_LIMIT_GY.cumulative} Gy): ` +
    `${l.lungDoseWithinLimits ? "within limits" : "ABOVE LIMITS — do not treat at this activity"}`
  );
}

function invalidFields(...fields: Field<unknown>[]): FieldError[] {
  return fields.flatMap((f) => (f.state === "invalid" ? f.errors : []));
}

/** Resin microspheres: BSA method or partition model; planned activity when given. */
export function y90Resin(c: ParsedCase, deps: { bsa?: BsaResult } = {}): ResinResult {
  const rule = "y90Dosimetry.resin";
  const y = c.y90;
  const errors = invalidFields(
    y.lungShuntFractionPercent,
    y.liverVolumeMl,
    y.tumorVolumeMl,
    y.perfusedVolumeMl,
    y.tumorToNormalRatio,
    y.targetNormalLiverDoseGy,
    y.targetTumorDoseGy,
    y.plannedActivityGBq,
    y.lungMassKg,
    y.priorLungDoseGy,
  );
  if (errors.length > 0) return invalid(rule, RESIN_CITATION, errors);
  const lsfG = gather({ lsf: need("y90.lungShuntFractionPercent", y.lungShuntFractionPercent) });
  const assumptions: string[] = [];
  const k = Y90_GY_KG_PER_GBQ.resin;
  const planned = y.plannedActivityGBq.state === "present" ? y.plannedActivityGBq.value : undefined;
  if (!lsfG.ok) return indeterminate(rule, RESIN_CITATION, ["y90.lungShuntFractionPercent"]);
  const lsf = lsfG.values.lsf;
  const factor = resinLungShuntFactor(lsf);
  const lsfText = `LSF ${lsf} % → factor ${factor} (${RESIN_LSF_TEXT})`;
  if (factor === 0) {
    return {
      status: "ok",
      rule,
      device: "resin",
      method: "bsa",
      activityGBq: null,
      treatable: false,
      lungShuntFactor: 0,
      assumptions,
      reason: `Resin Y-90: ${lsfText} — do not treat (IFU).`,
      citation: RESIN_CITATION,
    };
  }
  if (planned !== undefined) {
    const l = lung(c, k, planned, lsf, assumptions);
    return {
      status: "ok",
      rule,
      device: "resin",
      method: "planned",
      activityGBq: planned,
      treatable: true,
      lungShuntFactor: factor,
      ...l,
      assumptions,
      reason: `Resin Y-90, planned activity ${planned} GBq (y90.plannedActivityGBq); ${lsfText}; ${lungText(l, k)}.`,
      citation: RESIN_CITATION,
    };
  }
  const tnr = y.tumorToNormalRatio.state === "present" ? y.tumorToNormalRatio.value : undefined;
  if (tnr !== undefined) return resinPartition(c, rule, lsf, factor, tnr, assumptions);

  // BSA method.
  const b = deps.bsa ?? bsaRule(c);
  const g = gather({
    liver: need("y90.liverVolumeMl", y.liverVolumeMl),
    tumour: need("y90.tumorVolumeMl", y.tumorVolumeMl),
  });
  if (b.status === "invalid") return invalid(rule, RESIN_CITATION, b.errors);
  const missing = [
    ...(b.status === "indeterminate" ? b.missing : []),
    ...(g.ok ? [] : g.status === "indeterminate" ? g.missing : []),
  ];
  if (missing.length > 0 || !g.ok || b.status !== "ok") {
    return indeterminate(
      rule,
      RESIN_CITATION,
      missing,
      "(resin BSA method needs height, weight, liver and tumour volumes; or give y90.tumorToNormalRatio for the partition model, or y90.plannedActivityGBq)",
    );
  }
  const { liver, tumour } = g.values;
  if (tumour > liver) {
    return invalid(rule, RESIN_CITATION, [
      {
        path: "y90.tumorVolumeMl",
        code: "inconsistent",
        message: `y90.tumorVolumeMl ${tumour} mL exceeds y90.liverVolumeMl ${liver} mL`,
      },
    ]);
  }
  const perfused = y.perfusedVolumeMl.state === "present" ? y.perfusedVolumeMl.value : liver;
  if (y.perfusedVolumeMl.state !== "present")
    assumptions.push("whole-liver treatment (y90.perfusedVolumeMl not given)");
  const bsaM2 = duboisBsa(b.heightCm, b.weightKg);
  const whole = bsaM2 - 0.2 + tumour / liver;
  const fraction = Math.min(1, perfused / liver);
  const activity = whole * fraction * factor;
  const l = lung(c, k, activity, lsf, assumptions);
  return {
    status: "ok",
    rule,
    device: "resin",
    method: "bsa",
    activityGBq: round4(activity),
    treatable: true,
    bsaM2: round4(bsaM2),
    lungShuntFactor: factor,
    ...l,
    assumptions,
    reason:
      `Resin Y-90, BSA method (IFU): BSA (DuBois) ${round4(bsaM2)} m² − 0.2 + tumour ${tumour} / liver ${liver} mL = ${round4(whole)} GBq; ` +
      `× perfused ${perfused} / ${liver} mL = ${round4(whole * fraction)} GBq; ${lsfText} → ${round4(activity)} GBq; ${lungText(l, k)}. ` +
      `EANM 2022 and the international resin recommendations favour personalised (partition) dosimetry.`,
    citation: RESIN_CITATION,
  };
}

function resinPartition(
  c: ParsedCase,
  rule: string,
  lsf: number,
  factor: number,
  tnr: number,
  assumptions: string[],
): ResinResult {
  const y = c.y90;
  const missing: string[] = [];
  if (y.tumorVolumeMl.state !== "present") missing.push("y90.tumorVolumeMl");
  if (y.perfusedVolumeMl.state !== "present" && y.liverVolumeMl.state !== "present")
    missing.push("y90.perfusedVolumeMl");
  const dN = y.targetNormalLiverDoseGy.state === "present" ? y.targetNormalLiverDoseGy.value : undefined;
  const dT = y.targetTumorDoseGy.state === "present" ? y.targetTumorDoseGy.value : undefined;
  if (dN === undefined && dT === undefined) missing.push("y90.targetNormalLiverDoseGy");
  if (missing.length > 0 || y.tumorVolumeMl.state !== "present") {
    return indeterminate(
      rule,
      RESIN_CITATION,
      missing,
      "(partition model: give tumour and perfused volumes and a target dose)",
    );
  }
  const tumourMl = y.tumorVolumeMl.value;
  const perfusedMl =
    y.perfusedVolumeMl.state === "present"
      ? y.perfusedVolumeMl.value
      : (y.liverVolumeMl as { value: number }).value;
  if (y.perfusedVolumeMl.state !== "present")
    assumptions.push("whole-liver treatment (y90.perfusedVolumeMl not given)");
  const normalMl = perfusedMl - tumourMl;
  if (normalMl <= 0) {
    return invalid(rule, RESIN_CITATION, [
      {
        path: "y90.tumorVolumeMl",
        code: "inconsistent",
        message: "y90.tumorVolumeMl must be smaller than the perfused volume",
      },
    ]);
  }
  assumptions.push(`tissue density ${LIVER_DENSITY_G_PER_ML} g/mL for tumour and normal liver`);
  const mT = (tumourMl * LIVER_DENSITY_G_PER_ML) / 1000;
  const mN = (normalMl * LIVER_DENSITY_G_PER_ML) / 1000;
  const k = Y90_GY_KG_PER_GBQ.resin;
  // Both targets given: the one needing less activity is used (neither target exceeded).
  const fromN = dN !== undefined ? { dN, dT: tnr * dN } : undefined;
  const fromT = dT !== undefined ? { dN: dT / tnr, dT } : undefined;
  const pick = fromN && fromT ? (fromN.dN <= fromT.dN ? fromN : fromT) : (fromN ?? fromT);
  if (!pick) return indeterminate(rule, RESIN_CITATION, ["y90.targetNormalLiverDoseGy"]);
  if (fromN && fromT) assumptions.push("both target doses given: the lower-activity target is used");
  const activity = (pick.dT * mT + pick.dN * mN) / (k * (1 - lsf / 100));
  const l = lung(c, k, activity, lsf, assumptions);
  return {
    status: "ok",
    rule,
    device: "resin",
    method: "partition",
    activityGBq: round4(activity),
    treatable: true,
    lungShuntFactor: factor,
    tumorDoseGy: round4(pick.dT),
    normalLiverDoseGy: round4(pick.dN),
    ...l,
    assumptions,
    reason:
      `Resin Y-90, partition model: TNR ${tnr}, D_N ${round4(pick.dN)} Gy, D_T ${round4(pick.dT)} Gy, ` +
      `M_T ${round4(mT)} kg, M_N ${round4(mN)} kg; A = (D_T × M_T + D_N × M_N) / (49.67 × (1 − ${lsf} %)) = ${round4(activity)} GBq; ` +
      `${lungText(l, k)}.`,
    citation: RESIN_CITATION,
  };
}

/** Glass microspheres: MIRD single compartment, or the planned activity when given. */
export function y90Glass(c: ParsedCase): GlassResult {
  const rule = "y90Dosimetry.glass";
  const y = c.y90;
  const errors = invalidFields(
    y.lungShuntFractionPercent,
    y.targetDoseGy,
    y.perfusedVolumeMl,
    y.liverVolumeMl,
    y.plannedActivityGBq,
    y.lungMassKg,
    y.priorLungDoseGy,
  );
  if (errors.length > 0) return invalid(rule, GLASS_CITATION, errors);
  const assumptions: string[] = [];
  const k = Y90_GY_KG_PER_GBQ.glass;
  const lsfF = y.lungShuntFractionPercent;
  const planned = y.plannedActivityGBq.state === "present" ? y.plannedActivityGBq.value : undefined;
  const volume = y.perfusedVolumeMl.state === "present" ? y.perfusedVolumeMl : y.liverVolumeMl;
  const missing: string[] = [];
  if (lsfF.state !== "present") missing.push("y90.lungShuntFractionPercent");
  if (planned === undefined) {
    if (y.targetDoseGy.state !== "present") missing.push("y90.targetDoseGy");
    if (volume.state !== "present") missing.push("y90.perfusedVolumeMl");
  }
  if (missing.length > 0 || lsfF.state !== "present") {
    return indeterminate(
      rule,
      GLASS_CITATION,
      missing,
      "(glass MIRD: give y90.targetDoseGy and the perfused volume, or y90.plannedActivityGBq)",
    );
  }
  const lsf = lsfF.value;
  if (lsf >= 100) {
    return invalid(rule, GLASS_CITATION, [
      {
        path: "y90.lungShuntFractionPercent",
        code: "out-of-range",
        message: "a lung shunt of 100 % leaves no liver dose",
      },
    ]);
  }
  const massKg = volume.state === "present" ? (volume.value * LIVER_DENSITY_G_PER_ML) / 1000 : undefined;
  if (y.perfusedVolumeMl.state !== "present" && volume.state === "present") {
    assumptions.push("whole-liver volume used as the perfused volume (y90.perfusedVolumeMl not given)");
  }
  if (massKg !== undefined)
    assumptions.push(`liver density ${LIVER_DENSITY_G_PER_ML} g/mL (glass package-insert convention)`);
  let activity: number;
  let before: number | undefined;
  let text: string;
  if (planned !== undefined) {
    activity = planned;
    text = `Glass Y-90, planned activity ${planned} GBq (y90.plannedActivityGBq)`;
  } else {
    const d = (y.targetDoseGy as { value: number }).value;
    const m = massKg as number;
    before = (d * m) / k;
    activity = (d * m) / (k * (1 - lsf / 100));
    text =
      `Glass Y-90, MIRD single compartment: target ${d} Gy × perfused mass ${round4(m)} kg / 50 = ${round4(before)} GBq; ` +
      `/ (1 − LSF ${lsf} %) = ${round4(activity)} GBq`;
  }
  const delivered = massKg !== undefined ? (k * activity * (1 - lsf / 100)) / massKg : undefined;
  const l = lung(c, k, activity, lsf, assumptions);
  return {
    status: "ok",
    rule,
    device: "glass",
    method: planned !== undefined ? "planned" : "mird",
    activityGBq: round4(activity),
    ...(before !== undefined ? { activityBeforeShuntGBq: round4(before) } : {}),
    ...(massKg !== undefined ? { perfusedMassKg: round4(massKg) } : {}),
    ...(delivered !== undefined ? { perfusedDoseGy: round4(delivered) } : {}),
    ...l,
    assumptions,
    reason:
      `${text}; ${delivered !== undefined ? `mean perfused dose ${round4(delivered)} Gy; ` : ""}${lungText(l, k)}. ` +
      `EANM 2022 (HCC, glass): segmentectomy > 400 Gy; lobar > 150 Gy single compartment.`,
    citation: GLASS_CITATION,
  };
}

export function y90Dosimetry(c: ParsedCase, deps: { bsa?: BsaResult } = {}): Y90Dosimetry {
  return { resin: y90Resin(c, deps), glass: y90Glass(c) };
}
