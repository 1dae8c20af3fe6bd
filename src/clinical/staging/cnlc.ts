/**
 * China Liver Cancer (CNLC) staging and per-stage options, national guideline 2022/2024
 * (staging-treatment.md §2.1–2.3, §7.7).
 *
 * Gate [HARD]: ECOG 0–2 and Child-Pugh A/B for I–III; ECOG 3–4 or Child-Pugh C → IV.
 * Ia single ≤ 5 cm; Ib single > 5 cm, or 2–3 nodules with largest ≤ 3 cm; IIa 2–3 nodules with
 * largest > 3 cm; IIb ≥ 4 nodules; IIIa vascular invasion (imaging tumour thrombus), no
 * extrahepatic metastasis; IIIb extrahepatic metastasis; IV as above. Boundaries: 5.0 → Ia,
 * 5.1 → Ib; 2–3 nodules largest 3.0 → Ib, 3.1 → IIa. Check order: IV → IIIb → IIIa → size.
 *
 * [DECISION] §7.7: CNLC uses ECOG as given (no "cancer-related" qualifier) and Child-Pugh class
 * only (no decompensation rule), so a Child-Pugh B or a decompensated Child-Pugh A patient is
 * staged by tumour (BCLC differs: concordance.ts).
 * [DECISION] Child-Pugh class: the computed score, else the given `childPughClass`.
 *
 * Options (§2.2): membership per the 2024 roadmap summaries; order beyond the first choice is
 * [UNVERIFIED]; HAIC in the 2024 figure is [UNVERIFIED]. IIIa has no single verified first
 * choice (`firstChoice: null`, `optionsOrdered: false`), and its sub-situation matters:
 * main-trunk thrombus (Vp4) → no direct resection, TACE only when the trunk is not completely
 * occluded or collaterals are adequate [JUDGEMENT: Chinese TACE guidance, §4.1]; branch
 * thrombus → resection possible in selected cases after MDT.
 * [DECISION] Vp4 is taken as main-trunk thrombus (Cheng III–IV ≈ Vp4; the mapping is
 * approximate [UNVERIFIED one-to-one], §2.1).
 * First-line systemic list (§2.3): 2022 edition without priority; 2024 additions [UNVERIFIED].
 */
import type { ChildPughClass, ParsedCase } from "../case/types.js";
import { describeBurden, sizesMissingPath, type TumorBurden, tumorBurden } from "../criteria/burden.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { type ChildPughResult, childPughRange } from "../scores/child-pugh.js";
import type { ConditionalOptions, OptionCode, OptionsOutcome } from "./options.js";

export const CNLC_RULE = "cnlc";
const CITATION = cite("cnlc2022", "cnlc2024");

export type CnlcStage = "Ia" | "Ib" | "IIa" | "IIb" | "IIIa" | "IIIb" | "IV";

/** Single nodule limit for Ia (cm, inclusive). */
export const CNLC_IA_SINGLE_MAX_CM = 5.0;
/** Largest of 2–3 nodules for Ib (cm, inclusive). */
export const CNLC_IB_MULTIPLE_MAX_CM = 3.0;
export const CNLC_II_MAX_COUNT = 3;
/** ECOG ≥ 3 → IV. */
export const CNLC_ECOG_IV = 3;

/** A first-line systemic regimen of the Chinese guideline (§2.3), listed without priority. */
export interface SystemicRegimen {
  readonly code: string;
  readonly name: string;
  readonly edition: "2022" | "2024";
  /** 2024 additions come from secondary summaries only. */
  readonly verified: boolean;
}

export const CNLC_FIRST_LINE_SYSTEMIC: readonly SystemicRegimen[] = Object.freeze([
  { code: "atezolizumab-bevacizumab", name: "atezolizumab + bevacizumab", edition: "2022", verified: true },
  {
    code: "sintilimab-bevacizumab-biosimilar",
    name: "sintilimab + bevacizumab biosimilar (ORIENT-32)",
    edition: "2022",
    verified: true,
  },
  { code: "lenvatinib", name: "lenvatinib", edition: "2022", verified: true },
  { code: "sorafenib", name: "sorafenib", edition: "2022", verified: true },
  { code: "donafenib", name: "donafenib", edition: "2022", verified: true },
  { code: "folfox4", name: "systemic FOLFOX4", edition: "2022", verified: true },
  {
    code: "camrelizumab-rivoceranib",
    name: "camrelizumab + rivoceranib/apatinib (CARES-310)",
    edition: "2024",
    verified: false,
  },
  { code: "tislelizumab", name: "tislelizumab (RATIONALE-301)", edition: "2024", verified: false },
  {
    code: "durvalumab-tremelimumab",
    name: "durvalumab + tremelimumab (pending approval at the time)",
    edition: "2024",
    verified: false,
  },
]);

