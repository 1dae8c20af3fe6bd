/**
 * Reads what the clinical state needs from the store: a patient's observations, imaging with
 * its measurements, and the dates of treatments (for the default as-of date and the stage
 * history). All records, no window: validity is decided by the state (./clinical-state.ts).
 * Loaded in bulk for lists (a handful of queries per chunk of patients, not per patient).
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import type { CaseSources, ImagingInput, ObservationInput } from "./clinical-state.js";

/** A dated event of the record: a treatment or a scan (the stage history is taken at each). */
export interface RecordEvent {
  readonly kind: "procedure" | "systemic-therapy" | "imaging";
  readonly id: string;
  readonly date: string;
  /** Procedure modality or systemic agent; the imaging modality. */
  readonly label: string | null;
}

export interface PatientSources extends CaseSources {
  readonly events: readonly RecordEvent[];
}

const CHUNK = 500;
const numOrNull = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

function group<T extends { patient_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.patient_id) ?? [];
    list.push(r);
    m.set(r.patient_id, list);
  }
  return m;
}

/** The sources of the given patients (absent ids are left out). */
export async function loadSources(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, PatientSources>> {
  const out = new Map<string, PatientSources>();
  for (const part of chunks(ids)) {
    const [patients, observations, imaging, procedures, systemic] = await Promise.all([
      db.selectFrom("patients").select(["id", "sex", "birth_date"]).where("id", "in", part).execute(),
      db
        .selectFrom("observations")
        .select(["id", "patient_id", "system", "code", "value", "unit", "value_code", "effective_at"])
        .where("patient_id", "in", part)
        .orderBy("effective_at", "desc")
        .orderBy("created_at", "desc")
        .execute(),
      db
        .selectFrom("imaging")
        .select(["id", "patient_id", "study_date", "modality"])
        .where("patient_id", "in", part)
        .execute(),
      db
        .selectFrom("procedures")
        .select(["id", "patient_id", "modality", "performed_on"])
        .where("patient_id", "in", part)
        .execute(),
      db
        .selectFrom("systemic_therapies")
        .select(["id", "patient_id", "agent", "started_on"])
        .where("patient_id", "in", part)
        .execute(),
    ]);
    const lesions = new Map<string, ImagingInput["lesions"][number][]>();
    for (const imagingIds of chunks(imaging.map((i) => i.id))) {
      const rows = await db
        .selectFrom("imaging_measurements")
        .select(["imaging_id", "lesion_label", "organ", "longest_diameter_mm"])
        .where("imaging_id", "in", imagingIds)
        .orderBy("position")
        .execute();
      for (const m of rows) {
        const list = lesions.get(m.imaging_id) ?? [];
        list.push({
          label: m.lesion_label,
          organ: m.organ,
          longestDiameterMm: numOrNull(m.longest_diameter_mm),
        });
        lesions.set(m.imaging_id, list);
      }
    }
    const obs = group(observations);
    const img = group(imaging);
    const proc = group(procedures);
    const sys = group(systemic);
    for (const p of patients) {
      const pObs: ObservationInput[] = (obs.get(p.id) ?? []).map((r) => ({
        id: r.id,
        system: r.system,
        code: r.code,
        value: numOrNull(r.value),
        unit: r.unit,
        valueCode: r.value_code,
        effectiveAt: String(r.effective_at),
      }));
      const pImg = img.get(p.id) ?? [];
      const events: RecordEvent[] = [
        ...(proc.get(p.id) ?? []).map((r) => ({
          kind: "procedure" as const,
          id: r.id,
          date: String(r.performed_on),
          label: r.modality,
        })),
        ...(sys.get(p.id) ?? []).map((r) => ({
          kind: "systemic-therapy" as const,
          id: r.id,
          date: String(r.started_on),
          label: r.agent,
        })),
        ...pImg.map((r) => ({
          kind: "imaging" as const,
          id: r.id,
          date: String(r.study_date),
          label: r.modality,
        })),
      ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      out.set(p.id, {
        patientId: p.id,
        sex: p.sex,
        birthDate: p.birth_date,
        observations: pObs,
        imaging: pImg.map((r) => ({
          id: r.id,
          studyDate: String(r.study_date),
          lesions: lesions.get(r.id) ?? [],
        })),
        events,
      });
    }
  }
  return out;
}

/** One patient's sources; undefined if no such patient. */
export async function loadPatientSources(
  db: Kysely<Database>,
  patientId: string,
): Promise<PatientSources | undefined> {
  return (await loadSources(db, [patientId])).get(patientId);
}
