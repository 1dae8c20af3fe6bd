/**
 * Derives a case (case-format.md) from a patient's data: for each quantity and finding, the
 * latest observation within the window `[asOf - windowDays, asOf]`; the tumours from the latest
 * imaging time point in the same window; age and sex from the patient. Nothing older than the
 * window is used, and nothing missing is filled in: the assessment lists it as missing. The same
 * pure core serves stored patients and CDS Hooks prefetch.
 */
import type { Kysely } from "kysely";
import { ANALYTES, type Analyte } from "../../clinical/units/analytes.js";
import { ANALYTE_OF_LOINC, ECOG_LOINC, FINDING_SYSTEM, FINDINGS, LOINC } from "../../fhir/codes.js";
import { ageYears } from "../../store/deidentify.js";
import type { Database } from "../../store/schema.js";

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
  readonly windowDays: number;
  readonly case: Record<string, unknown>;
  readonly observationsUsed: readonly UsedObservation[];
  readonly imagingUsed: { readonly id: string; readonly studyDate: string } | null;
}

export const DEFAULT_WINDOW_DAYS = 30;

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

/** The pure derivation. */
export function caseFrom(
  sources: CaseSources,
  asOf: string,
  windowDays: number = DEFAULT_WINDOW_DAYS,
): DerivedCase {
  const from = windowStart(asOf, windowDays);
  const to = windowEnd(asOf);
  const inWindow = (d: string) => d >= from && d <= to;
  const c: Record<string, unknown> = { id: sources.patientId };
  if (sources.sex === "male" || sources.sex === "female") c.sex = sources.sex;
  if (sources.birthDate) {
    const age = ageYears(sources.birthDate, asOf);
    if (age !== undefined && age >= 0) c.ageYears = age;
  }
  const latestFirst = sources.observations
    .filter((o) => inWindow(o.effectiveAt))
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? 1 : a.effectiveAt > b.effectiveAt ? -1 : 0));
  const used: UsedObservation[] = [];
  const filled = new Set<string>();
  const lists = new Map<string, string[]>();
  for (const o of latestFirst) {
    const f = fieldOf(o);
    if (!f) continue;
    if (f.list) {
      const list = lists.get(f.path) ?? [];
      if (!list.includes(String(f.value))) list.push(String(f.value));
      lists.set(f.path, list);
      used.push({ ...o, path: f.path });
      continue;
    }
    if (filled.has(f.path)) continue;
    filled.add(f.path);
    setPath(c, f.path, f.value);
    used.push({ ...o, path: f.path });
  }
  for (const [path, list] of lists) setPath(c, path, list);

  const imaging = [...sources.imaging]
    .filter((i) => inWindow(i.studyDate))
    .sort((a, b) => (a.studyDate < b.studyDate ? 1 : -1))[0];
  if (imaging) {
    const tumors = imaging.lesions
      .filter((l) => (l.organ === null || /liver/i.test(l.organ)) && l.longestDiameterMm !== null)
      .map((l) => ({ id: l.label, diameterCm: Number(l.longestDiameterMm) / 10 }));
    if (tumors.length > 0) c.tumors = tumors;
  }
  return {
    asOf,
    windowDays,
    case: c,
    observationsUsed: used,
    imagingUsed: imaging ? { id: imaging.id, studyDate: imaging.studyDate } : null,
  };
}

/**
 * Loads a stored patient's data in the window and derives the case; undefined if no such patient.
 * `view` rewrites the sources first (the researchers' de-identified derivation).
 */
export async function deriveCase(
  db: Kysely<Database>,
  patientId: string,
  asOf: string,
  windowDays: number = DEFAULT_WINDOW_DAYS,
  view: (sources: CaseSources, asOf: string) => CaseSources = (sources) => sources,
): Promise<DerivedCase | undefined> {
  const patient = await db.selectFrom("patients").selectAll().where("id", "=", patientId).executeTakeFirst();
  if (!patient) return undefined;
  const from = windowStart(asOf, windowDays);
  const to = windowEnd(asOf);
  const rows = await db
    .selectFrom("observations")
    .selectAll()
    .where("patient_id", "=", patientId)
    .where("effective_at", ">=", from)
    .where("effective_at", "<=", to)
    .orderBy("effective_at", "desc")
    .orderBy("created_at", "desc")
    .execute();
  const studies = await db
    .selectFrom("imaging")
    .select(["id", "study_date"])
    .where("patient_id", "=", patientId)
    .where("study_date", ">=", from)
    .where("study_date", "<=", to)
    .orderBy("study_date", "desc")
    .limit(1)
    .execute();
  const imaging: ImagingInput[] = [];
  for (const s of studies) {
    const lesions = await db
      .selectFrom("imaging_measurements")
      .selectAll()
      .where("imaging_id", "=", s.id)
      .orderBy("position")
      .execute();
    imaging.push({
      id: s.id,
      studyDate: s.study_date,
      lesions: lesions.map((l) => ({
        label: l.lesion_label,
        organ: l.organ,
        longestDiameterMm: l.longest_diameter_mm === null ? null : Number(l.longest_diameter_mm),
      })),
    });
  }
  const sources: CaseSources = {
    patientId,
    sex: patient.sex,
    birthDate: patient.birth_date,
    observations: rows.map((r) => ({
      id: r.id,
      system: r.system,
      code: r.code,
      value: r.value === null ? null : Number(r.value),
      unit: r.unit,
      valueCode: r.value_code,
      effectiveAt: r.effective_at,
    })),
    imaging,
  };
  return caseFrom(view(sources, asOf), asOf, windowDays);
}
