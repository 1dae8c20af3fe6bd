/**
 * Eligibility for radioembolization (TARE/SIRT) with Y-90 resin (`tareResin`) and glass
 * (`tareGlass`) microspheres, staging-treatment.md §4.3 (EANM 2022; CIRSE/EANM table; IFUs).
 *
 * Contraindicated: uncorrectable extrahepatic (gastrointestinal) deposition on Tc-99m-MAA;
 * predicted lung dose > 30 Gy in one session or > 50 Gy cumulative; resin with LSF > 20 %;
 * clinical liver failure (moderate-severe ascites, jaundice, hepatic encephalopathy) or
 * Child-Pugh C; expected survival < 3 months; pregnancy.
 * Relative: Child-Pugh > B7; bilirubin > 2 mg/dL (segmental treatment only); leukocytes
 * < 2×10⁹/L; platelets < 50×10⁹/L; INR > 1.5; GFR < 35 mL/min; biliary abnormalities; tumour
 * > 50 % of the liver; prior liver radiotherapy; resin LSF 10–20 % (activity reduced).
 * Main portal vein thrombosis is not a contraindication in HCC (note).
 * Disseminated extrahepatic disease is not applied automatically (CIRSE handbook; note).
 *
 * [DECISION] No profile difference is documented for TARE: the same rules apply under intl and cn.
 * [DECISION] Glass needs the predicted lung dose (y90Dosimetry.glass) to decide, as it has no
 * LSF cap; resin is decided by the LSF bands and, when the dosimetry is computable, the lung dose
 * too (reference vignette G-glass-no-activity).
 * [DECISION] "Clinical liver failure" comes from the patient-level safety layer
 * (safety/safety.ts): moderate-severe ascites, any hepatic encephalopathy, clinical jaundice,
 * variceal bleeding, hepatorenal syndrome are absolute; mild ascites relative.
 * Performance status: ECOG ≤ 2 (EANM 2022 / CIRSE patient-selection table): ECOG 3–4 absolute.
 */
import {
  LUNG_DOSE_LIMIT_GY,
  RESIN_LSF_BANDS,
  RESIN_LSF_MAX_PERCENT,
  resinLungShuntFactor,
} from "../dosing/y90.js";
import {
  bothProfiles,
  type CaseFacts,
  type Check,
  type Cited,
  childPughCCheck,
  cited,
  contraindicationFlags,
  ecogCheck,
  evaluations,
  flagCheck,
  labCheck,
  lifeExpectancyCheck,
  type ProfilePair,
  reason,
  Stop,
  safetyCheck,
} from "./common.js";

export type TareModality = "tareResin" | "tareGlass";

const EANM = cited("eanm2022Re", "cirseReTable");
const RESIN = cited("sirSpheresIfu", "grosser2015Lsf");
/** EANM/CIRSE and the device's instructions for use. */
const DEVICE: Readonly<Record<TareModality, Cited>> = {
  tareResin: cited(...EANM.ids, ...RESIN.ids),
  tareGlass: cited(...EANM.ids, "therasphereIfu"),
};

export const TARE_BILIRUBIN_MG_DL = 2.0;
export const TARE_WBC_MIN = 2.0;
export const TARE_PLATELETS_MIN = 50;
export const TARE_INR_MAX = 1.5;
export const TARE_GFR_MIN = 35;
export const TARE_TUMOR_PERCENT_MAX = 50;

const deposition: Check = {
  id: "tare.extrahepaticDeposition",
  run: (ctx) => {
    const deposition = ctx.need(
      ctx.c.y90.extrahepaticDepositionUncorrectable,
      "y90.extrahepaticDepositionUncorrectable",
    );
    if (deposition instanceof Stop) return deposition;
    return deposition
      ? reason(
          "tare.extrahepaticDeposition",
          "absolute",
          "uncorrectable extrahepatic (gastrointestinal) deposition on Tc-99m-MAA",
          EANM,
        )
      : undefined;
  },
};

function lungCheck(modality: TareModality): Check {
  return {
    id: "tare.lung",
    run: (ctx) => {
      const lsf = ctx.need(ctx.c.y90.lungShuntFractionPercent, "y90.lungShuntFractionPercent");
      if (lsf instanceof Stop) return lsf;
      const out = [];
      if (modality === "tareResin") {
        // The resin lung-shunt bands live in dosing/y90.ts (one place for 10/15/20 %).
        const factor = resinLungShuntFactor(lsf);
        if (factor === 0) {
          return reason(
            "tare.resinLsf",
            "absolute",
            `lung shunt fraction ${lsf} % (> ${RESIN_LSF_MAX_PERCENT} %: resin, do not treat)`,
            RESIN,
          );
        }
        if (factor < 1) {
          out.push(
            reason(
              "tare.resinLsf",
              "relative",
              `lung shunt fraction ${lsf} % (${RESIN_LSF_BANDS[0].upTo}–${RESIN_LSF_MAX_PERCENT} %: resin activity reduced by ${Math.round((1 - factor) * 100)} %)`,
              RESIN,
            ),
          );
        }
      }
      const d = modality === "tareResin" ? ctx.dosimetry.resin : ctx.dosimetry.glass;
      if (d.status === "ok" && d.lungDoseGy !== undefined && d.cumulativeLungDoseGy !== undefined) {
        if (!d.lungDoseWithinLimits) {
          out.push(
            reason(
              "tare.lungDose",
              "absolute",
              `predicted lung dose ${d.lungDoseGy} Gy (limit ${LUNG_DOSE_LIMIT_GY.single} Gy per session), cumulative ${d.cumulativeLungDoseGy} Gy (limit ${LUNG_DOSE_LIMIT_GY.cumulative} Gy)`,
              DEVICE[modality],
            ),
          );
        }
      } else if (modality === "tareGlass") {
        if (d.status === "invalid") return ctx.invalid(d.errors);
        if (out.length === 0)
          return ctx.missing(...(d.status === "indeterminate" ? d.missing : ["y90.plannedActivityGBq"]));
      } else {
        out.push(
          reason(
            "tare.lungDose",
            "note",
            `predicted lung dose not computed (no activity plan yet); the resin LSF band bounds lung exposure — recheck ${LUNG_DOSE_LIMIT_GY.single} Gy / ${LUNG_DOSE_LIMIT_GY.cumulative} Gy once the activity is planned`,
            RESIN,
          ),
        );
      }
      return out;
    },
  };
}

