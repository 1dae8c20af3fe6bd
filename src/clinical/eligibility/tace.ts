/**
 * Eligibility for conventional TACE (`ctace`), drug-eluting-bead TACE (`debtace`) and bland
 * transarterial embolization (`tae`), under the `intl` and `cn` profiles
 * (staging-treatment.md §4.1; EASL 2018 contraindication table; Chinese TACE guideline; SIR).
 *
 * Absolute (both): Child-Pugh C; ECOG > 2; uncorrectable coagulopathy; expected survival
 * < 3 months; pregnancy; renal insufficiency (intl creatinine ≥ 2 mg/dL, cn > 2 mg/dL, either
 * CrCl < 30 mL/min) [CONFLICT at exactly 2.0].
 * Profile-specific [CONFLICT]: Child-Pugh ≥ B8 (intl absolute, B7 relative; cn within
 * indication); main-trunk PVTT Vp4 (intl absolute; cn absolute only if completely occluded
 * without adequate collaterals, otherwise an indication); severely reduced portal flow (intl
 * absolute, cn relative); tumour ≥ 70 % of liver (intl absolute, cn relative); active
 * infection (intl relative, cn absolute); branch PVTT Vp1–3, hepatic-vein invasion only,
 * extrahepatic spread, ECOG 2 (intl relative, cn eligible); bilirubin (intl > 2 mg/dL, cn
 * > 3 mg/dL relative); tumour ≥ 10 cm and burden > 50 % (intl relative).
 * Relative (both): untreated high-risk varices; bilioenteric anastomosis, stent or incompetent
 * papilla; bile-duct obstruction; platelets < 50×10⁹/L; leukocytes < 3.0×10⁹/L; severe contrast
 * allergy; severe comorbidity; anthracycline contraindication (cTACE, DEB-TACE only).
 *
 * [DECISION] The relative contraindications listed "intl unless stated" in §4.1 without a cn
 * variant (varices, biliary, platelets, leukocytes, contrast, comorbidity, anthracycline) are
 * applied under both profiles: they are procedural safety facts and the Chinese guideline lists
 * leukocyte/platelet limits of its own.
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
  lifeExpectancyCheck,
  type Profile,
  type ProfilePair,
  reason,
  Stop,
  safetyCheck,
} from "./common.js";

export type TaceModality = "ctace" | "debtace" | "tae";

const LABEL: Readonly<Record<TaceModality, string>> = {
  ctace: "Conventional TACE",
  debtace: "DEB-TACE",
  tae: "Bland TAE",
};

const EASL = cited("easl2018TaceTable");
const CN = cited("cnTaceGuideline");
const BOTH = cited("easl2018TaceTable", "cnTaceGuideline");
const SIR = cited("sir2012TaceQi");

/** Renal limits: creatinine mg/dL (intl ≥ 2.0, cn > 2.0) and creatinine clearance < 30 mL/min. */
export const TACE_CREATININE_MG_DL = 2.0;
export const TACE_CRCL_MIN_ML_MIN = 30;
/** Bilirubin (mg/dL) above which TACE is a relative contraindication: intl > 2, cn > 3. */
export const TACE_BILIRUBIN_MG_DL: Readonly<Record<Profile, number>> = { intl: 2.0, cn: 3.0 };
/** Tumour share of liver volume (%): ≥ 70 extensive bilobar replacement; > 50 SIR burden. */
export const TACE_EXTENSIVE_PERCENT = 70;
export const TACE_BURDEN_PERCENT = 50;
/** Largest tumour (cm) at or above which EASL lists a relative contraindication. */
export const TACE_LARGE_TUMOR_CM = 10;
export const TACE_PLATELETS_MIN = 50;
export const TACE_WBC_MIN = 3.0;

const renal: Check = {
  id: "tace.renal",
  run: (ctx) => {
    const crcl = ctx.optionalLab("creatinineClearance");
    if (crcl instanceof Stop) return crcl;
    if (crcl !== undefined && crcl < TACE_CRCL_MIN_ML_MIN) {
      return reason(
        "tace.renal",
        "absolute",
        `creatinine clearance ${crcl} mL/min (< ${TACE_CRCL_MIN_ML_MIN})`,
        BOTH,
      );
    }
    const cr = ctx.lab("creatinine");
    if (cr instanceof Stop) return cr;
    const intl = ctx.profile === "intl";
    const fires = intl ? cr >= TACE_CREATININE_MG_DL : cr > TACE_CREATININE_MG_DL;
    return fires
      ? reason(
          "tace.renal",
          "absolute",
          `creatinine ${cr} mg/dL (${intl ? "≥ 2 mg/dL, EASL" : "> 2 mg/dL, Chinese guidance"}) [CONFLICT at exactly 2.0]`,
          intl ? EASL : CN,
        )
      : undefined;
  },
};

