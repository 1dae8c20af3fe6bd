import { ANALYTES } from "../../clinical/units/analytes.js";
import { HEIGHT_LOINC, WEIGHT_LOINC } from "../../fhir/codes.js";
import { type ApiRecord, api } from "./api.js";
import type { Assessment, CourseAssessment, TreatmentPlan } from "./clinical-types.js";
import type { PatientRecords } from "./components/timeline.js";
import { num, str } from "./format.js";
import { loincOf } from "./labs.js";

export type Derived<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

export interface PatientData extends PatientRecords {
  readonly patient: ApiRecord;
  readonly assessment: Derived<Assessment>;
  readonly plan: Derived<TreatmentPlan>;
  readonly response: Derived<CourseAssessment>;
}

async function derived<T>(id: string, view: "assessment" | "plan" | "response"): Promise<Derived<T>> {
  try {
    return { ok: true, value: await api.derived<T>(id, view) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Everything the patient page and the tumour-board page show, fetched in parallel. */
export async function loadPatient(id: string): Promise<PatientData> {
  const [patient, observations, imaging, procedures, systemic, assessment, plan, response] =
    await Promise.all([
      api.patient(id),
      api.list(id, "observations"),
      api.list(id, "imaging"),
      api.list(id, "procedures"),
      api.list(id, "systemic-therapies").catch(() => []),
      derived<Assessment>(id, "assessment"),
      derived<TreatmentPlan>(id, "plan"),
      derived<CourseAssessment>(id, "response"),
    ]);
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
