/**
 * The treatment plan: the guideline options of BCLC and of CNLC, each joined with this patient's
 * eligibility verdicts (staging-treatment.md §4, case-format.md "the plan combines the two");
 * combinations worth discussing at tumour board (TACE + systemic per LAUNCH / EMERALD-1, HAIC +
 * systemic); downstaging and conversion potential (§6); and what is missing to decide.
 * Pure: built from an assessment, no I/O.
 *
 * Ranking rule [DECISION]: options keep the guideline's order (first options, then
 * alternatives, then treatment-stage-migration options); an option whose every modality is
 * contraindicated for this patient under the profile's own rules is moved last and marked. BCLC
 * options are judged under the `intl` profile, CNLC options under `cn`; both are always shown.
 * Decision support for clinicians: the tumour board decides.
 */
import { type Assessment, assess } from "./assess.js";
import { parseCase } from "./case/parse-case.js";
import type { ParsedCase } from "./case/types.js";
import type { Eligibility, EligibilityResult, Modality, Profile } from "./eligibility/index.js";
import { cite } from "./evidence/index.js";
import { known } from "./result.js";
import { type Caveat, type CaveatInputs, optionCaveats } from "./safety/caveats.js";
import type { OptionCode } from "./staging/options.js";
import type { RegimenCode } from "./therapy/catalogue.js";
import { type Combination, combinations } from "./therapy/combinations.js";
import { checkRegimen, type RegimenCheck } from "./therapy/contraindications.js";

export type { Combination } from "./therapy/combinations.js";

/** Option code → the interventional modalities whose eligibility decides it. */
export const OPTION_MODALITIES: Readonly<Partial<Record<OptionCode, readonly Modality[]>>> = {
  tace: ["ctace", "debtace", "tae"],
  tare: ["tareResin", "tareGlass"],
  haic: ["haic"],
  ablation: ["thermalAblation", "cryoablation"],
};

/**
 * Systemic options → the catalogue regimen whose contraindication rules decide them (read from
 * the record: src/clinical/therapy/contraindications.ts).
 */
export const OPTION_REGIMEN: Readonly<Partial<Record<OptionCode, RegimenCode>>> = {
  "atezolizumab-bevacizumab": "atezolizumab-bevacizumab",
  "durvalumab-tremelimumab": "durvalumab-tremelimumab",
  durvalumab: "durvalumab",
  lenvatinib: "lenvatinib",
  sorafenib: "sorafenib",
};

/** A regimen check as an option verdict: a caution is a relative contraindication. */
const REGIMEN_VERDICT: Readonly<Record<RegimenCheck["verdict"], OptionVerdict>> = {
  contraindicated: "contraindicated",
  "cannot-determine": "indeterminate",
  caution: "relative-contraindication",
  "no-contraindication-found": "eligible",
};

export type OptionVerdict =
  | "eligible"
  | "relative-contraindication"
  | "contraindicated"
  | "indeterminate"
  | "invalid"
  | "not-assessed";

export interface ModalityVerdict {
  readonly modality: Modality;
  readonly verdict: OptionVerdict;
  readonly reasons: readonly string[];
  readonly missing: readonly string[];
}

export interface PlanOption {
  readonly rank: number;
  readonly code: OptionCode;
  readonly role: "option" | "alternative" | "stage-migration";
  /** Best verdict across the option's modalities; `not-assessed` for non-interventional options. */
  readonly verdict: OptionVerdict;
  readonly modalities: readonly ModalityVerdict[];
  /** The contraindications found for a systemic option (one line each, with the rule's source). */
  readonly contraindications?: readonly string[];
  /** A systemic option's regimen checked against the record (contraindications, missing checks). */
  readonly regimen?: RegimenCheck;
  /** What a clinician must weigh before this option (safety/caveats.ts), with sources. */
  readonly caveats?: readonly Caveat[];
}

