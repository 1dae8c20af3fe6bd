/**
 * The patient-level safety layer: computed once per case, read by every modality's eligibility,
 * by the BCLC liver-function rule, by the plan and by the doses, so that the stage, the
 * eligibility and the plan cannot contradict each other in silence.
 *
 * Decompensation signals (Baveno VII: variceal bleeding, clinically evident ascites, overt
 * hepatic encephalopathy, non-obstructive jaundice; EASL 2018 TACE table: "decompensated
 * cirrhosis including jaundice, clinical encephalopathy, refractory ascites and/or
 * hepatorenal syndrome"; BCLC 2022: non-preserved liver function → stage D):
 * Child-Pugh C, clinical jaundice, encephalopathy grade, ascites grade, variceal bleeding (and,
 * with its date and `assessmentDate`, whether it falls within the 6-week window of an acute
 * bleed, Baveno VII), hepatorenal syndrome, and a clinician's statement that liver function is
 * not preserved.
 *
 * Consequences for interventional modalities, by profile ({@link CONSEQUENCES}):
 * - intl: every signal is an absolute contraindication to transarterial therapy (TACE/TAE,
 *   HAIC, TARE) and to ablation (EASL 2018 TACE table; EANM 2022 "clinical liver failure";
 *   BCLC 2022 stage D, whose options are transplant or best supportive care), except mild
 *   ascites and a stated non-preserved liver function, which are relative (EASL lists only
 *   refractory ascites as absolute) — so no intervention is ever "eligible" beside them.
 * - cn: severe signals (jaundice, encephalopathy grade 3–4, moderate-severe ascites, hepatorenal
 *   syndrome, a variceal bleed within 6 weeks) are absolute (Chinese TACE guidance: severe
 *   hepatic dysfunction including jaundice, hepatic encephalopathy, refractory ascites or
 *   hepatorenal syndrome); moderate ones (encephalopathy grade 1–2, mild ascites, an earlier
 *   bleed, stated non-preserved liver function) relative. A bleed without a date under cn stops
 *   the check as missing the date (recency decides its level there).
 * - TARE has no documented profile difference: the intl consequences apply under both.
 * Child-Pugh C is a signal here (for the stage, the plan and the doses) but its eligibility
 * consequence is each modality's own Child-Pugh check (`*.childPughC`), not repeated.
 *
 * Contradictions between inputs are listed as `conflicts` (never resolved in silence): a stated
 * Child-Pugh class or points that the labs and grades contradict (the computed class is used);
 * clinical jaundice with a bilirubin in the Child-Pugh 1-point band; ECOG 0 with West Haven
 * grade 3–4 encephalopathy (somnolence to coma cannot be "fully active"); liver function stated
 * preserved despite a decompensation signal; variceal bleeding false with a bleeding date, or a
 * bleeding date after the assessment date. Each conflict is a relative contraindication to every
 * intervention (confirm the inputs first) and a caveat on every plan line.
 *
 * [DECISION] The case-format grades cannot tell refractory from moderate-severe ascites: the
 * grade is read as the EASL "refractory ascites" item and the reason says so.
 */
import type { ParsedCase } from "../case/types.js";
import { dayIso } from "../dates.js";
import { cite, citeShort, type SourceId } from "../evidence/index.js";
import type { Field, FieldError } from "../result.js";
import { BILIRUBIN_BANDS, type ChildPughResult } from "../scores/child-pugh.js";

export const SAFETY_RULE = "safety";

/** Days after an acute variceal bleed that count as the acute episode (Baveno VII: 6 weeks). */
export const RECENT_VARICEAL_BLEED_DAYS = 42;

export type SignalKind =
  | "childPughC"
  | "jaundice"
  | "encephalopathy"
  | "ascites"
  | "varicealBleeding"
  | "hepatorenalSyndrome"
  | "liverFunctionNotPreserved";

export type Severity = "severe" | "moderate";

export interface DecompensationSignal {
  readonly kind: SignalKind;
  readonly severity: Severity;
  /** The input paths that carry the signal. */
  readonly inputs: readonly string[];
  readonly text: string;
  /** Variceal bleeding: days before the assessment date, when both dates are known. */
  readonly daysAgo?: number;
  /** Variceal bleeding without a usable date: the inputs that would date it. */
  readonly undatedMissing?: readonly string[];
}

export interface Conflict {
  readonly rule: string;
  readonly inputs: readonly string[];
  readonly text: string;
  readonly citation: string;
}

