/**
 * Contraindications of systemic agents and cell therapy, as rules read from the case (the
 * patient's record), not as free flags: each rule names the class or agents it applies to, the
 * inputs it reads, its threshold and its published source. A regimen is checked against every
 * rule of every agent it contains.
 *
 * - A rule whose input is absent is "cannot determine — missing X", never assumed absent, when
 *   the trial that established the regimen required that check before starting (e.g. an
 *   endoscopy for varices before bevacizumab, IMbrave150). Clinician-stated flags
 *   (`contraindications.*`) only ever add a contraindication.
 * - `contraindicated` = the patient would have been excluded from the trial that established the
 *   regimen, or the label forbids it; `caution` = the label asks for the condition to be
 *   controlled before starting.
 * Decision support: the oncologist decides.
 */
import type { ParsedCase } from "../case/types.js";
import type { SourceId } from "../evidence/index.js";
import { cite } from "../evidence/index.js";
import { type Field, known } from "../result.js";
import { REGIMEN_TERMS } from "../vocabulary/therapy.js";
import { AGENTS, type AgentClass, type AgentCode, REGIMENS, type RegimenCode } from "./catalogue.js";

/** IMbrave150 exclusion: inadequately controlled hypertension, systolic ≥ 150 and/or diastolic ≥ 100 mmHg. */
export const UNCONTROLLED_HYPERTENSION_MMHG = { systolic: 150, diastolic: 100 } as const;
/** IMbrave150 exclusion: proteinuria ≥ 1 g/24 h (urine dipstick ≥ 2+ confirmed by a 24-hour collection). */
export const BEVACIZUMAB_PROTEINURIA_G_PER_24H = 1;
/** Lenvatinib label: withhold for proteinuria ≥ 2 g/24 h. */
export const LENVATINIB_PROTEINURIA_G_PER_24H = 2;

export type Severity = "contraindicated" | "caution";

/** What a rule read: `true` = the condition is present, `false` = absent, `undefined` = unknown. */
interface Reading {
  readonly present: boolean | undefined;
  readonly inputs: readonly { readonly path: string; readonly value: boolean | number | null }[];
}

export interface ContraindicationRule {
  readonly id: string;
  readonly appliesTo: { readonly classes?: readonly AgentClass[]; readonly agents?: readonly AgentCode[] };
  readonly severity: Severity;
  /** The threshold or condition, in input terms. */
  readonly condition: string;
  /** Why it matters, one clause. */
  readonly because: string;
  /** True when the trial required the check before starting: unknown → cannot determine. */
  readonly required: boolean;
  readonly sources: readonly SourceId[];
  read(c: ParsedCase): Reading;
}

function flag(path: string, f: Field<boolean>): Reading {
  const v = known(f);
  return { present: v, inputs: [{ path, value: v ?? null }] };
}

function hypertension(c: ParsedCase): Reading {
  const s = known(c.therapy.bloodPressure.systolic);
  const d = known(c.therapy.bloodPressure.diastolic);
  const t = UNCONTROLLED_HYPERTENSION_MMHG;
  const high = (s !== undefined && s >= t.systolic) || (d !== undefined && d >= t.diastolic);
  return {
    present: high ? true : s === undefined || d === undefined ? undefined : false,
    inputs: [
      { path: "bloodPressure.systolic", value: s ?? null },
      { path: "bloodPressure.diastolic", value: d ?? null },
    ],
  };
}

function proteinuria(limit: number) {
  return (c: ParsedCase): Reading => {
    const p = known(c.therapy.urineProteinGPer24h);
    return {
      present: p === undefined ? undefined : p >= limit,
      inputs: [{ path: "urineProteinGPer24h", value: p ?? null }],
    };
  };
}

const ICI: readonly AgentClass[] = ["checkpoint-inhibitor"];
const ANTI_VEGF_AB: readonly AgentClass[] = ["anti-vegf-antibody"];