export type CnlcIIIaSituation = "main-trunk-thrombus" | "branch-thrombus" | "hepatic-vein-invasion";

interface CnlcOptionFields {
  /** The guideline's first choice; `null` where it names none (IIIa). */
  readonly firstChoice: OptionCode | null;
  /** Whether the guideline ranks the options. */
  readonly optionsOrdered: boolean;
  /** IIIa sub-situation, when stage is IIIa and the thrombus site is known. */
  readonly subSituation?: CnlcIIIaSituation;
  /** Chinese first-line systemic regimens, where systemic therapy is an option. */
  readonly firstLineSystemic?: readonly SystemicRegimen[];
  /** Combinations and conditions the guideline attaches to the options. */
  readonly optionNotes: readonly string[];
}

type CnlcOptionValues = CnlcOptionFields & OptionsOutcome;

export type CnlcValues = {
  readonly stage: CnlcStage;
  /** Nodule count and largest diameter (cm) when known (for the BCLC comparison). */
  readonly tumorCount: number | null;
  readonly largestCm: number | null;
} & CnlcOptionValues;

export type CnlcResult = RuleResult<CnlcValues>;

interface StageOptions {
  readonly options: readonly OptionCode[];
  readonly firstChoice: OptionCode | null;
  readonly ordered: boolean;
  readonly notes: readonly string[];
}

/** The per-stage lists of §2.2 (first choice first; later order [UNVERIFIED]). */
export const CNLC_OPTIONS: Readonly<Record<Exclude<CnlcStage, "IIIa">, StageOptions>> = Object.freeze({
  Ia: {
    options: ["resection", "ablation", "liver-transplant"],
    firstChoice: "resection",
    ordered: true,
    notes: [
      "≤ 3 cm: ablation and resection give similar survival (resection fewer local recurrences)",
      "3–5 cm: resection preferred; ablation or TACE + ablation when not resectable",
    ],
  },
  Ib: {
    options: ["resection", "tace", "ablation", "liver-transplant"],
    firstChoice: "resection",
    ordered: true,
    notes: [
      "single > 5 cm: resection first (anatomical when feasible)",
      "ablation for 2–3 nodules ≤ 3 cm; TACE + ablation combination",
    ],
  },
  IIa: {
    options: ["resection", "tace", "ablation", "liver-transplant"],
    firstChoice: "resection",
    ordered: true,
    notes: ["resection in selected patients", "ablation as TACE + ablation combination"],
  },
  IIb: {
    options: ["tace", "systemic-therapy", "resection", "haic"],
    firstChoice: "tace",
    ordered: true,
    notes: [
      "TACE ± systemic therapy",
      "resection in selected cases (e.g. confined to one section/lobe) after MDT",
      "HAIC [UNVERIFIED in the 2024 figure]",
    ],
  },
  IIIb: {
    options: ["systemic-therapy", "tace", "haic", "radiotherapy"],
    firstChoice: "systemic-therapy",
    ordered: true,
    notes: [
      "TACE/HAIC for intrahepatic control",
      "radiotherapy: SBRT for oligometastases, palliative RT for bone metastases",
    ],
  },
  IV: {
    options: ["best-supportive-care", "palliative-care"],
    firstChoice: "best-supportive-care",
    ordered: true,
    notes: ["palliative care includes traditional Chinese medicine"],
  },
});

const IIIA_BRANCH: StageOptions = {
  options: ["systemic-therapy", "tace", "haic", "resection", "radiotherapy"],
  firstChoice: null,
  ordered: false,
  notes: [
    "no single first choice verified",
    "resection for branch thrombus (Cheng I–II) after MDT",
    "combinations commonly used: TACE/HAIC + systemic, TACE + radiotherapy",
  ],
};

function iiiaMainTrunk(tace: boolean | undefined): StageOptions {
  return {
    options: ["systemic-therapy", "haic", "radiotherapy", ...(tace === false ? [] : (["tace"] as const))],
    firstChoice: null,
    ordered: false,
    notes: [
      "main-trunk thrombus: no direct resection",
      tace === false
        ? "TACE not listed: main trunk completely occluded without adequate collaterals"
        : tace === true
          ? "TACE: main trunk not completely occluded, or adequate collaterals"
          : "TACE only when the main trunk is not completely occluded or collaterals are adequate (vascularInvasion.mainPortalVeinCompleteOcclusion / adequateCollaterals)",
      "combinations commonly used: HAIC/TACE + systemic, TACE + radiotherapy",
    ],
  };
}

function withSystemic(o: StageOptions): Pick<CnlcValues, "firstLineSystemic"> {
  return o.options.includes("systemic-therapy") ? { firstLineSystemic: CNLC_FIRST_LINE_SYSTEMIC } : {};
}