export type InterventionFamily = "tace" | "haic" | "tare" | "ablation";
export const INTERVENTION_FAMILIES: readonly InterventionFamily[] = ["tace", "haic", "tare", "ablation"];

export interface SafetyLayer {
  readonly rule: typeof SAFETY_RULE;
  /** true: at least one signal; false: none and every signal input known; null: none found, some unknown. */
  readonly decompensated: boolean | null;
  readonly signals: readonly DecompensationSignal[];
  /** Signal inputs not given (not assumed absent in silence). */
  readonly notReported: readonly string[];
  readonly errors: readonly FieldError[];
  readonly performanceStatus: {
    readonly ecog: number | null;
    readonly cancerRelated: boolean | null;
  };
  readonly conflicts: readonly Conflict[];
  readonly reason: string;
  readonly citation: string;
}

const CITATION = cite("baveno7", "easl2018TaceTable", "reig2022Bclc", "cnTaceGuideline", "eanm2022Re");

const known = <T>(f: Field<T>): T | undefined => (f.state === "present" ? f.value : undefined);

const ASCITES_TEXT = {
  mild: "mild ascites",
  "moderate-severe": "moderate-severe ascites (read as the EASL refractory-ascites item)",
} as const;
const HE_TEXT = {
  "grade-1-2": "hepatic encephalopathy grade 1–2",
  "grade-3-4": "hepatic encephalopathy grade 3–4",
} as const;

function varicealSignal(c: ParsedCase, conflicts: Conflict[]): DecompensationSignal | undefined {
  const bled = known(c.decompensation.varicealBleeding);
  const date = known(c.decompensation.varicealBleedingDate);
  const asOf = known(c.assessmentDate);
  if (bled === false) {
    if (date !== undefined) {
      conflicts.push({
        rule: "safety.conflict.varicealBleedingDate",
        inputs: ["decompensation.varicealBleeding", "decompensation.varicealBleedingDate"],
        text: `decompensation.varicealBleeding is false but a bleeding date ${dayIso(date)} is given`,
        citation: citeShort("baveno7"),
      });
    }
    return undefined;
  }
  if (bled !== true && date === undefined) return undefined;
  const inputs = ["decompensation.varicealBleeding", "decompensation.varicealBleedingDate"];
  if (date === undefined || asOf === undefined) {
    const missing = [
      ...(date === undefined ? ["decompensation.varicealBleedingDate"] : []),
      ...(asOf === undefined ? ["assessmentDate"] : []),
    ];
    return {
      kind: "varicealBleeding",
      severity: "severe",
      inputs,
      undatedMissing: missing,
      text: `variceal bleeding (recency unknown — missing ${missing.join(", ")})`,
    };
  }
  const daysAgo = asOf - date;
  if (daysAgo < 0) {
    conflicts.push({
      rule: "safety.conflict.varicealBleedingDate",
      inputs: ["decompensation.varicealBleedingDate", "assessmentDate"],
      text: `variceal bleeding dated ${dayIso(date)}, after the assessment date ${dayIso(asOf)}`,
      citation: citeShort("baveno7"),
    });
  }
  const recent = daysAgo <= RECENT_VARICEAL_BLEED_DAYS;
  return {
    kind: "varicealBleeding",
    severity: recent ? "severe" : "moderate",
    inputs,
    daysAgo,
    text: `variceal bleeding on ${dayIso(date)}, ${daysAgo} days before ${dayIso(asOf)} (${recent ? "within" : "beyond"} the ${RECENT_VARICEAL_BLEED_DAYS}-day window of an acute bleed, Baveno VII)`,
  };
}

