/**
 * Eligibility for hepatic arterial infusion chemotherapy with FOLFOX (`haic`), staging-treatment.md
 * §4.2 (He 2019; FOHAIC-1; oxaliplatin label).
 *
 * Contraindicated: Child-Pugh C; ECOG > 2; creatinine clearance < 30 mL/min (oxaliplatin);
 * oxaliplatin allergy or severe neuropathy (`contraindications.oxaliplatin`); uncorrectable
 * coagulopathy; uncontrolled infection; pregnancy; expected survival < 3 months.
 * Relative: Child-Pugh B; ECOG 2; bilirubin > 3 mg/dL; platelets < 75×10⁹/L; neutrophils
 * < 1.5×10⁹/L. Main-trunk PVTT (Vp4) is not a contraindication (no embolization).
 * No creatinine cut-off is asserted: the reference found no source for one.
 *
 * [CONFLICT] The EU oxaliplatin label contraindicates baseline neutrophils < 2×10⁹/L or
 * platelets < 100×10⁹/L, stricter than the trial thresholds; the reference keeps the same safety
 * verdict under both profiles, so the label is reported as a note, and the intl profile carries
 * the note that EASL/AASLD/BCLC do not recommend HAIC outside trials.
 */
import {
  bothProfiles,
  type CaseFacts,
  type Check,
  childPughCCheck,
  cited,
  contraindicationFlags,
  ecogCheck,
  evaluations,
  labCheck,
  lifeExpectancyCheck,
  type ProfilePair,
  reason,
  Stop,
  safetyCheck,
} from "./common.js";

const TRIALS = cited("he2019Haic", "lyu2022Fohaic1");
const LABEL = cited("oxaliplatinSmpc");
const AASLD = cited("aasld2023");

export const HAIC_BILIRUBIN_MG_DL = 3.0;
export const HAIC_PLATELETS_MIN = 75;
export const HAIC_NEUTROPHILS_MIN = 1.5;
export const HAIC_CRCL_MIN_ML_MIN = 30;
/** EU oxaliplatin label baseline limits (note only). */
export const OXALIPLATIN_LABEL = { neutrophilsMin: 2.0, plateletsMin: 100 } as const;

const childPughB: Check = {
  id: "haic.childPughB",
  run: (ctx) => {
    const cp = ctx.childPugh();
    if (cp instanceof Stop) return cp;
    return cp.class === "B"
      ? reason(
          "haic.childPughB",
          "relative",
          `${cp.basis}: trials enrolled Child-Pugh A and selected B7`,
          TRIALS,
        )
      : undefined;
  },
};

const renal: Check = {
  id: "haic.renal",
  run: (ctx) => {
    const crcl = ctx.optionalLab("creatinineClearance");
    if (crcl instanceof Stop) return crcl;
    return crcl !== undefined && crcl < HAIC_CRCL_MIN_ML_MIN
      ? reason(
          "haic.renal",
          "absolute",
          `creatinine clearance ${crcl} mL/min (< ${HAIC_CRCL_MIN_ML_MIN}: oxaliplatin)`,
          LABEL,
        )
      : undefined;
  },
};

const labelNote: Check = {
  id: "haic.oxaliplatinLabel",
  run: (ctx) => {
    const n = ctx.lab("neutrophils");
    if (n instanceof Stop) return n;
    const p = ctx.lab("platelets");
    if (p instanceof Stop) return p;
    if (n >= OXALIPLATIN_LABEL.neutrophilsMin && p >= OXALIPLATIN_LABEL.plateletsMin) return undefined;
    return reason(
      "haic.oxaliplatinLabel",
      "note",
      `neutrophils ${n} / platelets ${p} ×10⁹/L are below the EU oxaliplatin label limits (neutrophils < 2, platelets < 100) [CONFLICT with trial thresholds 1.5 / 75]`,
      LABEL,
    );
  },
};

const vp4Note: Check = {
  id: "haic.vp4",
  run: (ctx) =>
    ctx.c.vascularInvasion.portalVein.state === "present" && ctx.c.vascularInvasion.portalVein.value === "Vp4"
      ? reason(
          "haic.vp4",
          "note",
          "main portal trunk thrombus (Vp4) is not a contraindication to HAIC (no embolization)",
          TRIALS,
        )
      : undefined,
};

const endorsement: Check = {
  id: "haic.endorsement",
  run: (ctx) =>
    ctx.profile === "intl"
      ? reason(
          "haic.endorsement",
          "note",
          "EASL/AASLD/BCLC do not recommend HAIC outside clinical trials; the safety verdict is the same as under cn",
          AASLD,
        )
      : undefined,
};

const CHECKS: readonly Check[] = [
  childPughCCheck("haic.childPughC", TRIALS),
  childPughB,
  safetyCheck("haic"),
  ecogCheck("haic.ecog", "relative", TRIALS),
  renal,
  labCheck(
    "haic.bilirubin",
    "bilirubin",
    ">",
    HAIC_BILIRUBIN_MG_DL,
    "mg/dL",
    "bilirubin",
    "relative",
    TRIALS,
  ),
  labCheck("haic.platelets", "platelets", "<", HAIC_PLATELETS_MIN, "×10⁹/L", "platelets", "relative", TRIALS),
  labCheck(
    "haic.neutrophils",
    "neutrophils",
    "<",
    HAIC_NEUTROPHILS_MIN,
    "×10⁹/L",
    "neutrophils",
    "relative",
    TRIALS,
  ),
  labelNote,
  lifeExpectancyCheck("haic.lifeExpectancy", TRIALS),
  ...contraindicationFlags("haic", [
    {
      key: "oxaliplatin",
      level: "absolute",
      text: "oxaliplatin allergy or severe neuropathy",
      sources: LABEL,
    },
    {
      key: "uncorrectableCoagulopathy",
      level: "absolute",
      text: "uncorrectable coagulopathy",
      sources: TRIALS,
    },
    { key: "activeInfection", level: "absolute", text: "uncontrolled infection", sources: TRIALS },
    { key: "pregnancy", level: "absolute", text: "pregnancy", sources: LABEL },
  ]),
  vp4Note,
  endorsement,
];

const EVALUATIONS = evaluations("haic", "HAIC (FOLFOX)", CHECKS, TRIALS);

export function haicEligibility(facts: CaseFacts): ProfilePair {
  return bothProfiles(facts, EVALUATIONS);
}
