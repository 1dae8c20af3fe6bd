/**
 * The one stage function: a patient's BCLC (Reig et al., J Hepatol 2022) and CNLC (China
 * National Liver Cancer staging, 2024 edition) stages as of a date, from the clinical state at
 * that date (./clinical-state.ts) through the assessment core. Every edge that shows a stored
 * patient's stage — the patient list, the patient page and its API default assessment, the
 * tumour-board page, the family summary, the CDS Hooks card, the FHIR export's CancerStage and
 * the cohorts' baseline — takes it from here, with its as-of date. Pure.
 */
import { type Assessment, assess } from "../clinical/assess.js";
import { type CaseSources, caseFrom, type DerivedCase, type StateInput } from "./clinical-state.js";
import type { PatientSources, RecordEvent } from "./load.js";
import { DEFAULT_VALIDITY, type ValidityPolicy } from "./validity.js";

/** One staging system's result: the stage, or what is missing / stale. */
export type StageOf =
  | { readonly status: "ok"; readonly stage: string }
  | {
      readonly status: "indeterminate" | "invalid";
      readonly stage: null;
      /** Case inputs the rule still needs (absent, or present only as stale values). */
      readonly missing: readonly string[];
    };

export interface StageAt {
  readonly asOf: string;
  readonly bclc: StageOf;
  readonly cnlc: StageOf;
  /** Inputs found only past their validity: "stale — ECOG 0 from DATE", decided by a new record. */
  readonly stale: readonly StateInput[];
}

export interface Staged {
  readonly stage: StageAt;
  readonly derived: DerivedCase;
  readonly assessment: Assessment;
}

function stageOf(r: Assessment["bclc"] | Assessment["cnlc"]): StageOf {
  if (r.status === "ok") return { status: "ok", stage: r.stage };
  if (r.status === "indeterminate") return { status: "indeterminate", stage: null, missing: r.missing };
  return { status: "invalid", stage: null, missing: r.errors.map((e) => e.path) };
}

/**
 * The state, the assessment and the stages at `asOf`. `windowDays` (the API's explicit window)
 * caps every kind's validity; without it the policy alone decides.
 */
export function stageAt(
  sources: CaseSources,
  asOf: string,
  policy: ValidityPolicy = DEFAULT_VALIDITY,
  windowDays: number | null = null,
): Staged {
  const derived = caseFrom(sources, asOf, policy, windowDays);
  const assessment = assess(derived.case);
  return {
    derived,
    assessment,
    stage: { asOf, bclc: stageOf(assessment.bclc), cnlc: stageOf(assessment.cnlc), stale: derived.stale },
  };
}

/**
 * The default as-of date: the date of the newest data (observations, scans, treatments started),
 * not today — so that a record that stopped months ago is assessed as it last stood, its stale
 * findings named; and no "today" that would give a researcher's date shift away. Outcomes
 * (progression, death) and stop dates are not inputs of the state and do not move it. Null for a
 * patient with no data.
 */
export function newestDataDate(sources: PatientSources): string | null {
  let newest: string | null = null;
  const see = (d: string) => {
    const day = d.slice(0, 10);
    if (newest === null || day > newest) newest = day;
  };
  for (const o of sources.observations) see(o.effectiveAt);
  for (const e of sources.events) see(e.date);
  return newest;
}

export interface StageHistoryPoint {
  readonly event: RecordEvent;
  readonly bclc: StageOf;
  readonly cnlc: StageOf;
}

/** The stage at every treatment and every scan, oldest first (treatment-stage migration over time). */
export function stageHistory(
  sources: PatientSources,
  policy: ValidityPolicy = DEFAULT_VALIDITY,
): StageHistoryPoint[] {
  return sources.events.map((event) => {
    const { stage } = stageAt(sources, event.date.slice(0, 10), policy);
    return { event, bclc: stage.bclc, cnlc: stage.cnlc };
  });
}