/** The safety layer of one case (pure). */
export function safetyLayer(c: ParsedCase, cp: ChildPughResult): SafetyLayer {
  const signals: DecompensationSignal[] = [];
  const conflicts: Conflict[] = [];
  const notReported: string[] = [];
  const errors: FieldError[] = [];
  const read = <T>(path: string, f: Field<T>): T | undefined => {
    if (f.state === "invalid") errors.push(...f.errors);
    else if (f.state === "absent") notReported.push(path);
    return known(f);
  };

  // Child-Pugh class: computed, else given (the eligibility rules read it the same way).
  const computedClass = cp.status === "ok" ? cp.class : undefined;
  const givenClass = known(c.childPughClass);
  const cls = computedClass ?? givenClass;
  if (cls === "C") {
    signals.push({
      kind: "childPughC",
      severity: "severe",
      inputs: computedClass ? ["labs", "ascites", "encephalopathy"] : ["childPughClass"],
      text: cp.status === "ok" ? `Child-Pugh C${cp.score}` : "Child-Pugh C (given)",
    });
  }
  const jaundice = read("decompensation.jaundice", c.decompensation.jaundice);
  if (jaundice) {
    signals.push({
      kind: "jaundice",
      severity: "severe",
      inputs: ["decompensation.jaundice"],
      text: "clinical jaundice",
    });
  }
  const he = read("encephalopathy", c.encephalopathy);
  if (he !== undefined && he !== "none") {
    signals.push({
      kind: "encephalopathy",
      severity: he === "grade-3-4" ? "severe" : "moderate",
      inputs: ["encephalopathy"],
      text: HE_TEXT[he],
    });
  }
  const ascites = read("ascites", c.ascites);
  if (ascites !== undefined && ascites !== "none") {
    signals.push({
      kind: "ascites",
      severity: ascites === "moderate-severe" ? "severe" : "moderate",
      inputs: ["ascites"],
      text: ASCITES_TEXT[ascites],
    });
  }
  read("decompensation.varicealBleeding", c.decompensation.varicealBleeding);
  for (const f of [c.decompensation.varicealBleedingDate, c.assessmentDate]) {
    if (f.state === "invalid") errors.push(...f.errors);
  }
  const bleed = varicealSignal(c, conflicts);
  if (bleed) signals.push(bleed);
  const hrs = read("decompensation.hepatorenalSyndrome", c.decompensation.hepatorenalSyndrome);
  if (hrs) {
    signals.push({
      kind: "hepatorenalSyndrome",
      severity: "severe",
      inputs: ["decompensation.hepatorenalSyndrome"],
      text: "hepatorenal syndrome",
    });
  }
  const preserved = known(c.liverFunctionPreserved);
  if (preserved === false) {
    signals.push({
      kind: "liverFunctionNotPreserved",
      severity: "moderate",
      inputs: ["liverFunctionPreserved"],
      text: "liver function not preserved (as stated by the clinician)",
    });
  }

  // Contradictions between inputs.
  if (cp.status === "ok" && givenClass !== undefined && givenClass !== cp.class) {
    conflicts.push({
      rule: "safety.conflict.childPughClass",
      inputs: ["childPughClass", "labs", "ascites", "encephalopathy"],
      text: `childPughClass ${givenClass} was given but the labs and grades score Child-Pugh ${cp.class}${cp.score}; the computed class is used`,
      citation: citeShort("pugh1973"),
    });
  }
  const givenPoints = known(c.childPughPoints);
  if (cp.status === "ok" && givenPoints !== undefined && givenPoints !== cp.score) {
    conflicts.push({
      rule: "safety.conflict.childPughPoints",
      inputs: ["childPughPoints", "labs", "ascites", "encephalopathy"],
      text: `childPughPoints ${givenPoints} was given but the labs and grades score ${cp.score}; the computed score is used`,
      citation: citeShort("pugh1973"),
    });
  }
  const bili = known(c.labs.bilirubin)?.canonical;
  const cholestatic = known(c.cholestaticDisease) === true;
  const onePointBand = cholestatic ? BILIRUBIN_BANDS.cholestatic[0] : BILIRUBIN_BANDS.standard[0];
  if (jaundice && bili !== undefined && bili < onePointBand) {
    conflicts.push({
      rule: "safety.conflict.jaundiceBilirubin",
      inputs: ["decompensation.jaundice", "labs.bilirubin"],
      text: `clinical jaundice is reported but bilirubin ${bili} mg/dL is in the Child-Pugh 1-point band (< ${onePointBand} mg/dL): check the bilirubin (value and unit) or the jaundice entry; jaundice is treated as present`,
      citation: citeShort("pugh1973", "baveno7"),
    });
  }
  const ecog = known(c.ecog);
  if (ecog === 0 && he === "grade-3-4") {
    conflicts.push({
      rule: "safety.conflict.ecogEncephalopathy",
      inputs: ["ecog", "encephalopathy"],
      text: "ECOG 0 (fully active) together with hepatic encephalopathy grade 3–4 (somnolence, stupor or coma, West Haven): one of the two entries is wrong",
      citation: citeShort("oken1982Ecog", "vilstrup2014He"),
    });
  }
  if (preserved === true && signals.length > 0) {
    conflicts.push({
      rule: "safety.conflict.liverFunctionPreserved",
      inputs: ["liverFunctionPreserved", ...signals.flatMap((s) => s.inputs)],
      text: `liver function is stated as preserved, yet ${signals.map((s) => s.text).join(", ")} is reported (decompensation, Baveno VII); the statement decides the BCLC stage, the signals still decide eligibility`,
      citation: citeShort("baveno7", "reig2022Bclc"),
    });
  }

  const decompensated =
    signals.length > 0 ? true : notReported.length > 0 || cls === undefined ? null : false;
  const cancerRelated = known(c.ecogCancerRelated);
  const parts = [
    signals.length > 0
      ? `Decompensation: ${signals.map((s) => s.text).join("; ")}.`
      : decompensated === false
        ? "No decompensation signal in the inputs."
        : `No decompensation signal found; not given: ${[...notReported, ...(cls === undefined ? ["Child-Pugh"] : [])].join(", ")}.`,
    ...(conflicts.length > 0 ? [`Conflicting inputs: ${conflicts.map((x) => x.text).join("; ")}.`] : []),
  ];
  return {
    rule: SAFETY_RULE,
    decompensated,
    signals,
    notReported,
    errors,
    performanceStatus: { ecog: ecog ?? null, cancerRelated: cancerRelated ?? null },
    conflicts,
    reason: parts.join(" "),
    citation: CITATION,
  };
}

