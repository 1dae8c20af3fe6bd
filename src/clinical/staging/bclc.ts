/**
 * BCLC staging and stage-linked first options, 2022 update (staging-treatment.md §1 and §7;
 * Reig 2022).
 *
 * Stages (§1.1): 0 single ≤ 2 cm; A single any size or 2–3 nodules each ≤ 3 cm; B multinodular
 * beyond A without macrovascular invasion (MVI) or extrahepatic spread (EHS); C MVI and/or EHS,
 * or cancer-related ECOG 1–2; D cancer-related ECOG 3–4 or non-preserved liver function. 0–B
 * need ECOG 0 and preserved liver function. Boundaries inclusive ("≤"): 2.0 cm is 0, 2.1 is A;
 * 3.0 cm for 2–3 nodules is A.
 *
 * Order (§7.2): D triggers first, then C, then 0/A/B by burden. A known D trigger decides even if
 * other inputs are missing; a known C trigger decides only when D is excluded (PVTT with unknown
 * ECOG is indeterminate, as ECOG ≥ 3 would make it D).
 *
 * Liver function (§1.2) [HARD + JUDGEMENT]:
 * - `liverFunctionPreserved` (clinician's statement) overrides the derivation.
 * - Decompensation (ascites, encephalopathy, jaundice, variceal bleeding) → not preserved →
 *   D, whatever the Child-Pugh score. [JUDGEMENT] BCLC 2022 defines D as end-stage; "D by
 *   exclusion" for a decompensated Child-Pugh A is the reference's reading, and the reason says
 *   so. CNLC stages the same patient by tumour [CONFLICT] (concordance.ts).
 * - Child-Pugh C → D. Child-Pugh A without decompensation → preserved.
 * - Child-Pugh B without decompensation: BCLC 2022 gives no rule → indeterminate, missing
 *   `liverFunctionPreserved` [JUDGEMENT] (older versions put CP B in A–C: not copied).
 * - [DECISION] `decompensation.jaundice`/`.varicealBleeding` when not given are read as not
 *   reported (the decision rests on ascites, encephalopathy and Child-Pugh), stated in
 *   `assumptions`.
 *
 * ECOG (§1.1) [JUDGEMENT]: read as cancer-related unless `ecogCancerRelated: false` (stated in
 * `assumptions`); a PS attributed to comorbidity does not stage (cancer-related PS taken as 0).
 *
 * Options (§1.3, §7.3) are separate from the stage: `optionsStatus` "indeterminate" with
 * `optionsMissing` and `conditionalOptions` when the stage is known but the option is not.
 * - 0: `["resection","ablation"]` when no clinically significant portal hypertension (CSPH) and
 *   bilirubin ≤ ULN, else `["ablation"]` (figure's branch order [UNVERIFIED]; reference's lists).
 * - A single: resection (no CSPH, normal bilirubin); else LT if candidate and within Milan;
 *   else ablation (≤ 3 cm), ablation or TACE (3–5 cm), TACE (> 5 cm) — TACE being the
 *   treatment-stage migration (§1.5) to B's option; TARE as alternative for single ≤ 8 cm
 *   (LEGACY) [UNVERIFIED exact BCLC wording]. [DECISION] the 3 and 5 cm joins follow the
 *   ablation size rules of §4.4.
 * - A 2–3 nodules ≤ 3 cm: LT if candidate, else ablation.
 * - Infiltrative (diffuse) HCC is stage B whatever the nodule sizes (BCLC 2022 puts "diffuse,
 *   infiltrative, extensive bilobar liver involvement" in B, systemic subgroup), once
 *   macrovascular invasion and extrahepatic spread are excluded.
 * - B (§1.3, §7.4): infiltrative → B3 directly; needs `transplantCandidate`; candidates within
 *   the centre's extended criteria (`withinExtendedTransplantCriteria`, or
 *   `extendedTransplantCriterion` UCSF / up-to-seven evaluated here) → B1 LT; otherwise the
 *   four TACE-suitability facts → B2 TACE or B3 systemic (a migration to C's options).
 * - C: atezolizumab-bevacizumab or durvalumab-tremelimumab; driven by
 *   `contraindications.bevacizumab` / `.immunotherapy` [JUDGEMENT]; sorafenib, lenvatinib and
 *   durvalumab as alternatives (durvalumab in the 2022 figure [UNVERIFIED]).
 * - D: best supportive care; LT when liver function is end-stage but the burden is within Milan
 *   and the patient is a candidate (not when PS ≥ 3).
 * - "Normal bilirubin": ≤ `bilirubinUpperLimitNormal`, or 1.2 mg/dL assumed and stated.
 *
 * The 2025 update keeps stages and first options (§1.6); this module implements 2022.
 */