const childPughAboveB7: Check = {
  id: "tare.childPugh",
  run: (ctx) => {
    const cp = ctx.childPugh();
    if (cp instanceof Stop) return cp;
    if (cp.class !== "B") return undefined;
    if (cp.score === undefined) return ctx.missing("childPughPoints");
    return cp.score > 7
      ? reason("tare.childPugh", "relative", `${cp.basis}: Child-Pugh > B7`, EANM)
      : undefined;
  },
};

const tumourShare: Check = {
  id: "tare.tumorVolume",
  run: (ctx) => {
    const pct = ctx.optional(ctx.c.tumorLiverVolumePercent, "tumorLiverVolumePercent");
    if (pct instanceof Stop) return pct;
    return pct !== undefined && pct > TARE_TUMOR_PERCENT_MAX
      ? reason(
          "tare.tumorVolume",
          "relative",
          `tumour ${pct} % of liver (> ${TARE_TUMOR_PERCENT_MAX} %)`,
          EANM,
        )
      : undefined;
  },
};

const gfr: Check = {
  id: "tare.gfr",
  run: (ctx) => {
    const v = ctx.optionalLab("creatinineClearance");
    if (v instanceof Stop) return v;
    return v !== undefined && v < TARE_GFR_MIN
      ? reason("tare.gfr", "relative", `creatinine clearance ${v} mL/min (< ${TARE_GFR_MIN})`, EANM)
      : undefined;
  },
};

const notes: Check = {
  id: "tare.notes",
  run: (ctx) => {
    const out = [];
    const vp = ctx.c.vascularInvasion.portalVein;
    if (vp.state === "present" && vp.value === "Vp4") {
      out.push(
        reason(
          "tare.vp4",
          "note",
          "main portal vein thrombosis is not a contraindication to TARE in HCC (contrast with TACE)",
          EANM,
        ),
      );
    }
    if (ctx.c.extrahepaticSpread.state === "present" && ctx.c.extrahepaticSpread.value) {
      out.push(
        reason(
          "tare.extrahepaticSpread",
          "note",
          "extrahepatic spread: disseminated disease is a contraindication in the CIRSE handbook — judge its extent (not applied automatically)",
          EANM,
        ),
      );
    }
    return out;
  },
};

function checks(modality: TareModality): Check[] {
  return [
    deposition,
    lungCheck(modality),
    childPughCCheck("tare.childPughC", EANM),
    childPughAboveB7,
    safetyCheck("tare"),
    ecogCheck("tare.ecog", null, EANM),
    labCheck(
      "tare.bilirubin",
      "bilirubin",
      ">",
      TARE_BILIRUBIN_MG_DL,
      "mg/dL",
      "bilirubin (segmental treatment only)",
      "relative",
      EANM,
    ),
    labCheck("tare.wbc", "wbc", "<", TARE_WBC_MIN, "×10⁹/L", "leukocytes", "relative", EANM),
    labCheck("tare.platelets", "platelets", "<", TARE_PLATELETS_MIN, "×10⁹/L", "platelets", "relative", EANM),
    labCheck("tare.inr", "inr", ">", TARE_INR_MAX, "", "INR", "relative", EANM),
    gfr,
    tumourShare,
    lifeExpectancyCheck("tare.lifeExpectancy", EANM),
    ...contraindicationFlags("tare", [
      { key: "pregnancy", level: "absolute", text: "pregnancy", sources: EANM },
      { key: "priorLiverRadiotherapy", level: "relative", text: "prior liver radiotherapy", sources: EANM },
    ]),
    flagCheck(
      "tare.biliary",
      "biliary.stentOrIncompetentPapilla",
      (c) => c.biliary.stentOrIncompetentPapilla,
      "relative",
      "biliary stent or incompetent papilla",
      EANM,
    ),
    flagCheck(
      "tare.biliary",
      "biliary.bilioentericAnastomosis",
      (c) => c.biliary.bilioentericAnastomosis,
      "relative",
      "bilioenteric anastomosis",
      EANM,
    ),
    notes,
  ];
}

const EVALUATIONS = {
  tareResin: evaluations(
    "tareResin",
    "TARE with Y-90 resin microspheres",
    checks("tareResin"),
    DEVICE.tareResin,
  ),
  tareGlass: evaluations(
    "tareGlass",
    "TARE with Y-90 glass microspheres",
    checks("tareGlass"),
    DEVICE.tareGlass,
  ),
};

export function tareEligibility(facts: CaseFacts, modality: TareModality): ProfilePair {
  return bothProfiles(facts, EVALUATIONS[modality]);
}