const childPughB: Check = {
  id: "tace.childPughB",
  run: (ctx) => {
    const cp = ctx.childPugh();
    if (cp instanceof Stop) return cp;
    if (cp.class !== "B") return undefined;
    if (ctx.profile === "cn") {
      return reason(
        "tace.childPughB",
        "note",
        `${cp.basis}: Child-Pugh A/B is within the Chinese indication`,
        CN,
      );
    }
    if (cp.score === undefined) return ctx.missing("childPughPoints");
    return cp.score >= 8
      ? reason(
          "tace.childPughB",
          "absolute",
          `${cp.basis}: decompensated cirrhosis Child-Pugh ≥ B8 (EASL)`,
          EASL,
        )
      : reason(
          "tace.childPughB",
          "relative",
          `${cp.basis}: Child-Pugh B7, selected patients only (EASL)`,
          EASL,
        );
  },
};

const vascular: Check = {
  id: "tace.vascularInvasion",
  run: (ctx) => {
    const vi = ctx.c.vascularInvasion;
    const present = ctx.need(vi.present, "vascularInvasion.present");
    if (present instanceof Stop) return present;
    if (!present) return undefined;
    // A hepatic-vein grade without a portal grade is read as hepatic-vein invasion only.
    const hepaticOnly = vi.portalVein.state === "absent" && vi.hepaticVein.state === "present";
    const vp = hepaticOnly ? "none" : ctx.need(vi.portalVein, "vascularInvasion.portalVein");
    if (vp instanceof Stop) return vp;
    const cn = ctx.profile === "cn";
    if (vp === "Vp4") {
      if (!cn) return reason("tace.vp4", "absolute", "main portal trunk tumour thrombus (Vp4; EASL)", EASL);
      const occluded = ctx.need(
        vi.mainPortalVeinCompleteOcclusion,
        "vascularInvasion.mainPortalVeinCompleteOcclusion",
      );
      if (occluded instanceof Stop) return occluded;
      if (!occluded) {
        return reason(
          "tace.vp4",
          "note",
          "Vp4 without complete occlusion of the trunk: an indication under the Chinese guidance",
          CN,
        );
      }
      const collaterals = ctx.need(vi.adequateCollaterals, "vascularInvasion.adequateCollaterals");
      if (collaterals instanceof Stop) return collaterals;
      return collaterals
        ? reason(
            "tace.vp4",
            "note",
            "Vp4 completely occluding the trunk with compensatory collaterals: an indication under the Chinese guidance",
            CN,
          )
        : reason(
            "tace.vp4",
            "absolute",
            "Vp4 completely occluding the main portal trunk without adequate collaterals (Chinese guidance)",
            CN,
          );
    }
    if (vp === "none") {
      return cn
        ? reason(
            "tace.hepaticVein",
            "note",
            "hepatic-vein invasion only: eligible under the Chinese guidance",
            CN,
          )
        : reason("tace.hepaticVein", "relative", "hepatic-vein invasion (outside the BCLC indication)", EASL);
    }
    return cn
      ? reason(
          "tace.branchPvtt",
          "note",
          `branch portal vein invasion ${vp}: TACE is a CNLC IIIa option (eligible)`,
          CN,
        )
      : reason(
          "tace.branchPvtt",
          "relative",
          `branch portal vein invasion ${vp} (outside the BCLC indication)`,
          EASL,
        );
  },
};

const extrahepatic: Check = {
  id: "tace.extrahepaticSpread",
  run: (ctx) => {
    const spread = ctx.need(ctx.c.extrahepaticSpread, "extrahepaticSpread");
    if (spread instanceof Stop) return spread;
    if (!spread) return undefined;
    return ctx.profile === "cn"
      ? reason(
          "tace.extrahepaticSpread",
          "note",
          "extrahepatic spread: eligible under cn to control intrahepatic disease",
          CN,
        )
      : reason(
          "tace.extrahepaticSpread",
          "relative",
          "extrahepatic spread (outside the BCLC indication)",
          EASL,
        );
  },
};

const portalFlow: Check = {
  id: "tace.portalFlow",
  run: (ctx) => {
    const f = ctx.optional(ctx.c.portalFlow, "portalFlow");
    if (f instanceof Stop) return f;
    if (f === undefined || f === "hepatopetal") return undefined;
    return ctx.profile === "intl"
      ? reason("tace.portalFlow", "absolute", `severely reduced portal flow (${f}; EASL)`, EASL)
      : reason(
          "tace.portalFlow",
          "relative",
          `reduced portal flow (${f}; relative under the Chinese guidance)`,
          CN,
        );
  },
};

const volume: Check = {
  id: "tace.tumorVolume",
  run: (ctx) => {
    const pct = ctx.optional(ctx.c.tumorLiverVolumePercent, "tumorLiverVolumePercent");
    if (pct instanceof Stop) return pct;
    if (pct === undefined) return undefined;
    if (pct >= TACE_EXTENSIVE_PERCENT) {
      return ctx.profile === "intl"
        ? reason(
            "tace.tumorVolume",
            "absolute",
            `tumour ${pct} % of liver (≥ ${TACE_EXTENSIVE_PERCENT} %: extensive replacement of both lobes, EASL)`,
            EASL,
          )
        : reason(
            "tace.tumorVolume",
            "relative",
            `tumour ${pct} % of liver (≥ ${TACE_EXTENSIVE_PERCENT} %: staged, small-volume TACE, Chinese guidance)`,
            CN,
          );
    }
    if (pct > TACE_BURDEN_PERCENT && ctx.profile === "intl") {
      return reason(
        "tace.tumorVolume",
        "relative",
        `tumour ${pct} % of liver (> ${TACE_BURDEN_PERCENT} %, SIR)`,
        SIR,
      );
    }
    return undefined;
  },
};