function okFrom(o: StageOptions, why: string): CnlcOptionValues {
  return {
    optionsStatus: "ok",
    options: o.options,
    alternatives: [],
    firstChoice: o.firstChoice,
    optionsOrdered: o.ordered,
    optionNotes: o.notes,
    ...withSystemic(o),
    optionsReason: why,
  };
}

/** IIIa options by sub-situation (§2.2). */
function iiiaOptions(c: ParsedCase): CnlcOptionValues {
  const vi = c.vascularInvasion;
  const errors: FieldError[] = [];
  for (const f of [
    vi.portalVein,
    vi.hepaticVein,
    vi.mainPortalVeinCompleteOcclusion,
    vi.adequateCollaterals,
  ]) {
    if (f.state === "invalid") errors.push(...f.errors);
  }
  if (errors.length > 0) {
    return {
      optionsStatus: "invalid",
      options: [],
      alternatives: [],
      optionsErrors: errors,
      firstChoice: null,
      optionsOrdered: false,
      optionNotes: [],
      optionsReason: `Options not determined — invalid input: ${[...new Set(errors.map((e) => e.path))].join(", ")}.`,
    };
  }
  const occluded = vi.mainPortalVeinCompleteOcclusion;
  const collaterals = vi.adequateCollaterals;
  const tace =
    (occluded.state === "present" && !occluded.value) ||
    (collaterals.state === "present" && collaterals.value)
      ? true
      : occluded.state === "present" &&
          occluded.value &&
          collaterals.state === "present" &&
          !collaterals.value
        ? false
        : undefined;
  if (vi.portalVein.state === "present") {
    const grade = vi.portalVein.value;
    if (grade === "Vp4") {
      return {
        ...okFrom(iiiaMainTrunk(tace), `CNLC IIIa with main-trunk portal vein thrombus (${grade}).`),
        subSituation: "main-trunk-thrombus",
      };
    }
    return {
      ...okFrom(IIIA_BRANCH, `CNLC IIIa with branch portal vein thrombus (${grade}).`),
      subSituation: "branch-thrombus",
    };
  }
  if (vi.hepaticVein.state === "present") {
    return {
      ...okFrom(
        IIIA_BRANCH,
        `CNLC IIIa with hepatic vein invasion (${vi.hepaticVein.value}); no portal vein grade given.`,
      ),
      subSituation: "hepatic-vein-invasion",
    };
  }
  const conditional: ConditionalOptions[] = [
    { when: "portal vein branch thrombus (Vp1–Vp3)", options: IIIA_BRANCH.options },
    { when: "main-trunk thrombus (Vp4)", options: iiiaMainTrunk(tace).options },
  ];
  return {
    optionsStatus: "indeterminate",
    options: [],
    alternatives: [],
    optionsMissing: ["vascularInvasion.portalVein"],
    conditionalOptions: conditional,
    firstChoice: null,
    optionsOrdered: false,
    optionNotes: [],
    optionsReason:
      "Options cannot be determined — missing vascularInvasion.portalVein: CNLC IIIa options differ with main-trunk vs branch thrombus.",
  };
}

type SizeStage =
  | { readonly stage: "Ia" | "Ib" | "IIa" | "IIb"; readonly why: string }
  | { readonly stage: undefined };

function sizeStage(b: TumorBurden): SizeStage {
  const d = describeBurden(b);
  if (b.count > CNLC_II_MAX_COUNT)
    return { stage: "IIb", why: `${d}: ≥ ${CNLC_II_MAX_COUNT + 1} nodules → IIb` };
  const largest = b.largestKnownCm;
  if (b.count === 1) {
    if (largest === undefined) return { stage: undefined };
    return largest <= CNLC_IA_SINGLE_MAX_CM
      ? { stage: "Ia", why: `${d}: single ≤ ${CNLC_IA_SINGLE_MAX_CM} cm → Ia` }
      : { stage: "Ib", why: `${d}: single > ${CNLC_IA_SINGLE_MAX_CM} cm → Ib` };
  }
  if (largest !== undefined && largest > CNLC_IB_MULTIPLE_MAX_CM) {
    return { stage: "IIa", why: `${d}: 2–3 nodules, largest > ${CNLC_IB_MULTIPLE_MAX_CM} cm → IIa` };
  }
  if (b.unmeasured > 0) return { stage: undefined };
  return { stage: "Ib", why: `${d}: 2–3 nodules, largest ≤ ${CNLC_IB_MULTIPLE_MAX_CM} cm → Ib` };
}