// ---------------------------------------------------------------- consequences

export type ConsequenceLevel = "absolute" | "relative";

export interface Consequence {
  readonly rule: string;
  readonly level: ConsequenceLevel;
  readonly text: string;
  readonly citation: string;
}

type Profile = "intl" | "cn";

/** Sources of the intl consequence per family. */
const INTL_SOURCES: Readonly<Record<InterventionFamily, readonly SourceId[]>> = {
  tace: ["easl2018TaceTable", "baveno7"],
  haic: ["reig2022Bclc", "baveno7"],
  tare: ["eanm2022Re", "cirseReTable"],
  ablation: ["reig2022Bclc", "baveno7"],
};
const CN_SOURCES: Readonly<Record<InterventionFamily, readonly SourceId[]>> = {
  tace: ["cnTaceGuideline"],
  haic: ["cnTaceGuideline"],
  tare: ["eanm2022Re", "cirseReTable"],
  ablation: ["cnlc2024"],
};

/** Signals that stay relative under intl (every other one is absolute). */
const INTL_RELATIVE: ReadonlySet<string> = new Set([
  "ascites:moderate",
  "liverFunctionNotPreserved:moderate",
]);

/**
 * The consequence of one decompensation signal for one family under one profile; `"missing"`
 * the inputs still needed when the profile needs what the signal lacks (cn: the date of a variceal bleed).
 * Child-Pugh C returns `undefined` (each modality's own Child-Pugh check decides).
 */
export function signalConsequence(
  s: DecompensationSignal,
  family: InterventionFamily,
  profile: Profile,
): Consequence | { readonly missing: readonly string[] } | undefined {
  if (s.kind === "childPughC") return undefined;
  const rule = `safety.${s.kind}`;
  const intlLike = profile === "intl" || family === "tare";
  if (intlLike) {
    const level: ConsequenceLevel = INTL_RELATIVE.has(`${s.kind}:${s.severity}`) ? "relative" : "absolute";
    const why =
      family === "tare"
        ? "clinical liver failure (EANM/CIRSE)"
        : family === "tace"
          ? level === "absolute"
            ? "decompensated cirrhosis (EASL TACE contraindication)"
            : "decompensation (BCLC 2022 stage D; EASL lists only refractory ascites as absolute)"
          : "decompensation: BCLC 2022 stage D (transplant or best supportive care, not locoregional therapy)";
    return { rule, level, text: `${s.text}: ${why}`, citation: citeShort(...INTL_SOURCES[family]) };
  }
  if (s.undatedMissing) return { missing: s.undatedMissing };
  const level: ConsequenceLevel = s.severity === "severe" ? "absolute" : "relative";
  const why =
    level === "absolute"
      ? "severe hepatic dysfunction (Chinese guidance)"
      : "decompensation: relative under the Chinese guidance (absolute under intl) [profiles differ]";
  return { rule, level, text: `${s.text}: ${why}`, citation: citeShort(...CN_SOURCES[family]) };
}

/** A conflict between inputs as a consequence: relative for every intervention, both profiles. */
export function conflictConsequence(x: Conflict): Consequence {
  return {
    rule: x.rule,
    level: "relative",
    text: `inputs contradict each other — ${x.text}; confirm them before treatment`,
    citation: x.citation,
  };
}
