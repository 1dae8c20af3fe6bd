/**
 * The clinical state of a patient at a date: for every case input (case-format.md) the latest
 * value recorded on or before the date, with its date, its source record and its age; used only
 * while within its validity (./validity.ts), otherwise reported as stale with what would decide
 * it. The tumours come from the latest imaging on or before the date (imaging validity); age and
 * sex from the patient. Nothing missing is filled in: the assessment lists it as missing. The
 * same pure core serves stored patients, the patient list, the FHIR export and CDS Hooks.
 */
import { ANALYTES, type Analyte } from "../clinical/units/analytes.js";
import { ANALYTE_OF_LOINC, ECOG_LOINC, FINDING_SYSTEM, FINDINGS, LOINC } from "../fhir/codes.js";
import { ageYears } from "../store/deidentify.js";
import { DEFAULT_VALIDITY, kindOf, type ValidityKind, type ValidityPolicy } from "./validity.js";

export interface ObservationInput {
  readonly id: string;
  readonly system: string;
  readonly code: string;
  readonly value: number | null;
  readonly unit: string | null;
  readonly valueCode: string | null;
  readonly effectiveAt: string;
}

export interface UsedObservation extends ObservationInput {
  /** The case path the observation filled. */
  readonly path: string;
}

export interface ImagingInput {
  readonly id: string;
  readonly studyDate: string;
  readonly lesions: readonly {
    readonly label: string;
    readonly organ: string | null;
    readonly longestDiameterMm: number | null;
  }[];
}

export interface CaseSources {
  readonly patientId: string;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly observations: readonly ObservationInput[];
  readonly imaging: readonly ImagingInput[];
}

export interface DerivedCase {
  readonly asOf: string;
  /** A uniform window that capped every kind (the API's windowDays), or null: the policy alone. */
  readonly windowDays: number | null;
  /** The validity policy applied. */
  readonly validity: ValidityPolicy;
  readonly case: Record<string, unknown>;
  /** Every input found on or before the date, used or stale ("Why?"). */
  readonly inputs: readonly StateInput[];
  /** The inputs past their validity: not used; a newer record (or a confirmation) decides them. */
  readonly stale: readonly StateInput[];
  readonly observationsUsed: readonly UsedObservation[];
  readonly imagingUsed: { readonly id: string; readonly studyDate: string } | null;
}