export interface GuidelinePlan {
  readonly guideline: "BCLC 2022" | "CNLC 2024";
  readonly profile: Profile;
  readonly status: "ok" | "indeterminate" | "invalid";
  readonly stage: string | null;
  readonly options: readonly PlanOption[];
  readonly note: string;
}

export interface TreatmentPlan {
  readonly id?: string;
  readonly status: "ok" | "invalid";
  readonly notice: string;
  readonly rulesVersion: string;
  readonly errors?: Assessment["errors"];
  readonly bclc: GuidelinePlan;
  readonly cnlc: GuidelinePlan;
  readonly combinations: readonly Combination[];
  readonly downstaging: readonly Combination[];
  readonly scores: Readonly<Record<string, string>>;
  readonly missingToDecide: readonly string[];
  readonly assessment: Assessment;
}

const VERDICT_ORDER: readonly OptionVerdict[] = [
  "eligible",
  "relative-contraindication",
  "indeterminate",
  "invalid",
  "contraindicated",
];

function verdictOf(r: EligibilityResult): ModalityVerdict {
  const reasons = r.reasons.filter((x) => x.level !== "note").map((x) => `${x.level}: ${x.text}`);
  if (r.status === "ok") {
    return { modality: r.modality as Modality, verdict: r.verdict, reasons, missing: r.alsoMissing ?? [] };
  }
  if (r.status === "indeterminate")
    return { modality: r.modality as Modality, verdict: "indeterminate", reasons, missing: r.missing };
  return { modality: r.modality as Modality, verdict: "invalid", reasons, missing: [] };
}

function best(vs: readonly ModalityVerdict[]): OptionVerdict {
  if (vs.length === 0) return "not-assessed";
  return vs
    .map((v) => v.verdict)
    .sort((a, b) => VERDICT_ORDER.indexOf(a) - VERDICT_ORDER.indexOf(b))[0] as OptionVerdict;
}

type StagingLike = Assessment["bclc"] | Assessment["cnlc"];

function guidelinePlan(
  name: GuidelinePlan["guideline"],
  profile: Profile,
  a: Assessment,
  c: ParsedCase,
): GuidelinePlan {
  const s: StagingLike = name === "BCLC 2022" ? a.bclc : a.cnlc;
  const elig: Eligibility = a.eligibility;
  const caveatInputs: CaveatInputs = {
    safety: a.safety,
    conflicts: a.conflicts,
    childPughClass: a.childPugh.status === "ok" ? a.childPugh.class : known(c.childPughClass),
  };
  if (s.status !== "ok") {
    return {
      guideline: name,
      profile,
      status: s.status,
      stage: null,
      options: [],
      note: s.reason,
    };
  }
  const entries: { code: OptionCode; role: PlanOption["role"] }[] = [];
  const add = (codes: readonly OptionCode[], role: PlanOption["role"]) => {
    for (const code of codes) if (!entries.some((e) => e.code === code)) entries.push({ code, role });
  };
  add(s.options, "option");
  add(s.alternatives, "alternative");
  if ("treatmentStageMigration" in s && s.treatmentStageMigration)
    add(s.treatmentStageMigration.options, "stage-migration");
  const judged = entries.map((e) => {
    const modalities = (OPTION_MODALITIES[e.code] ?? []).map((m) => verdictOf(elig[m][profile]));
    const caveats = optionCaveats(e.code, caveatInputs);
    const withCaveats = caveats.length > 0 ? { caveats } : {};
    const code = OPTION_REGIMEN[e.code];
    if (code === undefined) return { ...e, modalities, verdict: best(modalities), ...withCaveats };
    const regimen = checkRegimen(code, c);
    const because = regimen.findings.map((f) => f.reason);
    return {
      ...e,
      modalities,
      verdict: REGIMEN_VERDICT[regimen.verdict],
      regimen,
      ...(because.length > 0 ? { contraindications: because } : {}),
      ...withCaveats,
    };
  });
  const ordered = [
    ...judged.filter((o) => o.verdict !== "contraindicated"),
    ...judged.filter((o) => o.verdict === "contraindicated"),
  ].map((o, i) => ({ rank: i + 1, ...o }));
  const ranked =
    "optionsOrdered" in s && s.optionsOrdered === false ? " The guideline does not rank these options." : "";
  return {
    guideline: name,
    profile,
    status: "ok",
    stage: String(s.stage),
    options: ordered,
    note: `${s.optionsReason}${ranked} Judged under the ${profile} eligibility profile; contraindicated options are listed last.`,
  };
}