import type { ChildPughClass, ParsedCase } from "../case/types.js";
import { describeBurden, sizesMissingPath, type TumorBurden, tumorBurden } from "../criteria/burden.js";
import type { MilanResult } from "../criteria/milan.js";
import type { UcsfResult } from "../criteria/ucsf.js";
import type { UpToSevenResult } from "../criteria/up-to-seven.js";
import { TACE_EXTENSIVE_PERCENT } from "../eligibility/tace.js";
import { cite } from "../evidence/index.js";
import { en } from "../messages/catalogue.js";
import { type Field, type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { type SafetyLayer, safetyLayer } from "../safety/safety.js";
import type { ChildPughResult } from "../scores/child-pugh.js";
import { formatQuantity } from "../units/quantity.js";
import type { ConditionalOptions, OptionCode, OptionsOutcome } from "./options.js";

export const BCLC_RULE = "bclc";
const CITATION = cite("reig2022Bclc");
const SYSTEMIC_CITATION = cite("reig2022Bclc", "finn2020Imbrave150", "abouAlfa2022Himalaya");

export type BclcStage = "0" | "A" | "B" | "C" | "D";
export type BclcBSubgroup = "B1-transplant" | "B2-tace" | "B3-systemic";

/** Stage 0: single nodule ≤ 2.0 cm (inclusive). */
export const BCLC_0_MAX_CM = 2.0;
/** Stage A: 2–3 nodules each ≤ 3.0 cm (inclusive). */
export const BCLC_A_MULTIPLE_MAX_CM = 3.0;
export const BCLC_A_MAX_COUNT = 3;
/** Cancer-related ECOG ≥ 3 → D; 1–2 → C. */
export const BCLC_ECOG_D = 3;
/** Default bilirubin upper limit of normal (mg/dL) when the laboratory's is not given (§1.3). */
export const DEFAULT_BILIRUBIN_ULN_MG_DL = 1.2;
/** Single-nodule ablation alone ≤ 3 cm; 3–5 cm ablation (± TACE) or TACE; > 5 cm TACE (§1.3, §4.4). */
export const ABLATION_ALONE_MAX_CM = 3.0;
export const ABLATION_MAX_CM = 5.0;
/** TARE as an alternative for solitary tumours ≤ 8 cm (LEGACY) [UNVERIFIED exact BCLC wording]. */
export const TARE_SOLITARY_MAX_CM = 8.0;

export interface TreatmentStageMigration {
  /** The stage whose option is borrowed; the patient is not re-staged. */
  readonly toStage: BclcStage;
  readonly options: readonly OptionCode[];
  readonly reason: string;
}

export type BclcValues = {
  readonly stage: BclcStage;
  readonly bSubgroup?: BclcBSubgroup;
  /** BCLC liver function; "unknown" only when stage D is decided by ECOG alone. */
  readonly liverFunction: "preserved" | "not-preserved" | "unknown";
  /** ECOG used for staging (cancer-related PS); 0 when the impairment is due to comorbidity. */
  readonly ecogForStaging: number | null;
  readonly treatmentStageMigration: TreatmentStageMigration | null;
} & OptionsOutcome;

export type BclcResult = RuleResult<BclcValues>;

export interface BclcDeps {
  readonly childPugh: ChildPughResult;
  readonly milan: MilanResult;
  readonly ucsf: UcsfResult;
  readonly upToSeven: UpToSevenResult;
  /** The case's safety layer when already computed (assess.ts); computed here otherwise. */
  readonly safety?: SafetyLayer;
}

// ---------------------------------------------------------------- liver function (§1.2)

export type LiverFunction =
  | { readonly state: "preserved"; readonly why: string; readonly assumptions: readonly string[] }
  | {
      readonly state: "not-preserved";
      readonly why: string;
      readonly endStage: boolean;
      readonly assumptions: readonly string[];
    }
  | { readonly state: "unknown"; readonly missing: readonly string[] }
  | { readonly state: "invalid"; readonly errors: readonly FieldError[] };

/**
 * Preserved liver function in the BCLC 2022 sense, from the patient-level safety layer's
 * decompensation signals (safety/safety.ts: one reading of decompensation for the stage, the
 * eligibility, the plan and the doses).
 */
export function bclcLiverFunction(c: ParsedCase, cp: ChildPughResult, safety: SafetyLayer): LiverFunction {
  const stated = c.liverFunctionPreserved;
  if (stated.state === "invalid") return { state: "invalid", errors: stated.errors };
  if (stated.state === "present") {
    const why = `liver function ${stated.value ? "preserved" : "not preserved"} as stated by the clinician (liverFunctionPreserved)`;
    return stated.value
      ? { state: "preserved", why, assumptions: [] }
      : { state: "not-preserved", why, endStage: false, assumptions: [] };
  }
  if (safety.errors.length > 0) return { state: "invalid", errors: safety.errors };
  const events = safety.signals.filter((x) => x.kind !== "childPughC").map((x) => x.text);
  const unknown = safety.notReported.filter((p) => p === "ascites" || p === "encephalopathy");
  const unreported = safety.notReported.filter((p) => p.startsWith("decompensation."));
  const assumptions =
    unreported.length > 0 ? [en("assumption.decompensation-unreported", { unreported })] : [];
  if (events.length > 0) {
    return {
      state: "not-preserved",
      why: `decompensation (${events.join(", ")}) means non-preserved liver function whatever the Child-Pugh score; stage D by exclusion [JUDGEMENT: BCLC 2022 defines D as end-stage]`,
      endStage: false,
      assumptions,
    };
  }
  let cls: ChildPughClass | undefined;
  let clsText = "";
  let cpMissing: readonly string[] = [];
  if (cp.status === "ok") {
    cls = cp.class;
    clsText = `Child-Pugh ${cp.class}${cp.score}`;
  } else if (c.childPughClass.state === "present") {
    cls = c.childPughClass.value;
    clsText = `Child-Pugh ${cls} (as given)`;
  } else if (c.childPughClass.state === "invalid") {
    return { state: "invalid", errors: c.childPughClass.errors };
  } else if (cp.status === "invalid") {
    return { state: "invalid", errors: cp.errors };
  } else cpMissing = cp.missing;
  if (cls === "C") {
    return {
      state: "not-preserved",
      why: `${clsText}: end-stage liver function`,
      endStage: true,
      assumptions,
    };
  }
  if (unknown.length > 0 || cls === undefined) {
    return { state: "unknown", missing: [...new Set([...unknown, ...cpMissing])] };
  }
  if (cls === "B") return { state: "unknown", missing: ["liverFunctionPreserved"] };
  return {
    state: "preserved",
    why: `${clsText} without decompensation: preserved liver function`,
    assumptions,
  };
}

// ---------------------------------------------------------------- burden (§1.1)

type BurdenStage =
  | { readonly stage: "0" | "A" | "B"; readonly why: string }
  | { readonly stage: undefined; readonly missing: string };

function burdenStage(b: TumorBurden | undefined): BurdenStage {
  if (!b) return { stage: undefined, missing: "tumors" };
  const d = describeBurden(b);
  if (b.count > BCLC_A_MAX_COUNT) return { stage: "B", why: `${d}: ≥ ${BCLC_A_MAX_COUNT + 1} nodules → B` };
  const largest = b.largestKnownCm;
  if (b.count === 1) {
    if (largest === undefined) return { stage: undefined, missing: sizesMissingPath(b) };
    return largest <= BCLC_0_MAX_CM
      ? { stage: "0", why: `${d}: single ≤ ${BCLC_0_MAX_CM} cm → 0` }
      : { stage: "A", why: `${d}: single > ${BCLC_0_MAX_CM} cm (no upper size limit) → A` };
  }
  if (largest !== undefined && largest > BCLC_A_MULTIPLE_MAX_CM) {
    return { stage: "B", why: `${d}: 2–3 nodules with one > ${BCLC_A_MULTIPLE_MAX_CM} cm → B` };
  }
  if (b.unmeasured > 0) return { stage: undefined, missing: sizesMissingPath(b) };
  return { stage: "A", why: `${d}: 2–3 nodules each ≤ ${BCLC_A_MULTIPLE_MAX_CM} cm → A` };
}

// ---------------------------------------------------------------- options helpers

function okOptions(options: OptionCode[], alternatives: OptionCode[], why: string): OptionsOutcome {
  return { optionsStatus: "ok", options, alternatives, optionsReason: why };
}

function undecidedOptions(missing: string[], conditional: ConditionalOptions[], why: string): OptionsOutcome {
  return {
    optionsStatus: "indeterminate",
    options: [],
    alternatives: [],
    optionsMissing: [...new Set(missing)],
    conditionalOptions: conditional,
    optionsReason: `Options cannot be determined — missing ${[...new Set(missing)].join(", ")}. ${why}`,
  };
}

function invalidOptions(errors: FieldError[]): OptionsOutcome {
  const paths = [...new Set(errors.map((e) => e.path))];
  return {
    optionsStatus: "invalid",
    options: [],
    alternatives: [],
    optionsErrors: errors,
    optionsReason: `Options not determined — invalid input: ${paths.join(", ")}.`,
  };
}

/** Collects invalid option inputs; returns them so the caller can report options as invalid. */
function invalidAmong(...fields: Field<unknown>[]): FieldError[] {
  return fields.flatMap((f) => (f.state === "invalid" ? [...f.errors] : []));
}

interface OptionContext {
  readonly c: ParsedCase;
  readonly deps: BclcDeps;
  readonly burden: TumorBurden | undefined;
  readonly assumptions: string[];
}

/** First-line systemic options for C (and B3), driven by the contraindications (§1.3). */
function systemicOptions(ctx: OptionContext): OptionsOutcome {
  const bev = ctx.c.contraindications.bevacizumab;
  const io = ctx.c.contraindications.immunotherapy;
  const varices = ctx.c.contraindications.highRiskVaricesUntreated;
  const bad = invalidAmong(bev, io, varices);
  if (bad.length > 0) return invalidOptions(bad);
  const ioCi = io.state === "present" && io.value;
  const bevCi = bev.state === "present" && bev.value;
  if (ioCi) {
    return okOptions(
      ["sorafenib", "lenvatinib"],
      [],
      "Checkpoint inhibitors contraindicated (contraindications.immunotherapy): sorafenib or lenvatinib.",
    );
  }
  const unstated = [bev, io].some((f) => f.state === "absent");
  if (unstated) {
    ctx.assumptions.push(en("assumption.first-line-contraindications-unstated"));
  }
  if (bevCi) {
    return okOptions(
      ["durvalumab-tremelimumab"],
      ["sorafenib", "lenvatinib", "durvalumab"],
      "Bevacizumab contraindicated (contraindications.bevacizumab): durvalumab-tremelimumab (HIMALAYA); sorafenib, lenvatinib or durvalumab if not suitable.",
    );
  }
  if (varices.state === "present" && varices.value) {
    // IMbrave150 excluded untreated or incompletely treated varices with bleeding or high risk of
    // bleeding (endoscopy within 6 months); HIMALAYA had no such exclusion (BCLC 2022 figure).
    return okOptions(
      ["durvalumab-tremelimumab"],
      ["sorafenib", "lenvatinib", "durvalumab", "atezolizumab-bevacizumab"],
      "Untreated high-risk varices (contraindications.highRiskVaricesUntreated): IMbrave150 excluded such patients, so durvalumab-tremelimumab (HIMALAYA) first; atezolizumab-bevacizumab only once the varices are treated (band ligation or beta-blockade); sorafenib, lenvatinib or durvalumab if not suitable.",
    );
  }
  return okOptions(
    ["atezolizumab-bevacizumab", "durvalumab-tremelimumab"],
    ["sorafenib", "lenvatinib", "durvalumab"],
    "First line atezolizumab-bevacizumab (IMbrave150) or durvalumab-tremelimumab (HIMALAYA); sorafenib, lenvatinib or durvalumab when these are contraindicated.",
  );
}

type Staged = OptionsOutcome & {
  readonly bSubgroup?: BclcBSubgroup;
  readonly treatmentStageMigration: TreatmentStageMigration | null;
};

function noTsm(o: OptionsOutcome): Staged {
  return { ...o, treatmentStageMigration: null };
}

/** Resection criteria (§1.3): no CSPH and normal bilirubin. true/false, or the missing inputs. */
function resectable(
  ctx: OptionContext,
):
  | { readonly value: boolean; readonly why: string }
  | { readonly missing: string[] }
  | { readonly errors: FieldError[] } {
  const { c } = ctx;
  const csph = c.clinicallySignificantPortalHypertension;
  const bili = c.labs.bilirubin;
  const uln = c.bilirubinUpperLimitNormal;
  const bad = invalidAmong(csph, bili, uln);
  if (bad.length > 0) return { errors: bad };
  let biliHigh: boolean | undefined;
  let biliText = "";
  if (bili.state === "present") {
    const ulnMgDl = uln.state === "present" ? uln.value.canonical : DEFAULT_BILIRUBIN_ULN_MG_DL;
    if (uln.state !== "present") {
      ctx.assumptions.push(
        `bilirubinUpperLimitNormal not given: ${DEFAULT_BILIRUBIN_ULN_MG_DL} mg/dL assumed for "normal bilirubin" (BCLC 2022: resection needs normal bilirubin; 1.2 mg/dL is a usual laboratory upper limit)`,
      );
    }
    biliHigh = bili.value.canonical > ulnMgDl;
    biliText = `bilirubin ${formatQuantity(bili.value)} ${biliHigh ? ">" : "≤"} ULN ${ulnMgDl} mg/dL`;
  }
  if (csph.state === "present" && csph.value)
    return { value: false, why: "clinically significant portal hypertension" };
  if (biliHigh === true) return { value: false, why: biliText };
  const missing: string[] = [];
  if (csph.state === "absent") missing.push("clinicallySignificantPortalHypertension");
  if (biliHigh === undefined) missing.push("labs.bilirubin");
  if (missing.length > 0) return { missing };
  return { value: true, why: `no clinically significant portal hypertension, ${biliText}` };
}

function stage0Options(ctx: OptionContext): Staged {
  const r = resectable(ctx);
  if ("errors" in r) return noTsm(invalidOptions(r.errors));
  if ("missing" in r) {
    return noTsm(
      undecidedOptions(
        r.missing,
        [
          { when: "no CSPH and bilirubin ≤ ULN", options: ["resection", "ablation"] },
          { when: "CSPH or bilirubin > ULN", options: ["ablation"] },
        ],
        "BCLC 0: resection or ablation when resectable, otherwise ablation.",
      ),
    );
  }
  return r.value
    ? noTsm(
        okOptions(
          ["resection", "ablation"],
          [],
          `BCLC 0, ${r.why}: resection or ablation (ablation a first-line alternative; in transplant candidates ablation first and LT at recurrence is common).`,
        ),
      )
    : noTsm(okOptions(["ablation"], [], `BCLC 0, ${r.why}: not a resection candidate → ablation.`));
}

/** A single nodule not resectable and not transplanted: ablation / TACE by size (§1.3, §1.5). */
function singleUnresectable(largest: number, why: string): Staged {
  const tare: OptionCode[] = largest <= TARE_SOLITARY_MAX_CM ? ["tare"] : [];
  if (largest <= ABLATION_ALONE_MAX_CM) {
    return noTsm(okOptions(["ablation"], tare, `BCLC A single ${largest} cm, ${why}: ablation.`));
  }
  const tsm: TreatmentStageMigration = {
    toStage: "B",
    options: ["tace"],
    reason: `BCLC A single ${largest} cm, ${why}: resection and transplant not feasible and ablation less effective above ${ABLATION_ALONE_MAX_CM} cm → TACE, the option of the next stage (treatment stage migration, not re-staging).`,
  };
  if (largest <= ABLATION_MAX_CM) {
    return {
      ...okOptions(
        ["ablation", "tace"],
        tare,
        `${tsm.reason} Ablation (combined with TACE for 3–5 cm) or TACE.`,
      ),
      treatmentStageMigration: tsm,
    };
  }
  return {
    ...okOptions(["tace"], tare, `${tsm.reason} Stand-alone ablation not used above ${ABLATION_MAX_CM} cm.`),
    treatmentStageMigration: tsm,
  };
}

function stageAOptions(ctx: OptionContext): Staged {
  const b = ctx.burden as TumorBurden; // stage A implies a known burden
  const lt = ctx.c.transplantCandidate;
  if (lt.state === "invalid") return noTsm(invalidOptions([...lt.errors]));
  const ltKnown = lt.state === "present" ? lt.value : undefined;
  if (b.count > 1) {
    if (ltKnown === undefined) {
      return noTsm(
        undecidedOptions(
          ["transplantCandidate"],
          [
            { when: "transplantCandidate = true", options: ["liver-transplant"] },
            { when: "transplantCandidate = false", options: ["ablation"] },
          ],
          "BCLC A, 2–3 nodules ≤ 3 cm: transplant if candidate, otherwise ablation.",
        ),
      );
    }
    return noTsm(
      ltKnown
        ? okOptions(
            ["liver-transplant"],
            [],
            "BCLC A, 2–3 nodules ≤ 3 cm (within Milan), transplant candidate → liver transplant.",
          )
        : okOptions(["ablation"], [], "BCLC A, 2–3 nodules ≤ 3 cm, not a transplant candidate → ablation."),
    );
  }
  const largest = b.largestKnownCm as number;
  const r = resectable(ctx);
  if ("errors" in r) return noTsm(invalidOptions(r.errors));
  if ("value" in r && r.value) {
    return noTsm(okOptions(["resection"], [], `BCLC A single ${largest} cm, ${r.why} → resection.`));
  }
  const milanWithin = ctx.deps.milan.status === "ok" ? ctx.deps.milan.within : undefined;
  const ltPossible = milanWithin !== false;
  const notLt: Staged = singleUnresectable(
    largest,
    "missing" in r
      ? "if not resectable"
      : `${r.why}${ltKnown === false ? ", not a transplant candidate" : milanWithin === false ? ", beyond Milan" : ""}`,
  );
  if ("missing" in r) {
    const missing = [...r.missing];
    const conditional: ConditionalOptions[] = [
      { when: "no CSPH and bilirubin ≤ ULN", options: ["resection"] },
    ];
    if (ltPossible && ltKnown === undefined) {
      missing.push("transplantCandidate");
      conditional.push({
        when: "not resectable, transplantCandidate = true (within Milan)",
        options: ["liver-transplant"],
      });
      conditional.push({ when: "not resectable, transplantCandidate = false", options: [...notLt.options] });
    } else if (ltPossible && ltKnown) {
      conditional.push({
        when: "not resectable (transplant candidate within Milan)",
        options: ["liver-transplant"],
      });
    } else conditional.push({ when: "not resectable", options: [...notLt.options] });
    return noTsm(
      undecidedOptions(
        missing,
        conditional,
        "BCLC A single nodule: resection when no CSPH and normal bilirubin; otherwise transplant (candidate within Milan) or ablation/TACE.",
      ),
    );
  }
  if (ltPossible && ltKnown === undefined) {
    return noTsm(
      undecidedOptions(
        ["transplantCandidate"],
        [
          { when: "transplantCandidate = true (within Milan)", options: ["liver-transplant"] },
          { when: "transplantCandidate = false", options: [...notLt.options] },
        ],
        `BCLC A single ${largest} cm, ${r.why}: transplant if candidate, otherwise ablation/TACE.`,
      ),
    );
  }
  if (ltPossible && ltKnown) {
    return noTsm(
      okOptions(
        ["liver-transplant"],
        [],
        `BCLC A single ${largest} cm, ${r.why}, transplant candidate within Milan → liver transplant.`,
      ),
    );
  }
  return notLt;
}

/** Whether a transplant candidate is within the centre's extended criteria (§1.3, §7.4). */
function withinExtended(
  ctx: OptionContext,
):
  | { readonly value: boolean; readonly why: string }
  | { readonly missing: string[] }
  | { readonly errors: FieldError[] } {
  const { c, deps } = ctx;
  const stated = c.withinExtendedTransplantCriteria;
  const named = c.extendedTransplantCriterion;
  const bad = invalidAmong(stated, named);
  if (bad.length > 0) return { errors: bad };
  if (stated.state === "present") {
    return {
      value: stated.value,
      why: `${stated.value ? "within" : "beyond"} the centre's extended criteria (as stated)`,
    };
  }
  if (named.state === "present") {
    const r = named.value === "UCSF" ? deps.ucsf : deps.upToSeven;
    if (r.status === "ok")
      return { value: r.within, why: `${r.within ? "within" : "beyond"} ${named.value} (${r.reason})` };
    if (r.status === "invalid") return { errors: [...r.errors] };
    return { missing: [...r.missing] };
  }
  return { missing: ["withinExtendedTransplantCriteria"] };
}

function stageBOptions(ctx: OptionContext): Staged {
  const { c } = ctx;
  const infiltrative = c.infiltrative;
  const lt = c.transplantCandidate;
  const tace = c.tace;
  const taceFields = {
    "tace.wellDefinedNodules": tace.wellDefinedNodules,
    "tace.portalFlowPreserved": tace.portalFlowPreserved,
    "tace.selectiveAccessFeasible": tace.selectiveAccessFeasible,
    "tace.extensiveBilobar": tace.extensiveBilobar,
  };
  const volumePct = c.tumorLiverVolumePercent;
  const bad = invalidAmong(infiltrative, lt, volumePct, ...Object.values(taceFields));
  if (bad.length > 0) return noTsm(invalidOptions(bad));

  const b3 = (why: string): Staged => {
    const sys = systemicOptions(ctx);
    return {
      ...sys,
      bSubgroup: "B3-systemic",
      optionsReason: `BCLC B3 (${why}) → systemic therapy as for stage C. ${sys.optionsReason}`,
      treatmentStageMigration: {
        toStage: "C",
        options: sys.options,
        reason: `BCLC B unsuitable for TACE (${why}): the systemic options of stage C apply without re-staging (treatment stage migration).`,
      },
    };
  };
  if (infiltrative.state === "present" && infiltrative.value) return b3("infiltrative tumour");

  // TACE suitability (B2 vs B3) for non-candidates.
  const unsuitable: string[] = [];
  const unknownTace: string[] = [];
  for (const [path, f] of Object.entries(taceFields)) {
    const isBilobar = path === "tace.extensiveBilobar";
    if (f.state === "absent") unknownTace.push(path);
    else if (f.state === "present" && f.value === isBilobar) {
      unsuitable.push(isBilobar ? "extensive bilobar involvement" : `${path} false`);
    }
  }
  // A measured tumour share of the liver (e.g. from segmentation) at the EASL "extensive
  // replacement of both lobes" level answers `tace.extensiveBilobar` when it is not stated.
  if (
    tace.extensiveBilobar.state === "absent" &&
    volumePct.state === "present" &&
    volumePct.value >= TACE_EXTENSIVE_PERCENT
  ) {
    unknownTace.splice(unknownTace.indexOf("tace.extensiveBilobar"), 1);
    unsuitable.push(
      `tumour ${volumePct.value} % of the liver (≥ ${TACE_EXTENSIVE_PERCENT} %: extensive replacement of both lobes, EASL)`,
    );
  }
  const taceBranch = (prefix: string): Staged => {
    if (unsuitable.length > 0) return b3(`${prefix}${unsuitable.join(", ")}`);
    if (unknownTace.length > 0) {
      return noTsm(
        undecidedOptions(
          unknownTace,
          [
            {
              when: "well-defined nodules, preserved portal flow, selective access, not extensive bilobar",
              options: ["tace"],
            },
            { when: "otherwise (unsuitable for TACE)", options: ["systemic-therapy"] },
          ],
          "BCLC B, not a transplant candidate: TACE (B2) when suitable, otherwise systemic (B3).",
        ),
      );
    }
    return {
      ...okOptions(
        ["tace"],
        [],
        `BCLC B2: ${prefix}well-defined nodules, preserved portal flow, selective access to feeding arteries → TACE.`,
      ),
      bSubgroup: "B2-tace",
      treatmentStageMigration: null,
    };
  };

  if (lt.state === "absent") {
    return noTsm(
      undecidedOptions(
        ["transplantCandidate", ...(unsuitable.length > 0 ? [] : unknownTace)],
        [
          {
            when: "transplantCandidate = true and within the centre's extended criteria",
            options: ["liver-transplant"],
          },
          { when: "transplantCandidate = false, suitable for TACE", options: ["tace"] },
          { when: "transplantCandidate = false, unsuitable for TACE", options: ["systemic-therapy"] },
        ],
        "BCLC B subgroup needs transplant candidacy (B1 transplant, B2 TACE, B3 systemic).",
      ),
    );
  }
  if (lt.state === "present" && lt.value) {
    const ext = withinExtended(ctx);
    if ("errors" in ext) return noTsm(invalidOptions(ext.errors));
    if ("missing" in ext) {
      return noTsm(
        undecidedOptions(
          ext.missing,
          [
            { when: "within the centre's extended transplant criteria", options: ["liver-transplant"] },
            { when: "beyond them: suitable for TACE", options: ["tace"] },
          ],
          "BCLC B transplant candidate: B1 needs the centre's extended criteria (withinExtendedTransplantCriteria, or extendedTransplantCriterion UCSF/upToSeven).",
        ),
      );
    }
    if (ext.value) {
      return {
        ...okOptions(
          ["liver-transplant"],
          ["tace"],
          `BCLC B1: transplant candidate ${ext.why} → liver transplant (bridging/downstaging with locoregional therapy where needed).`,
        ),
        bSubgroup: "B1-transplant",
        treatmentStageMigration: null,
      };
    }
    return taceBranch(`transplant candidate but ${ext.why}; `);
  }
  return taceBranch("not a transplant candidate; ");
}

function stageDOptions(ctx: OptionContext, byPs: boolean, liverWhy: string): Staged {
  if (byPs) {
    return noTsm(
      okOptions(["best-supportive-care"], [], "BCLC D with cancer-related ECOG ≥ 3: best supportive care."),
    );
  }
  const lt = ctx.c.transplantCandidate;
  if (lt.state === "invalid") return noTsm(invalidOptions([...lt.errors]));
  const milan = ctx.deps.milan;
  if (milan.status === "invalid") return noTsm(invalidOptions([...milan.errors]));
  const bsc = okOptions(["best-supportive-care"], [], `BCLC D (${liverWhy}): best supportive care.`);
  if ((lt.state === "present" && !lt.value) || (milan.status === "ok" && !milan.within)) return noTsm(bsc);
  if (lt.state === "present" && milan.status === "ok") {
    return noTsm(
      okOptions(
        ["liver-transplant"],
        ["best-supportive-care"],
        `BCLC D (${liverWhy}) with burden within Milan in a transplant candidate: liver transplant; otherwise best supportive care.`,
      ),
    );
  }
  const missing = [
    ...(lt.state === "absent" ? ["transplantCandidate"] : []),
    ...(milan.status === "indeterminate" ? milan.missing : []),
  ];
  return noTsm(
    undecidedOptions(
      missing,
      [
        { when: "transplant candidate within Milan", options: ["liver-transplant"] },
        { when: "otherwise", options: ["best-supportive-care"] },
      ],
      "BCLC D: liver transplant if end-stage liver function with burden within transplant criteria and otherwise fit; else best supportive care.",
    ),
  );
}

// ---------------------------------------------------------------- the rule

export function bclc(c: ParsedCase, deps: BclcDeps): BclcResult {
  const assumptions: string[] = [];
  const errors: FieldError[] = [];

  const liver = bclcLiverFunction(c, deps.childPugh, deps.safety ?? safetyLayer(c, deps.childPugh));
  if (liver.state === "invalid") errors.push(...liver.errors);
  const burdenField = tumorBurden(c);
  const mvi = c.vascularInvasion.present;
  const ehs = c.extrahepaticSpread;
  errors.push(...invalidAmong(c.ecog, c.ecogCancerRelated, burdenField, mvi, ehs, c.infiltrative));
  if (errors.length > 0) return invalid(BCLC_RULE, CITATION, errors);

  // Cancer-related ECOG (§1.1).
  let ps: number | undefined;
  let psText = "ECOG unknown";
  if (c.ecog.state === "present") {
    const raw = c.ecog.value;
    if (c.ecogCancerRelated.state === "present" && !c.ecogCancerRelated.value) {
      ps = 0;
      psText = `ECOG ${raw} attributed to comorbidity (ecogCancerRelated: false): cancer-related PS taken as 0`;
      if (raw > 0) {
        assumptions.push(en("assumption.ecog-comorbidity", { ecog: raw }));
      }
    } else {
      ps = raw;
      psText = `ECOG ${raw}`;
      if (raw > 0 && c.ecogCancerRelated.state === "absent") {
        assumptions.push(en("assumption.ecog-cancer-related-default"));
      }
    }
  }
  if (liver.state === "preserved" || liver.state === "not-preserved") assumptions.push(...liver.assumptions);

  const burden = burdenField.state === "present" ? burdenField.value : undefined;
  const ctx: OptionContext = { c, deps, burden, assumptions };
  const result = (
    stage: BclcStage,
    why: string,
    staged: Staged,
    liverState: BclcValues["liverFunction"],
  ): BclcResult => {
    const { bSubgroup, ...rest } = staged;
    return {
      status: "ok",
      rule: BCLC_RULE,
      stage,
      ...(bSubgroup ? { bSubgroup } : {}),
      liverFunction: liverState,
      ecogForStaging: ps ?? null,
      ...rest,
      reason: `BCLC ${stage}${bSubgroup ? ` (${bSubgroup})` : ""}: ${why}. ${staged.optionsReason}`,
      citation: stage === "C" || bSubgroup === "B3-systemic" ? SYSTEMIC_CITATION : CITATION,
      ...(assumptions.length > 0 ? { assumptions: [...new Set(assumptions)] } : {}),
    };
  };

  // D triggers first (§7.2).
  const dTriggers: string[] = [];
  if (ps !== undefined && ps >= BCLC_ECOG_D) dTriggers.push(`cancer-related ${psText} (≥ ${BCLC_ECOG_D})`);
  if (liver.state === "not-preserved") dTriggers.push(liver.why);
  if (dTriggers.length > 0) {
    const byPs = ps !== undefined && ps >= BCLC_ECOG_D;
    const liverWhy = liver.state === "not-preserved" ? liver.why : "";
    return result(
      "D",
      dTriggers.join("; "),
      stageDOptions(ctx, byPs, liverWhy),
      liver.state === "not-preserved"
        ? "not-preserved"
        : liver.state === "preserved"
          ? "preserved"
          : "unknown",
    );
  }
  const dMissing: string[] = [];
  if (ps === undefined) dMissing.push("ecog");
  if (liver.state === "unknown") dMissing.push(...liver.missing);

  // C triggers (§7.2).
  const cTriggers: string[] = [];
  if (mvi.state === "present" && mvi.value) cTriggers.push("macrovascular invasion");
  if (ehs.state === "present" && ehs.value) cTriggers.push("extrahepatic spread");
  if (ps !== undefined && ps >= 1) cTriggers.push(`cancer-related ${psText} (1–2)`);
  const bs = burdenStage(burden);
  const cMissing = [
    ...(mvi.state === "absent" ? ["vascularInvasion.present"] : []),
    ...(ehs.state === "absent" ? ["extrahepaticSpread"] : []),
    ...(bs.stage === undefined ? [bs.missing] : []),
  ];
  if (dMissing.length > 0) {
    const why =
      cTriggers.length > 0
        ? `(${cTriggers.join(", ")} would be C, but D is not excluded)`
        : "(stage depends on liver function, ECOG and burden)";
    return indeterminate(
      BCLC_RULE,
      CITATION,
      [...new Set([...dMissing, ...(cTriggers.length > 0 ? [] : cMissing)])],
      why,
    );
  }
  const liverWhy = liver.state === "preserved" ? liver.why : "";
  if (cTriggers.length > 0) {
    return result(
      "C",
      `${cTriggers.join(", ")}; ${psText}; ${liverWhy}`,
      noTsm(systemicOptions(ctx)),
      "preserved",
    );
  }
  // Infiltrative HCC (BCLC 2022: "diffuse, infiltrative, extensive bilobar liver involvement")
  // is the intermediate stage's systemic subgroup (B3), whatever the size or number of nodules.
  const infiltrative = c.infiltrative.state === "present" && c.infiltrative.value;
  if (infiltrative && mvi.state === "present" && ehs.state === "present") {
    const size = bs.stage === undefined ? "" : ` (${bs.why.replace(/ → [0AB]$/, "")})`;
    return result(
      "B",
      `infiltrative (diffuse) HCC${size}: BCLC 2022 intermediate stage, systemic subgroup, not staged by nodule size; no macrovascular invasion; no extrahepatic spread; ${psText}; ${liverWhy}`,
      stageBOptions(ctx),
      "preserved",
    );
  }
  if (cMissing.length > 0) return indeterminate(BCLC_RULE, CITATION, cMissing);
  if (bs.stage === undefined) return indeterminate(BCLC_RULE, CITATION, [bs.missing]); // unreachable
  if (c.infiltrative.state === "absent" && bs.stage !== "B") {
    assumptions.push(
      "infiltrative not given: a nodular growth pattern is read from the listed nodules (an infiltrative HCC is BCLC B, systemic subgroup)",
    );
  }
  const why = `${bs.why}; no macrovascular invasion; no extrahepatic spread; ${psText}; ${liverWhy}`;
  const staged =
    bs.stage === "0" ? stage0Options(ctx) : bs.stage === "A" ? stageAOptions(ctx) : stageBOptions(ctx);
  return result(bs.stage, why, staged, "preserved");
}
