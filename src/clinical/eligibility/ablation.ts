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
 * anastomosis, moderate-severe ascites.
 *
 * [DECISION] Under cn, cryoablation follows the Chinese ablation indication (single ≤ 5 cm,
 * 2–3 nodules ≤ 3 cm), as the Chinese guideline lists cryoablation among the local ablative
 * therapies; the ≤ 4 cm cryo limit of the reference is applied under intl. Multiple nodules use
 * the 3 cm rule for both techniques (the RCT enrolled 1–2 nodules ≤ 4 cm; the reference does
 * not widen the multinodular rule).
 */
import type { ParsedCase } from "../case/types.js";
import type { SourceId } from "../evidence/index.js";
import type { ChildPughResult } from "../scores/child-pugh.js";
import {
  bothProfiles,
  type Check,
  childPughCCheck,
  contraindicationFlags,
  ecogCheck,
  evaluate,
  flagCheck,
  labCheck,
  type Profile,
  type ProfilePair,
  reason,
} from "./common.js";

export type AblationModality = "thermalAblation" | "cryoablation";

const INTL: readonly SourceId[] = ["aasld2023"];
const CN: readonly SourceId[] = ["cnTaceGuideline"];
const CRYO: readonly SourceId[] = ["wang2015Cryo"];
const BLEED: readonly SourceId[] = ["sir2019Bleeding"];

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
      if (b.count > ABLATION_MAX_NODULES) {
        return reason("ablation.size", "absolute", `${b.count} nodules (≥ 4)`, src);
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
          `${b.count} nodules with largest ${largest} cm (> 3 cm)`,
          src,
        );
      }
      ctx.burden({ complete: true });
      return undefined;
    },
  };
}

const spread: Check = {
  id: "ablation.spread",
  run: (ctx) => {
    const out = [];
    if (ctx.need(ctx.c.vascularInvasion.present, "vascularInvasion.present")) {
      out.push(reason("ablation.vascularInvasion", "absolute", "macrovascular invasion", INTL));
    }
    if (ctx.need(ctx.c.extrahepaticSpread, "extrahepaticSpread")) {
      out.push(reason("ablation.extrahepaticSpread", "absolute", "extrahepatic spread", INTL));
    }
    if (ctx.need(ctx.c.infiltrative, "infiltrative")) {
      out.push(reason("ablation.infiltrative", "absolute", "infiltrative tumour", INTL));
    }
    return out;
  },
};

const ascites: Check = {
  id: "ablation.ascites",
  run: (ctx) =>
    ctx.need(ctx.c.ascites, "ascites") === "moderate-severe"
      ? reason("ablation.ascites", "relative", "moderate-severe ascites", INTL)
      : undefined,
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
    ascites,
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

export function ablationEligibility(
  c: ParsedCase,
  modality: AblationModality,
  cp?: ChildPughResult,
): ProfilePair {
  const list = checks(modality);
  return bothProfiles((profile) =>
    evaluate(c, {
      modality,
      label: LABEL[modality],
      profile,
      checks: list,
      baseSources: modality === "cryoablation" ? [...CRYO, ...INTL] : INTL,
      childPugh: cp,
    }),
  );
}