/** The rules, in the order a clinician checks them. */
export const CONTRAINDICATION_RULES: readonly ContraindicationRule[] = [
  {
    id: "ici-prior-liver-transplant",
    appliesTo: { classes: ICI },
    severity: "contraindicated",
    condition: "history.priorLiverTransplant = true",
    because:
      "checkpoint inhibitors can trigger graft rejection; transplant recipients were excluded from IMbrave150 and HIMALAYA",
    required: true,
    sources: ["finn2020Imbrave150", "abouAlfa2022Himalaya", "aasld2023"],
    read: (c) => flag("history.priorLiverTransplant", c.therapy.history.priorLiverTransplant),
  },
  {
    id: "ici-autoimmune-disease",
    appliesTo: { classes: ICI },
    severity: "contraindicated",
    condition: "history.autoimmuneDisease = true",
    because:
      "active or treated autoimmune disease was an exclusion of the checkpoint-inhibitor trials (risk of flare)",
    required: true,
    sources: ["finn2020Imbrave150", "abouAlfa2022Himalaya"],
    read: (c) => flag("history.autoimmuneDisease", c.therapy.history.autoimmuneDisease),
  },
  {
    id: "ici-immunosuppression",
    appliesTo: { classes: ICI },
    severity: "contraindicated",
    condition: "history.systemicImmunosuppression = true",
    because: "systemic immunosuppressive treatment was an exclusion of the checkpoint-inhibitor trials",
    required: true,
    sources: ["finn2020Imbrave150", "abouAlfa2022Himalaya"],
    read: (c) => flag("history.systemicImmunosuppression", c.therapy.history.systemicImmunosuppression),
  },
  {
    id: "ici-stated",
    appliesTo: { classes: ICI },
    severity: "contraindicated",
    condition: "contraindications.immunotherapy = true",
    because: "a contraindication to immunotherapy is recorded",
    required: false,
    sources: ["finn2020Imbrave150"],
    read: (c) => flag("contraindications.immunotherapy", c.contraindications.immunotherapy),
  },
  {
    id: "anti-vegf-untreated-varices",
    appliesTo: { classes: ANTI_VEGF_AB },
    severity: "contraindicated",
    condition: "contraindications.highRiskVaricesUntreated = true (endoscopy within 6 months)",
    because:
      "bevacizumab raises bleeding risk; IMbrave150 required an endoscopy within 6 months and excluded untreated or incompletely treated high-risk varices",
    required: true,
    sources: ["finn2020Imbrave150"],
    read: (c) =>
      flag("contraindications.highRiskVaricesUntreated", c.contraindications.highRiskVaricesUntreated),
  },
  {
    id: "anti-vegf-variceal-bleeding",
    appliesTo: { classes: ANTI_VEGF_AB },
    severity: "contraindicated",
    condition: "decompensation.varicealBleeding = true",
    because: "a recent variceal bleed excluded patients from IMbrave150 (bevacizumab bleeding risk)",
    required: false,
    sources: ["finn2020Imbrave150"],
    read: (c) => flag("decompensation.varicealBleeding", c.decompensation.varicealBleeding),
  },
  {
    id: "anti-vegf-coagulopathy",
    appliesTo: { classes: ANTI_VEGF_AB },
    severity: "contraindicated",
    condition: "contraindications.uncorrectableCoagulopathy = true",
    because: "an uncorrectable bleeding tendency excludes an anti-VEGF antibody",
    required: false,
    sources: ["finn2020Imbrave150"],
    read: (c) =>
      flag("contraindications.uncorrectableCoagulopathy", c.contraindications.uncorrectableCoagulopathy),
  },
  {
    id: "anti-vegf-hypertension",
    appliesTo: { classes: ANTI_VEGF_AB },
    severity: "contraindicated",
    condition: `bloodPressure ≥ ${UNCONTROLLED_HYPERTENSION_MMHG.systolic}/${UNCONTROLLED_HYPERTENSION_MMHG.diastolic} mmHg`,
    because: "inadequately controlled hypertension was an exclusion of IMbrave150",
    required: true,
    sources: ["finn2020Imbrave150"],
    read: hypertension,
  },
  {
    id: "anti-vegf-proteinuria",
    appliesTo: { classes: ANTI_VEGF_AB },
    severity: "contraindicated",
    condition: `urineProteinGPer24h ≥ ${BEVACIZUMAB_PROTEINURIA_G_PER_24H} g/24 h`,
    because: "proteinuria of 1 g/24 h or more was an exclusion of IMbrave150",
    required: true,
    sources: ["finn2020Imbrave150"],
    read: proteinuria(BEVACIZUMAB_PROTEINURIA_G_PER_24H),
  },
  {
    id: "anti-vegf-stated",
    appliesTo: { classes: ANTI_VEGF_AB },
    severity: "contraindicated",
    condition: "contraindications.bevacizumab = true",
    because: "a contraindication to bevacizumab is recorded",
    required: false,
    sources: ["finn2020Imbrave150"],
    read: (c) => flag("contraindications.bevacizumab", c.contraindications.bevacizumab),
  },
  {
    id: "tki-hypertension",
    appliesTo: { classes: ["multikinase-inhibitor"] },
    severity: "caution",
    condition: `bloodPressure ≥ ${UNCONTROLLED_HYPERTENSION_MMHG.systolic}/${UNCONTROLLED_HYPERTENSION_MMHG.diastolic} mmHg`,
    because:
      "VEGF-receptor kinase inhibitors raise blood pressure; the label asks for it to be controlled before starting",
    required: false,
    sources: ["lenvatinibLabel"],
    read: hypertension,
  },
  {
    id: "lenvatinib-proteinuria",
    appliesTo: { agents: ["lenvatinib"] },
    severity: "caution",
    condition: `urineProteinGPer24h ≥ ${LENVATINIB_PROTEINURIA_G_PER_24H} g/24 h`,
    because: "the lenvatinib label withholds treatment at proteinuria of 2 g/24 h or more",
    required: false,
    sources: ["lenvatinibLabel"],
    read: proteinuria(LENVATINIB_PROTEINURIA_G_PER_24H),
  },
  {
    id: "oxaliplatin-stated",
    appliesTo: { agents: ["oxaliplatin"] },
    severity: "contraindicated",
    condition: "contraindications.oxaliplatin = true",
    because:
      "a contraindication to oxaliplatin is recorded (cytopenias and renal limits are checked in HAIC eligibility)",
    required: false,
    sources: ["oxaliplatinSmpc"],
    read: (c) => flag("contraindications.oxaliplatin", c.contraindications.oxaliplatin),
  },
  {
    id: "cell-therapy-immunosuppression",
    appliesTo: { classes: ["cell-therapy"] },
    severity: "caution",
    condition: "history.systemicImmunosuppression = true",
    because:
      "autologous immune-cell therapy relies on the patient's immune function; the CIK trials enrolled patients without immunosuppression",
    required: false,
    sources: ["lee2015Cik"],
    read: (c) => flag("history.systemicImmunosuppression", c.therapy.history.systemicImmunosuppression),
  },
];

