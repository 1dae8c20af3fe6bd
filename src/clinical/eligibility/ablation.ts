/**
 * Eligibility for percutaneous thermal ablation (RFA/MWA, `thermalAblation`) and argon-helium
 * cryoablation (`cryoablation`), staging-treatment.md §4.4.
 *
 * Size and number (cm, inclusive upper limits):
 * - thermal: single ≤ 3 eligible; > 3 to ≤ 5 intl relative (incomplete ablation; combine with
 *   TACE or prefer resection), cn eligible; > 5 contraindicated (both).
 * - cryo (Wang 2015 RCT): single ≤ 4 eligible; > 4 to ≤ 5 intl relative; > 5 contraindicated.
 * - 2–3 nodules each ≤ 3 eligible; 2–3 with any > 3, or ≥ 4 nodules, contraindicated.
 * Also contraindicated: macrovascular invasion, extrahepatic spread, infiltrative tumour,
 * Child-Pugh C, ECOG > 2, uncorrectable coagulopathy, no safe access window. Relative: platelets
 * < 50×10⁹/L, INR > 1.5 (SIR 2019 high bleeding risk), high-risk location, bilioenteric
 * anastomosis. Decompensation (ascites, encephalopathy, jaundice, variceal bleeding,
 * hepatorenal syndrome) through the patient-level safety layer (safety/safety.ts).
 *
 * [DECISION] Under cn, cryoablation follows the Chinese ablation indication (single ≤ 5 cm,
 * 2–3 nodules ≤ 3 cm), as the Chinese guideline lists cryoablation among the local ablative
 * therapies; the ≤ 4 cm cryo limit of the reference is applied under intl. Multiple nodules use
 * the 3 cm rule for both techniques (the RCT enrolled 1–2 nodules ≤ 4 cm; the reference does
 * not widen the multinodular rule).
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
  flagCheck,
  labCheck,
  type Profile,
  type ProfilePair,
  reason,
  Stop,
  safetyCheck,
} from "./common.js";

export type AblationModality = "thermalAblation" | "cryoablation";

const INTL = cited("aasld2023");
const CN = cited("cnTaceGuideline");
const CRYO = cited("wang2015Cryo");
const BLEED = cited("sir2019Bleeding");

/** Single-nodule limits (cm): `full` eligible up to, `max` relative up to; above `max` contraindicated. */
export const ABLATION_SINGLE_CM: Readonly<
  Record<AblationModality, Readonly<Record<Profile, { full: number; max: number }>>>
> = {
  thermalAblation: { intl: { full: 3, max: 5 }, cn: { full: 5, max: 5 } },
  cryoablation: { intl: { full: 4, max: 5 }, cn: { full: 5, max: 5 } },
};
/** 2–3 nodules, each at most this (cm). */
export const ABLATION_MULTIPLE_EACH_CM = 3;
export const ABLATION_MAX_NODULES = 3;
export const ABLATION_PLATELETS_MIN = 50;
export const ABLATION_INR_MAX = 1.5;

function sizeCheck(modality: AblationModality): Check {
  return {
    id: "ablation.size",
    run: (ctx) => {
      const src =
        modality === "cryoablation" && ctx.profile === "intl" ? CRYO : ctx.profile === "cn" ? CN : INTL;
      const b = ctx.burden({ complete: false });
      if (b instanceof Stop) return b;
      if (b.count > ABLATION_MAX_NODULES) {
        return reason("ablation.size", "absolute", `${b.count} nodules (≥ ${ABLATION_MAX_NODULES + 1})`, src);
      }
      const largest = b.largestKnownCm;
      if (b.count === 1) {
        const lim = ABLATION_SINGLE_CM[modality][ctx.profile];
        if (largest === undefined) return ctx.missing("tumors[].diameterCm (all 1 nodule)");
        if (largest > lim.max) {
          return reason(
            "ablation.size",
            "absolute",
            `single ${largest} cm (> ${lim.max} cm: not for stand-alone curative ablation)`,
            src,
          );
        }
        if (largest > lim.full) {
          return reason(
            "ablation.size",
            "relative",
            `single ${largest} cm (> ${lim.full} to ≤ ${lim.max} cm: higher incomplete ablation and local recurrence; consider TACE + ablation or resection)`,
            src,
          );
        }
        return undefined;
      }
      if (largest !== undefined && largest > ABLATION_MULTIPLE_EACH_CM) {
        return reason(
          "ablation.size",
          "absolute",
          `${b.count} nodules with largest ${largest} cm (> ${ABLATION_MULTIPLE_EACH_CM} cm)`,
          src,
        );
      }
      const all = ctx.burden({ complete: true });
      return all instanceof Stop ? all : undefined;
    },
  };
}