function downstaging(a: Assessment): Combination[] {
  const out: Combination[] = [];
  const ds = a.unosDownstaging;
  out.push({
    id: "unos-downstaging",
    title: "Downstaging to liver transplantation (UNOS-DS)",
    status:
      ds.status !== "ok"
        ? "cannot-decide"
        : ds.category === "eligible"
          ? "worth-discussing"
          : "not-applicable",
    why: ds.reason,
    evidence:
      "Success = residual viable tumour within Milan with ≥ 3 months of stability; AFP > 500 after ≥ 1000 = failure. Checkpoint inhibitors before transplant raise rejection risk: wash-out advised.",
    citation: ds.citation,
  });
  const cnlcStage = a.cnlc.status === "ok" ? a.cnlc.stage : null;
  const conv = cnlcStage === "IIb" || cnlcStage === "IIIa" || cnlcStage === "IIIb" || cnlcStage === "IIa";
  out.push({
    id: "conversion",
    title: "Conversion therapy toward resection (Chinese 2024)",
    status: cnlcStage === null ? "cannot-decide" : conv ? "worth-discussing" : "not-applicable",
    why: `CNLC ${cnlcStage ?? "unknown"}: if the tumour is initially unresectable, it may be converted with systemic ± TACE/HAIC/radiotherapy, then resected when criteria are met; re-assess after 2–4 HAIC cycles.`,
    evidence:
      "Chinese 2024 guideline endorses conversion; FOHAIC-1 12.3 % downstaged. Western guidelines: within trials.",
    citation: cite("cnTaceGuideline", "lyu2022Fohaic1"),
  });
  return out;
}

function scoreLine(r: { status: string; reason: string }): string {
  return r.status === "ok" ? r.reason : `${r.status}: ${r.reason}`;
}

/** Builds the plan of an assessment. */
export function planFromAssessment(a: Assessment, c: ParsedCase): TreatmentPlan {
  const bclc = guidelinePlan("BCLC 2022", "intl", a, c);
  const cnlc = guidelinePlan("CNLC 2024", "cn", a, c);
  const missing = new Set<string>();
  for (const s of [a.bclc, a.cnlc]) {
    if (s.status === "indeterminate") for (const m of s.missing) missing.add(m);
    if (s.status === "ok" && s.optionsStatus === "indeterminate")
      for (const m of s.optionsMissing) missing.add(m);
  }
  for (const g of [bclc, cnlc])
    for (const o of g.options) {
      for (const m of o.modalities)
        if (m.verdict === "indeterminate") for (const p of m.missing) missing.add(p);
      for (const p of o.regimen?.missing ?? []) missing.add(p);
    }
  return {
    ...(a.id !== undefined ? { id: a.id } : {}),
    status: a.status,
    notice: a.notice,
    rulesVersion: a.rulesVersion,
    ...(a.errors ? { errors: a.errors } : {}),
    bclc,
    cnlc,
    combinations: combinations(a, c),
    downstaging: downstaging(a),
    scores: {
      hap: scoreLine(a.hap),
      mhap2: scoreLine(a.mhap2),
      state: scoreLine(a.state),
      abcr: scoreLine(a.abcr),
      metroticket2: scoreLine(a.metroticket2),
      afpModel: scoreLine(a.afpModel),
    },
    missingToDecide: [...missing],
    assessment: a,
  };
}

/** Parses, assesses and plans an untrusted case. */
export function plan(input: unknown): TreatmentPlan {
  const { parsed } = parseCase(input);
  return planFromAssessment(assess(input), parsed);
}
