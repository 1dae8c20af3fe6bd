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
import type { OptionCode } from "./staging/options.js";

/** Option code → the interventional modalities whose eligibility decides it. */
export const OPTION_MODALITIES: Readonly<Partial<Record<OptionCode, readonly Modality[]>>> = {
  tace: ["ctace", "debtace", "tae"],
  tare: ["tareResin", "tareGlass"],
  haic: ["haic"],
  ablation: ["thermalAblation", "cryoablation"],
};

/**
 * Systemic options and the clinician-reported contraindication flags that exclude them
 * (case-format.md `contraindications`). Only a flag given as true excludes; absent is not assumed.
 */
export const OPTION_FLAGS: Readonly<
  Partial<Record<OptionCode, readonly ("immunotherapy" | "bevacizumab")[]>>
> = {
  "atezolizumab-bevacizumab": ["immunotherapy", "bevacizumab"],
  "durvalumab-tremelimumab": ["immunotherapy"],
  durvalumab: ["immunotherapy"],
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
  /** Clinician-reported contraindications that exclude a systemic option. */
  readonly contraindications?: readonly string[];
}

export interface GuidelinePlan {
  readonly guideline: "BCLC 2022" | "CNLC 2024";
  readonly profile: Profile;
  readonly status: "ok" | "indeterminate" | "invalid";
  readonly stage: string | null;
  readonly options: readonly PlanOption[];
  readonly note: string;
}