const spread: Check = {
  id: "ablation.spread",
  run: (ctx) => {
    const out = [];
    const vascular = ctx.need(ctx.c.vascularInvasion.present, "vascularInvasion.present");
    if (vascular instanceof Stop) return vascular;
    if (vascular) {
      out.push(reason("ablation.vascularInvasion", "absolute", "macrovascular invasion", INTL));
    }
    const extrahepatic = ctx.need(ctx.c.extrahepaticSpread, "extrahepaticSpread");
    if (extrahepatic instanceof Stop) return extrahepatic;
    if (extrahepatic) {
      out.push(reason("ablation.extrahepaticSpread", "absolute", "extrahepatic spread", INTL));
    }
    const infiltrative = ctx.need(ctx.c.infiltrative, "infiltrative");
    if (infiltrative instanceof Stop) return infiltrative;
    if (infiltrative) {
      out.push(reason("ablation.infiltrative", "absolute", "infiltrative tumour", INTL));
    }
    return out;
  },
};

function checks(modality: AblationModality): Check[] {
  return [
    sizeCheck(modality),
    spread,
    childPughCCheck("ablation.childPughC", INTL),
    ecogCheck("ablation.ecog", null, INTL),
    labCheck(
      "ablation.platelets",
      "platelets",
      "<",
      ABLATION_PLATELETS_MIN,
      "×10⁹/L",
      "platelets",
      "relative",
      BLEED,
    ),
    labCheck("ablation.inr", "inr", ">", ABLATION_INR_MAX, "", "INR", "relative", BLEED),
    safetyCheck("ablation"),
    ...contraindicationFlags("ablation", [
      {
        key: "uncorrectableCoagulopathy",
        level: "absolute",
        text: "uncorrectable coagulopathy",
        sources: BLEED,
      },
    ]),
    flagCheck(
      "ablation.noSafeAccess",
      "ablation.noSafeAccess",
      (c) => c.ablation.noSafeAccess,
      "absolute",
      "no safe percutaneous access window",
      INTL,
    ),
    flagCheck(
      "ablation.unsafeLocation",
      "ablation.unsafeLocation",
      (c) => c.ablation.unsafeLocation,
      "relative",
      "high-risk location (hilum, main bile duct, bowel, gallbladder, large-vessel heat sink): hydrodissection, laparoscopic route, MWA or IRE",
      INTL,
    ),
    flagCheck(
      "ablation.biliary",
      "biliary.bilioentericAnastomosis",
      (c) => c.biliary.bilioentericAnastomosis,
      "relative",
      "bilioenteric anastomosis (abscess risk)",
      INTL,
    ),
  ];
}

const LABEL: Readonly<Record<AblationModality, string>> = {
  thermalAblation: "Thermal ablation (RFA/MWA)",
  cryoablation: "Cryoablation (argon-helium)",
};

const EVALUATIONS = {
  thermalAblation: evaluations("thermalAblation", LABEL.thermalAblation, checks("thermalAblation"), INTL),
  cryoablation: evaluations(
    "cryoablation",
    LABEL.cryoablation,
    checks("cryoablation"),
    cited(...CRYO.ids, ...INTL.ids),
  ),
};

export function ablationEligibility(facts: CaseFacts, modality: AblationModality): ProfilePair {
  return bothProfiles(facts, EVALUATIONS[modality]);
}