export function cnlc(c: ParsedCase, deps: { readonly childPugh: ChildPughResult }): CnlcResult {
  const cp = deps.childPugh;
  const burdenField = tumorBurden(c);
  const mvi = c.vascularInvasion.present;
  const ehs = c.extrahepaticSpread;
  const errors: FieldError[] = [];
  for (const f of [c.ecog, burdenField, mvi, ehs]) if (f.state === "invalid") errors.push(...f.errors);

  let cls: ChildPughClass | undefined;
  let clsText = "";
  let cpMissing: readonly string[] = [];
  if (cp.status === "ok") {
    cls = cp.class;
    clsText = `Child-Pugh ${cp.class}${cp.score}`;
  } else if (c.childPughClass.state === "present") {
    cls = c.childPughClass.value;
    clsText = `Child-Pugh ${cls} (as given)`;
  } else if (c.childPughClass.state === "invalid") errors.push(...c.childPughClass.errors);
  else if (cp.status === "invalid") errors.push(...cp.errors);
  else {
    // CNLC needs only "A or B" vs "C" (staging-treatment reference: a missing item does not block
    // when the others already decide it): the range of scores still possible.
    const range = childPughRange(c);
    if (range && range.max <= 9) {
      cls = "B";
      clsText = `Child-Pugh ${range.min}–${range.max} points whatever ${range.missing.join(", ")} (A or B, never C)`;
    } else if (range && range.min >= 10) {
      cls = "C";
      clsText = `Child-Pugh ≥ ${range.min} points whatever ${range.missing.join(", ")} (C)`;
    } else cpMissing = cp.missing;
  }
  if (errors.length > 0) return invalid(CNLC_RULE, CITATION, errors);

  const ecog = c.ecog.state === "present" ? c.ecog.value : undefined;
  const b = burdenField.state === "present" ? burdenField.value : undefined;
  const result = (stage: CnlcStage, why: string, opts: CnlcOptionValues): CnlcResult => ({
    status: "ok",
    rule: CNLC_RULE,
    stage,
    tumorCount: b?.count ?? null,
    largestCm: b && b.unmeasured === 0 ? (b.largestKnownCm ?? null) : null,
    ...opts,
    reason: `CNLC ${stage}: ${why}. ${opts.optionsReason}`,
    citation: CITATION,
  });

  // Gate (IV).
  const ivTriggers: string[] = [];
  if (ecog !== undefined && ecog >= CNLC_ECOG_IV) ivTriggers.push(`ECOG ${ecog} (3–4)`);
  if (cls === "C") ivTriggers.push(clsText);
  if (ivTriggers.length > 0) {
    const iv = CNLC_OPTIONS.IV;
    const opts: StageOptions =
      cls === "C"
        ? {
            ...iv,
            options: [...iv.options, "liver-transplant"],
            notes: [...iv.notes, "liver transplant for Child-Pugh C within transplant criteria"],
          }
        : iv;
    return result(
      "IV",
      ivTriggers.join(", "),
      okFrom(opts, "CNLC IV: best supportive care, palliative care."),
    );
  }
  const gateMissing = [...(ecog === undefined ? ["ecog"] : []), ...(cls === undefined ? cpMissing : [])];
  const gate = `ECOG ${ecog} (0–2), ${clsText} (A/B)`;

  // IIIb → IIIa → size.
  const size = b ? sizeStage(b) : { stage: undefined };
  let decided: { stage: CnlcStage; why: string } | undefined;
  const missing: string[] = [];
  if (ehs.state === "present" && ehs.value) decided = { stage: "IIIb", why: "extrahepatic metastasis" };
  else if (mvi.state === "present" && mvi.value) {
    if (ehs.state === "absent") missing.push("extrahepaticSpread");
    else decided = { stage: "IIIa", why: "vascular invasion (tumour thrombus), no extrahepatic metastasis" };
  } else {
    if (ehs.state === "absent") missing.push("extrahepaticSpread");
    if (mvi.state === "absent") missing.push("vascularInvasion.present");
    if (size.stage === undefined) missing.push(sizesMissingPath(b));
    if (missing.length === 0 && size.stage !== undefined) {
      decided = { stage: size.stage, why: `${size.why}; no vascular invasion; no extrahepatic metastasis` };
    }
  }
  if (gateMissing.length > 0 || !decided) {
    return indeterminate(CNLC_RULE, CITATION, [...new Set([...gateMissing, ...missing])]);
  }
  const why = `${decided.why}; ${gate}`;
  if (decided.stage === "IIIa") return result("IIIa", why, iiiaOptions(c));
  const o = CNLC_OPTIONS[decided.stage];
  const first = o.firstChoice ? `first choice ${o.firstChoice}` : "no first choice";
  return result(decided.stage, why, okFrom(o, `CNLC ${decided.stage}: ${o.options.join(", ")} (${first}).`));
}
