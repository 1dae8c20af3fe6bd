/**
 * Registry summaries of stored patients: per patient, the follow-up facts of
 * {@link followUpOf} (index treatment, death, progression per criterion, last response, last
 * follow-up) and the BCLC and CNLC stages by the one stage function ({@link stageAt}, over the
 * clinical state at a date) — at the first treatment (the cohort's baseline) and at the date of
 * the newest data (as the patient page and the API assess by default), each with its date.
 *
 * Loaded in bulk (a handful of queries per 500 patients, not per patient) and cached per patient
 * under a fingerprint of their records (count and latest `updated_at` of each table and the
 * patient's version), so that a list or a cohort recomputes only the patients whose data
 * changed since the last request.
 */
import type { Kysely } from "kysely";
import type { ImagingPoint } from "../../analytics/course-of.js";
import {
  type FollowUp,
  followUpOf,
  type PatientHistory,
  type Stages,
} from "../../analytics/registry-cohort.js";
import type { ObservationInput } from "../../registry/clinical-state.js";
import type { PatientSources } from "../../registry/load.js";
import { newestDataDate, type StageOf, stageAt } from "../../registry/stage.js";
import type { ValidityPolicy } from "../../registry/validity.js";
import type { Database } from "../../store/schema.js";

export interface RegistrySummary {
  readonly followUp: FollowUp;
  /** Stages at the date of the newest data (null: no data), with what is missing or stale. */
  readonly current: Stages & {
    readonly asOf: string | null;
    readonly bclc: StageOf | null;
    readonly cnlc: StageOf | null;
  };
  /** The patient's secret date shift (researchers' view). */
  readonly dateShiftDays: number;
}

const CHUNK = 500;
const CHILD_TABLES = ["observations", "imaging", "procedures", "systemic_therapies", "outcomes"] as const;

type Cache = Map<string, { readonly fingerprint: string; readonly summary: RegistrySummary }>;
const caches = new WeakMap<object, Cache>();

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const text = (v: unknown): string => String(v);
const numOrNull = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

async function fingerprints(
  db: Kysely<Database>,
  ids: readonly string[] | undefined,
): Promise<Map<string, { fingerprint: string; shift: number }>> {
  const out = new Map<string, { fingerprint: string; shift: number }>();
  const parts = ids === undefined ? [undefined] : chunks(ids);
  for (const part of parts) {
    let pq = db.selectFrom("patients").select(["id", "version", "date_shift_days"]);
    if (part) pq = pq.where("id", "in", part);
    const patients = await pq.execute();
    const prints = new Map(patients.map((p) => [p.id, [String(p.version)]]));
    for (const table of CHILD_TABLES) {
      let q = db
        .selectFrom(table)
        .select((eb) => [
          "patient_id",
          eb.fn.countAll<number>().as("n"),
          eb.fn.max("updated_at").as("latest"),
        ])
        .groupBy("patient_id");
      if (part) q = q.where("patient_id", "in", part);
      const byPatient = new Map((await q.execute()).map((r) => [r.patient_id, `${r.n}@${r.latest}`]));
      for (const [id, print] of prints) print.push(byPatient.get(id) ?? "0");
    }
    for (const p of patients) {
      out.set(p.id, { fingerprint: (prints.get(p.id) ?? []).join("|"), shift: Number(p.date_shift_days) });
    }
  }
  return out;
}