const largeTumour: Check = {
  id: "tace.largeTumor",
  run: (ctx) => {
    if (ctx.profile !== "intl") return undefined;
    const b = ctx.burden({ complete: false });
    if (b instanceof Stop) return b;
    if (b.largestKnownCm !== undefined && b.largestKnownCm >= TACE_LARGE_TUMOR_CM) {
      return reason(
        "tace.largeTumor",
        "relative",
        `largest tumour ${b.largestKnownCm} cm (≥ ${TACE_LARGE_TUMOR_CM} cm, EASL)`,
        EASL,
      );
    }
    const all = ctx.burden({ complete: true });
    return all instanceof Stop ? all : undefined;
  },
};

const bilirubin: Check = {
  id: "tace.bilirubin",
  run: (ctx) => {
    const cut = TACE_BILIRUBIN_MG_DL[ctx.profile];
    const v = ctx.lab("bilirubin");
    if (v instanceof Stop) return v;
    if (v <= cut) return undefined;
    return ctx.profile === "intl"
      ? reason(
          "tace.bilirubin",
          "relative",
          `bilirubin ${v} mg/dL (> ${TACE_BILIRUBIN_MG_DL.intl} mg/dL, SIR)`,
          SIR,
        )
      : reason(
          "tace.bilirubin",
          "relative",
          `bilirubin ${v} mg/dL (> ${TACE_BILIRUBIN_MG_DL.cn} mg/dL: segmental treatment only, Chinese guidance)`,
          CN,
        );
  },
};

function checks(modality: TaceModality): Check[] {
  const list: Check[] = [
    childPughCCheck("tace.childPughC", BOTH),
    childPughB,
    safetyCheck("tace"),
    ecogCheck("tace.ecog", { intl: "relative", cn: null }, BOTH),
    renal,
    vascular,
    extrahepatic,
    portalFlow,
    volume,
    largeTumour,
    bilirubin,
    labCheck("tace.platelets", "platelets", "<", TACE_PLATELETS_MIN, "×10⁹/L", "platelets", "relative", BOTH),
    labCheck("tace.wbc", "wbc", "<", TACE_WBC_MIN, "×10⁹/L", "leukocytes", "relative", BOTH),
    lifeExpectancyCheck("tace.lifeExpectancy", CN),
    ...contraindicationFlags("tace", [
      {
        key: "uncorrectableCoagulopathy",
        level: "absolute",
        text: "uncorrectable coagulopathy",
        sources: cited("cnTaceGuideline", "sir2019Bleeding"),
      },
      { key: "pregnancy", level: "absolute", text: "pregnancy", sources: CN },
      {
        key: "activeInfection",
        level: { intl: "relative", cn: "absolute" },
        text: "uncontrolled active infection",
        sources: BOTH,
      },
      {
        key: "highRiskVaricesUntreated",
        level: "relative",
        text: "untreated high-risk varices",
        sources: EASL,
      },
      { key: "severeContrastAllergy", level: "relative", text: "severe contrast allergy", sources: SIR },
      {
        key: "severeComorbidity",
        level: "relative",
        text: "severe cardiopulmonary comorbidity",
        sources: EASL,
      },
    ]),
    flagCheck(
      "tace.biliary",
      "biliary.bilioentericAnastomosis",
      (c) => c.biliary.bilioentericAnastomosis,
      "relative",
      "bilioenteric anastomosis (abscess risk)",
      EASL,
    ),
    flagCheck(
      "tace.biliary",
      "biliary.stentOrIncompetentPapilla",
      (c) => c.biliary.stentOrIncompetentPapilla,
      "relative",
      "biliary stent or incompetent papilla (abscess risk)",
      EASL,
    ),
    flagCheck(
      "tace.biliary",
      "biliary.obstruction",
      (c) => c.biliary.obstruction,
      "relative",
      "bile-duct obstruction",
      EASL,
    ),
  ];
  if (modality !== "tae") {
    list.push(
      flagCheck(
        "tace.anthracycline",
        "contraindications.anthracycline",
        (c) => c.contraindications.anthracycline,
        "relative",
        "anthracycline contraindication (use bland TAE or another agent)",
        SIR,
      ),
    );
  }
  return list;
}

const EVALUATIONS = {
  ctace: evaluations("ctace", LABEL.ctace, checks("ctace"), BOTH),
  debtace: evaluations("debtace", LABEL.debtace, checks("debtace"), BOTH),
  tae: evaluations("tae", LABEL.tae, checks("tae"), BOTH),
};

/** One modality under both profiles. */
export function taceEligibility(facts: CaseFacts, modality: TaceModality): ProfilePair {
  return bothProfiles(facts, EVALUATIONS[modality]);
}
