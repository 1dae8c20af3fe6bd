import { courseOf as courseOfRecords } from "../../analytics/course-of.js";
import { ANALYTES } from "../../clinical/units/analytes.js";
import { HEIGHT_LOINC, WEIGHT_LOINC } from "../../fhir/codes.js";
import { type ApiRecord, api } from "./api.js";
import type { Assessment, CourseAssessment, TreatmentPlan } from "./clinical-types.js";
import type { PatientRecords } from "./components/timeline.js";
import { date, num, str } from "./format.js";
import { loincOf } from "./labs.js";

export type Derived<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** One input of the clinical state (src/registry/clinical-state.ts): its value, date, source and age. */
export interface StateInput {
  readonly path: string;
  readonly kind: string;
  readonly value: unknown;
  readonly date: string;
  readonly sourceId: string;
  readonly ageDays: number;
  readonly validityDays: number | null;
  readonly status: "current" | "stale";
}

/** `GET /api/patients/{id}/assessment`: the clinical state at a date, and the assessment. */
export interface PatientAssessment {
  readonly asOf: string;
  /** A uniform window the user asked for, or null: the validity policy. */
  readonly windowDays: number | null;
  readonly inputs: readonly StateInput[];
  readonly stale: readonly StateInput[];
  /** The stage at every treatment and scan up to asOf, oldest first (null: not determinable then). */
  readonly stageHistory: readonly {
    readonly date: string;
    readonly kind: string;
    readonly bclc: string | null;
    readonly cnlc: string | null;
  }[];
  readonly case: Record<string, unknown>;
  readonly observationsUsed: readonly { readonly path: string; readonly effectiveAt: string }[];
  readonly imagingUsed: { readonly id: string; readonly studyDate: string } | null;
  readonly assessment: Assessment;
}

export interface PatientData extends PatientRecords {
  readonly patient: ApiRecord;
  readonly assessment: Derived<PatientAssessment>;
  readonly plan: Derived<TreatmentPlan>;
  readonly response: Derived<CourseAssessment> | null;
}

async function derived<T>(f: () => Promise<T>): Promise<Derived<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The response course of the imaging time points and procedures (the registry's reading,
 * src/analytics/course-of.ts), from the API's records.
 */
export function courseOf(
  imaging: readonly ApiRecord[],
  procedures: readonly ApiRecord[],
): Record<string, unknown> | null {
  return courseOfRecords(
    imaging.map((p) => ({
      studyDate: date(p.studyDate),
      modality: str(p.modality) ?? null,
      measurements: ((Array.isArray(p.measurements) ? p.measurements : []) as Record<string, unknown>[]).map(
        (m) => ({
          lesionLabel: str(m.lesionLabel) ?? "",
          role: str(m.role) ?? "",
          organ: str(m.organ) ?? null,
          longestDiameterMm: num(m.longestDiameterMm) ?? null,
          viableDiameterMm: num(m.viableDiameterMm) ?? null,
          shortAxisMm: num(m.shortAxisMm) ?? null,
        }),
      ),
    })),
    procedures.map((p) => ({ performedOn: date(p.performedOn), modality: str(p.modality) ?? "other" })),
  );
}

/**
 * Everything the patient page and the tumour-board page show. Without `asOf` the server assesses
 * at the date of the newest data; without `windowDays`, under its validity policy.
 */
export async function loadPatient(id: string, asOf?: string, windowDays?: number): Promise<PatientData> {
  const [patient, observations, imaging, procedures, systemic] = await Promise.all([
    api.patient(id),
    api.list(id, "observations"),
    api.list(id, "imaging"),
    api.list(id, "procedures"),
    api.list(id, "systemic-therapies").catch(() => []),
  ]);
  const course = courseOf(imaging, procedures);
  const [assessment, response] = await Promise.all([
    derived(() => api.assessment<PatientAssessment>(id, asOf, windowDays)),
    course ? derived(() => api.response<CourseAssessment>(course)) : Promise.resolve(null),
  ]);
  const plan: Derived<TreatmentPlan> = assessment.ok
    ? await derived(() => api.plan<TreatmentPlan>(assessment.value.case))
    : { ok: false, message: assessment.message };
  return { patient, observations, imaging, procedures, systemic, assessment, plan, response };
}

/** The latest observation with this LOINC code. */
export function latest(observations: readonly ApiRecord[], code: string): ApiRecord | undefined {
  return [...observations]
    .filter((o) => o.code === code && num(o.value) !== undefined)
    .sort((a, b) => ((str(a.effectiveAt) ?? "") < (str(b.effectiveAt) ?? "") ? 1 : -1))[0];
}

export function latestHeightWeight(observations: readonly ApiRecord[]): {
  heightCm?: number;
  weightKg?: number;
} {
  return {
    heightCm: num(latest(observations, HEIGHT_LOINC)?.value),
    weightKg: num(latest(observations, WEIGHT_LOINC)?.value),
  };
}

/** Latest bilirubin in mg/dL (the unit of the hepatic dose-reduction bands), by the analyte table's factor. */
export function latestBilirubinMgDl(observations: readonly ApiRecord[]): number | undefined {
  const o = latest(observations, loincOf("bilirubin"));
  const v = num(o?.value);
  if (!o || v === undefined) return undefined;
  const units = ANALYTES.bilirubin.units as Readonly<Record<string, { ucum: string; factor: number }>>;
  const unit = str(o.unit) ?? "mg/dL";
  const def = units[unit] ?? Object.values(units).find((u) => u.ucum === unit);
  return def ? v * def.factor : undefined;
}