async function load(
  db: Kysely<Database>,
  ids: readonly string[],
  policy: ValidityPolicy | undefined,
): Promise<Map<string, RegistrySummary>> {
  const out = new Map<string, RegistrySummary>();
  for (const part of chunks(ids)) {
    const [patients, observations, imaging, procedures, systemic, outcomes] = await Promise.all([
      db
        .selectFrom("patients")
        .select(["id", "sex", "birth_date", "date_shift_days"])
        .where("id", "in", part)
        .execute(),
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
        .select(["id", "patient_id", "agent", "started_on", "stopped_on"])
        .where("patient_id", "in", part)
        .execute(),
      db
        .selectFrom("outcomes")
        .select(["patient_id", "kind", "occurred_on"])
        .where("patient_id", "in", part)
        .execute(),
    ]);
    const measurements = new Map<string, ImagingPoint["measurements"][number][]>();
    for (const imagingIds of chunks(imaging.map((i) => i.id))) {
      const rows = await db
        .selectFrom("imaging_measurements")
        .selectAll()
        .where("imaging_id", "in", imagingIds)
        .orderBy("position")
        .execute();
      for (const m of rows) {
        const list = measurements.get(m.imaging_id) ?? [];
        list.push({
          lesionLabel: m.lesion_label,
          role: m.role,
          organ: m.organ,
          longestDiameterMm: numOrNull(m.longest_diameter_mm),
          viableDiameterMm: numOrNull(m.viable_diameter_mm),
          shortAxisMm: numOrNull(m.short_axis_mm),
        });
        measurements.set(m.imaging_id, list);
      }
    }
    const byPatient = <T extends { patient_id: string }>(rows: readonly T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) {
        const list = m.get(r.patient_id) ?? [];
        list.push(r);
        m.set(r.patient_id, list);
      }
      return m;
    };
    const obs = byPatient(observations);
    const img = byPatient(imaging);
    const proc = byPatient(procedures);
    const sys = byPatient(systemic);
    const outc = byPatient(outcomes);
    for (const p of patients) {
      const pObs: ObservationInput[] = (obs.get(p.id) ?? []).map((r) => ({
        id: r.id,
        system: r.system,
        code: r.code,
        value: numOrNull(r.value),
        unit: r.unit,
        valueCode: r.value_code,
        effectiveAt: text(r.effective_at),
      }));
      const points: ImagingPoint[] = (img.get(p.id) ?? []).map((i) => ({
        studyDate: text(i.study_date),
        modality: i.modality,
        measurements: measurements.get(i.id) ?? [],
      }));
      const history: PatientHistory = {
        id: p.id,
        sex: p.sex,
        birthDate: p.birth_date,
        procedures: (proc.get(p.id) ?? []).map((r) => ({
          modality: r.modality,
          performedOn: text(r.performed_on),
        })),
        systemicTherapies: (sys.get(p.id) ?? []).map((r) => ({
          startedOn: text(r.started_on),
          stoppedOn: r.stopped_on === null ? null : text(r.stopped_on),
        })),
        imaging: points,
        outcomes: (outc.get(p.id) ?? []).map((r) => ({ kind: r.kind, occurredOn: text(r.occurred_on) })),
        lastObservation: pObs[0]?.effectiveAt.slice(0, 10) ?? null,
      };
      const sources: PatientSources = {
        patientId: p.id,
        sex: p.sex,
        birthDate: p.birth_date,
        observations: pObs,
        events: [
          ...(proc.get(p.id) ?? []).map((r) => ({
            kind: "procedure" as const,
            id: r.id,
            date: text(r.performed_on),
            label: r.modality,
          })),
          ...(sys.get(p.id) ?? []).map((r) => ({
            kind: "systemic-therapy" as const,
            id: r.id,
            date: text(r.started_on),
            label: r.agent,
          })),
          ...(img.get(p.id) ?? []).map((r) => ({
            kind: "imaging" as const,
            id: r.id,
            date: text(r.study_date),
            label: r.modality,
          })),
        ],
        imaging: (img.get(p.id) ?? []).map((i) => ({
          id: i.id,
          studyDate: text(i.study_date),
          lesions: (measurements.get(i.id) ?? []).map((m) => ({
            label: m.lesionLabel,
            organ: m.organ,
            longestDiameterMm: m.longestDiameterMm,
          })),
        })),
      };
      const stagesAt = (asOf: string | null | undefined): RegistrySummary["current"] => {
        if (!asOf) return { asOf: null, bclc: null, cnlc: null, bclcStage: null, cnlcStage: null };
        const { stage } = stageAt(sources, asOf, policy);
        return {
          asOf,
          bclc: stage.bclc,
          cnlc: stage.cnlc,
          bclcStage: stage.bclc.stage,
          cnlcStage: stage.cnlc.stage,
        };
      };
      const withoutStages = followUpOf(history, { bclcStage: null, cnlcStage: null });
      const atStart = stagesAt(withoutStages.firstTreatment?.date);
      const followUp: FollowUp = {
        ...withoutStages,
        stages: { bclcStage: atStart.bclcStage, cnlcStage: atStart.cnlcStage },
      };
      out.set(p.id, {
        followUp,
        current: stagesAt(newestDataDate(sources)),
        dateShiftDays: Number(p.date_shift_days),
      });
    }
  }
  return out;
}

/**
 * The summaries of the given patients (all patients when `ids` is undefined), from the cache
 * where a patient's records are unchanged.
 */
export async function registrySummaries(
  db: Kysely<Database>,
  ids?: readonly string[],
  policy?: ValidityPolicy,
): Promise<Map<string, RegistrySummary>> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const prints = await fingerprints(db, ids);
  const out = new Map<string, RegistrySummary>();
  const stale: string[] = [];
  for (const [id, { fingerprint }] of prints) {
    const hit = cache.get(id);
    if (hit && hit.fingerprint === fingerprint) out.set(id, hit.summary);
    else stale.push(id);
  }
  const fresh = await load(db, stale, policy);
  for (const [id, summary] of fresh) {
    out.set(id, summary);
    cache.set(id, { fingerprint: prints.get(id)?.fingerprint ?? "", summary });
  }
  // Patients deleted since: forget them.
  if (ids === undefined) for (const id of cache.keys()) if (!prints.has(id)) cache.delete(id);
  return out;
}