/** The first day of `[asOf - days, asOf]` (a uniform window, as CDS Hooks uses). */
export function windowStart(asOf: string, days: number): string {
  const t = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Compared as text: every date or date-time on `asOf`'s day sorts below it. */
export function windowEnd(asOf: string): string {
  return `${asOf.slice(0, 10)}T99`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  for (const k of keys.slice(0, -1)) {
    const next = Object.hasOwn(at, k) ? at[k] : undefined;
    if (typeof next !== "object" || next === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = value;
}

function unitFor(analyte: Analyte, unit: string | null): string | undefined {
  if (unit === null) return undefined;
  // The case accepts the analyte's spellings; stored units are UCUM codes, which map to one.
  const accepted = Object.entries(ANALYTES[analyte].units).find(
    ([spelling, def]) => spelling === unit || def.ucum === unit,
  );
  return accepted ? accepted[0] : unit;
}

function fieldOf(o: ObservationInput): { path: string; value: unknown; list?: boolean } | undefined {
  if (o.system === LOINC && o.code === ECOG_LOINC && o.value !== null)
    return { path: "ecog", value: o.value };
  if (o.system === LOINC && o.value !== null) {
    const analyte = ANALYTE_OF_LOINC.get(o.code);
    if (!analyte) return undefined;
    const unit = unitFor(analyte, o.unit);
    return {
      path: analyte === "height" || analyte === "weight" ? analyte : `labs.${analyte}`,
      value: { value: o.value, ...(unit !== undefined ? { unit } : {}) },
    };
  }
  if (o.system === FINDING_SYSTEM && o.valueCode !== null) {
    const def = FINDINGS[o.code];
    if (!def) return undefined;
    if (def.kind === "list") return { path: def.path, value: o.valueCode, list: true };
    if (def.kind === "boolean") {
      const b = o.valueCode === "true" ? true : o.valueCode === "false" ? false : o.valueCode;
      return { path: def.path, value: b };
    }
    return { path: def.path, value: o.valueCode };
  }
  return undefined;
}

/** One input of the state: the latest value on or before the date, and whether it still stands. */
export interface StateInput {
  /** The case path. */
  readonly path: string;
  readonly kind: ValidityKind;
  readonly value: unknown;
  /** Date (or date-time) of the record. */
  readonly date: string;
  /** Source record: an observation id, or an imaging id for tumours. */
  readonly sourceId: string;
  readonly source: "observation" | "imaging";
  /** Whole days between the record and the as-of date. */
  readonly ageDays: number;
  /** The validity applied, in days; null = a standing fact. */
  readonly validityDays: number | null;
  /** "current": used; "stale": past its validity, not used — a newer record would decide it. */
  readonly status: "current" | "stale";
}

function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

const byDateDesc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/** The pure derivation. `windowDays`, when given, caps every kind at that window. */
export function caseFrom(
  sources: CaseSources,
  asOf: string,
  policy: ValidityPolicy = DEFAULT_VALIDITY,
  windowDays: number | null = null,
): DerivedCase {
  const to = windowEnd(asOf);
  const c: Record<string, unknown> = { id: sources.patientId };
  if (sources.sex === "male" || sources.sex === "female") c.sex = sources.sex;
  if (sources.birthDate) {
    const age = ageYears(sources.birthDate, asOf);
    if (age !== undefined && age >= 0) c.ageYears = age;
  }
  const inputs: StateInput[] = [];
  const judge = (
    path: string,
    date: string,
  ): Pick<StateInput, "kind" | "ageDays" | "validityDays" | "status"> => {
    const kind = kindOf(path);
    const policyDays = policy[kind];
    const validityDays =
      windowDays === null ? policyDays : policyDays === null ? windowDays : Math.min(policyDays, windowDays);
    const ageDays = daysBetween(date, asOf);
    return {
      kind,
      ageDays,
      validityDays,
      status: validityDays === null || ageDays <= validityDays ? "current" : "stale",
    };
  };
  const latestFirst = sources.observations
    .filter((o) => o.effectiveAt <= to)
    .sort((a, b) => byDateDesc(a.effectiveAt, b.effectiveAt));
  const used: UsedObservation[] = [];
  const filled = new Set<string>();
  const lists = new Map<string, { values: string[]; first: ObservationInput }>();
  for (const o of latestFirst) {
    const f = fieldOf(o);
    if (!f) continue;
    if (f.list) {
      // A list (aetiology) is a standing fact: every value recorded on or before the date.
      const entry = lists.get(f.path) ?? { values: [], first: o };
      if (!entry.values.includes(String(f.value))) entry.values.push(String(f.value));
      lists.set(f.path, entry);
      if (judge(f.path, o.effectiveAt).status === "current") used.push({ ...o, path: f.path });
      continue;
    }
    if (filled.has(f.path)) continue;
    filled.add(f.path);
    const j = judge(f.path, o.effectiveAt);
    inputs.push({
      path: f.path,
      value: f.value,
      date: o.effectiveAt,
      sourceId: o.id,
      source: "observation",
      ...j,
    });
    if (j.status !== "current") continue;
    setPath(c, f.path, f.value);
    used.push({ ...o, path: f.path });
  }
  for (const [path, { values, first }] of lists) {
    const j = judge(path, first.effectiveAt);
    inputs.push({
      path,
      value: values,
      date: first.effectiveAt,
      sourceId: first.id,
      source: "observation",
      ...j,
    });
    if (j.status === "current") setPath(c, path, values);
  }

  const latestImaging = [...sources.imaging]
    .filter((i) => i.studyDate <= to)
    .sort((a, b) => byDateDesc(a.studyDate, b.studyDate))[0];
  let imagingUsed: DerivedCase["imagingUsed"] = null;
  if (latestImaging) {
    const tumors = latestImaging.lesions
      .filter((l) => (l.organ === null || /liver/i.test(l.organ)) && l.longestDiameterMm !== null)
      .map((l) => ({ id: l.label, diameterCm: Number(l.longestDiameterMm) / 10 }));
    if (tumors.length > 0) {
      const j = judge("tumors", latestImaging.studyDate);
      inputs.push({
        path: "tumors",
        value: tumors,
        date: latestImaging.studyDate,
        sourceId: latestImaging.id,
        source: "imaging",
        ...j,
      });
      if (j.status === "current") {
        c.tumors = tumors;
        imagingUsed = { id: latestImaging.id, studyDate: latestImaging.studyDate };
      }
    }
  }
  return {
    asOf,
    windowDays,
    validity: policy,
    case: c,
    inputs,
    stale: inputs.filter((i) => i.status === "stale"),
    observationsUsed: used,
    imagingUsed,
  };
}