function applies(rule: ContraindicationRule, agent: AgentCode): boolean {
  const { classes, agents } = rule.appliesTo;
  return (classes?.includes(AGENTS[agent].class) ?? false) || (agents?.includes(agent) ?? false);
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** The agents of the regimen the rule applies to. */
  readonly agents: readonly AgentCode[];
  readonly inputs: Reading["inputs"];
  readonly condition: string;
  readonly reason: string;
  readonly sources: readonly SourceId[];
  readonly citation: string;
}

export type RegimenVerdict = "contraindicated" | "cannot-determine" | "caution" | "no-contraindication-found";

export interface RegimenCheck {
  readonly regimen: RegimenCode;
  readonly verdict: RegimenVerdict;
  readonly findings: readonly Finding[];
  /** Inputs the regimen's trial required that the case lacks. */
  readonly missing: readonly string[];
  readonly reason: string;
}

/** Checks one regimen against every rule of its agents. */
export function checkRegimen(code: RegimenCode, c: ParsedCase): RegimenCheck {
  const agents = REGIMENS[code].agents as readonly AgentCode[];
  const findings: Finding[] = [];
  const missing = new Set<string>();
  for (const rule of CONTRAINDICATION_RULES) {
    const hit = agents.filter((a) => applies(rule, a));
    if (hit.length === 0) continue;
    const reading = rule.read(c);
    if (reading.present === true) {
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        agents: hit,
        inputs: reading.inputs,
        condition: rule.condition,
        reason: `${rule.severity === "contraindicated" ? "Contraindicated" : "Caution"} (${hit.join(", ")}): ${rule.condition} — ${rule.because}.`,
        sources: rule.sources,
        citation: cite(...rule.sources),
      });
    } else if (reading.present === undefined && rule.required) {
      for (const i of reading.inputs) if (i.value === null) missing.add(i.path);
    }
  }
  const contra = findings.some((f) => f.severity === "contraindicated");
  const verdict: RegimenVerdict = contra
    ? "contraindicated"
    : missing.size > 0
      ? "cannot-determine"
      : findings.length > 0
        ? "caution"
        : "no-contraindication-found";
  const label = REGIMEN_TERMS[code].en;
  const reason =
    verdict === "contraindicated"
      ? `${label}: contraindicated — ${findings
          .filter((f) => f.severity === "contraindicated")
          .map((f) => f.condition)
          .join("; ")}.`
      : verdict === "cannot-determine"
        ? `${label}: cannot determine — missing ${[...missing].join(", ")} (checked before starting in ${REGIMENS[code].trial}).`
        : verdict === "caution"
          ? `${label}: caution — ${findings.map((f) => f.condition).join("; ")}.`
          : `${label}: no contraindication found in the recorded data (${CONTRAINDICATION_RULES.filter((r) => agents.some((a) => applies(r, a))).length} rules checked).`;
  return { regimen: code, verdict, findings, missing: [...missing], reason };
}