export interface Combination {
  readonly id: string;
  readonly title: string;
  readonly status: "worth-discussing" | "not-applicable" | "cannot-decide";
  readonly why: string;
  readonly evidence: string;
  readonly citation: string;
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
  s: StagingLike,
  elig: Eligibility,
  c: ParsedCase,
): GuidelinePlan {
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
    const flagged = (OPTION_FLAGS[e.code] ?? []).filter((f) => {
      const x = c.contraindications[f];
      return x.state === "present" && x.value;
    });
    const verdict: OptionVerdict = flagged.length > 0 ? "contraindicated" : best(modalities);
    const because = flagged.map((f) => `contraindications.${f} = true`);
    return { ...e, modalities, verdict, ...(because.length > 0 ? { contraindications: because } : {}) };
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

function verdictText(r: EligibilityResult): string {
  return r.status === "ok" ? r.verdict : r.status;
}

function combinations(a: Assessment, c: ParsedCase): Combination[] {
  const e = a.eligibility;
  const out: Combination[] = [];
  const bclcStage = a.bclc.status === "ok" ? a.bclc.stage : null;
  const cnlcStage = a.cnlc.status === "ok" ? a.cnlc.stage : null;
  const advanced = bclcStage === "C" || cnlcStage?.startsWith("III") === true;
  const taceCn = [e.ctace.cn, e.debtace.cn];
  const taceIntl = [e.ctace.intl, e.debtace.intl];
  const anyOk = (rs: EligibilityResult[]) =>
    rs.some((r) => r.status === "ok" && r.verdict !== "contraindicated");
  const allContra = (rs: EligibilityResult[]) =>
    rs.every((r) => r.status === "ok" && r.verdict === "contraindicated");

  // LAUNCH: lenvatinib + on-demand TACE, advanced HCC (China).
  {
    const weight = a.bsa.status === "ok" ? a.bsa.weightKg : undefined;
    const dose =
      weight === undefined
        ? "12 mg if ≥ 60 kg, 8 mg if < 60 kg"
        : weight >= 60
          ? "12 mg/day (≥ 60 kg)"
          : "8 mg/day (< 60 kg)";
    const status: Combination["status"] =
      bclcStage === null && cnlcStage === null
        ? "cannot-decide"
        : !advanced
          ? "not-applicable"
          : allContra(taceCn)
            ? "not-applicable"
            : anyOk(taceCn)
              ? "worth-discussing"
              : "cannot-decide";
    out.push({
      id: "launch",
      title: "Lenvatinib + TACE (LAUNCH)",
      status,
      why:
        `advanced stage: ${advanced ? "yes" : bclcStage === null && cnlcStage === null ? "unknown" : "no"} (BCLC ${bclcStage ?? "?"}, CNLC ${cnlcStage ?? "?"}); ` +
        `cTACE/DEB-TACE under cn: ${taceCn.map(verdictText).join(" / ")}; lenvatinib ${dose}.`,
      evidence:
        "LAUNCH: OS 17.8 vs 11.5 months (HR 0.45), PFS 10.6 vs 6.4, mRECIST ORR 54.1 % vs 25.0 %; Chinese 2024 guideline endorses TACE + systemic for IIb/IIIa. BCLC 2022 does not include TACE + systemic combinations [CONFLICT].",
      citation: cite("peng2023Launch", "cnTaceGuideline"),
    });
  }
  // EMERALD-1: TACE + durvalumab ± bevacizumab, embolization-eligible, CP A–B7, ECOG 0–1.
  {
    const cp = a.childPugh.status === "ok" ? a.childPugh : undefined;
    const ecog = a.ecog.status === "ok" ? a.ecog.grade : undefined;
    const cpOk = cp ? cp.class === "A" || (cp.class === "B" && cp.score <= 7) : undefined;
    const flags: string[] = [];
    const excluded = (["immunotherapy", "bevacizumab"] as const).filter((f) => {
      const x = c.contraindications[f];
      return x.state === "present" && x.value;
    });
    if (excluded.length > 0) flags.push(`contraindicated: ${excluded.join(", ")}`);
    const status: Combination["status"] =
      excluded.length > 0 || cpOk === false || (ecog !== undefined && ecog > 1) || allContra(taceIntl)
        ? "not-applicable"
        : cpOk === undefined || ecog === undefined || !anyOk(taceIntl)
          ? "cannot-decide"
          : "worth-discussing";
    if (cp) flags.push(`Child-Pugh ${cp.class}${cp.score} (trial: A–B7)`);
    else flags.push("Child-Pugh unknown");
    flags.push(`ECOG ${ecog ?? "unknown"} (trial: 0–1)`);
    out.push({
      id: "emerald1",
      title: "TACE + durvalumab + bevacizumab (EMERALD-1)",
      status,
      why: `${flags.join("; ")}; cTACE/DEB-TACE under intl: ${taceIntl.map(verdictText).join(" / ")}. Check contraindications to bevacizumab and immunotherapy.`,
      evidence:
        "EMERALD-1: PFS 15.0 vs 8.2 months for durvalumab + bevacizumab + TACE (HR 0.77); durvalumab + TACE not significant; OS pending at report. PFS-only benefit does not change BCLC first options.",
      citation: cite("sangro2025Emerald1"),
    });
  }
  // HAIC + systemic (He 2019; Chinese practice).
  {
    const haic = e.haic.cn;
    const relevant = advanced || cnlcStage === "IIb";
    const status: Combination["status"] =
      haic.status === "ok" && haic.verdict === "contraindicated"
        ? "not-applicable"
        : bclcStage === null && cnlcStage === null
          ? "cannot-decide"
          : !relevant
            ? "not-applicable"
            : haic.status === "ok"
              ? "worth-discussing"
              : "cannot-decide";
    out.push({
      id: "haic-systemic",
      title: "HAIC (FOLFOX) + systemic therapy",
      status,
      why: `CNLC ${cnlcStage ?? "?"}, BCLC ${bclcStage ?? "?"}; HAIC under cn: ${verdictText(haic)}, under intl: ${verdictText(e.haic.intl)} (EASL/AASLD/BCLC: not outside trials).`,
      evidence:
        "He 2019 (PVTT): sorafenib + HAIC-FOLFOX OS 13.37 vs 7.13 months; FOHAIC-1: HAIC-FOLFOX vs sorafenib OS 13.9 vs 8.2 months, 12.3 % downstaged to curative treatment.",
      citation: cite("he2019Haic", "lyu2022Fohaic1"),
    });
  }
  return out;
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
  const bclc = guidelinePlan("BCLC 2022", "intl", a.bclc, a.eligibility, c);
  const cnlc = guidelinePlan("CNLC 2024", "cn", a.cnlc, a.eligibility, c);
  const missing = new Set<string>();
  for (const s of [a.bclc, a.cnlc]) {
    if (s.status === "indeterminate") for (const m of s.missing) missing.add(m);
    if (s.status === "ok" && s.optionsStatus === "indeterminate")
      for (const m of s.optionsMissing) missing.add(m);
  }
  for (const g of [bclc, cnlc])
    for (const o of g.options)
      for (const m of o.modalities)
        if (m.verdict === "indeterminate") for (const p of m.missing) missing.add(p);
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
