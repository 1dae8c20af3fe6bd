/**
 * Registry summaries of stored patients: per patient, the follow-up facts of
 * {@link followUpOf} (index treatment, death, progression per criterion, last response, last
 * follow-up) and the BCLC and CNLC stages by the assessment derivation ({@link caseFrom}, then
 * the staging rules) — at the first treatment (the cohort's baseline) and now (the latest
 * observation, as the patient page assesses by default).
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
import { parseCase } from "../../clinical/case/parse-case.js";
import { milan } from "../../clinical/criteria/milan.js";
import { ucsf } from "../../clinical/criteria/ucsf.js";
import { upToSeven } from "../../clinical/criteria/up-to-seven.js";
import { childPugh } from "../../clinical/scores/child-pugh.js";
import { bclc } from "../../clinical/staging/bclc.js";
import { cnlc } from "../../clinical/staging/cnlc.js";
import type { Database } from "../../store/schema.js";
import { type CaseSources, caseFrom, DEFAULT_WINDOW_DAYS, type ObservationInput } from "./derive-case.js";

export interface RegistrySummary {
  readonly followUp: FollowUp;
  /** Stages at the latest observation (window {@link DEFAULT_WINDOW_DAYS} days). */
  readonly current: Stages;
  /** The patient's secret date shift (researchers' view). */
  readonly dateShiftDays: number;
}

const CHUNK = 500;
const CHILD_TABLES = ["observations", "imaging", "procedures", "systemic_therapies", "outcomes"] as const;

/** BCLC and CNLC stages of a derived case; null where the rules are indeterminate. */
export function stagesOf(kase: Record<string, unknown>): Stages {
  const { parsed } = parseCase(kase);
  const cp = childPugh(parsed);
  const b = bclc(parsed, {
    childPugh: cp,
    milan: milan(parsed),
    ucsf: ucsf(parsed),
    upToSeven: upToSeven(parsed),
  });
  const c = cnlc(parsed, { childPugh: cp });
  return {
    bclcStage: b.status === "ok" ? b.stage : null,
    cnlcStage: c.status === "ok" ? c.stage : null,
  };
}

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

async function load(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, RegistrySummary>> {
  const out = new Map<string, RegistrySummary>();
  for (const part of chunks(ids)) {
    const [patients, observations, imaging, procedures, systemic, outcomes, drugEvents, procEvents] =
      await Promise.all([
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
          .select(["patient_id", "modality", "performed_on"])
          .where("patient_id", "in", part)
          .execute(),
        db
          .selectFrom("systemic_therapies")
          .select(["patient_id", "started_on", "stopped_on", "regimen"])
          .where("patient_id", "in", part)
          .execute(),
        db
          .selectFrom("outcomes")
          .select(["patient_id", "kind", "occurred_on"])
          .where("patient_id", "in", part)
          .execute(),
        db
          .selectFrom("systemic_adverse_events as e")
          .innerJoin("systemic_therapies as t", "t.id", "e.therapy_id")
          .select(["t.patient_id as patient_id", "e.grade as grade"])
          .where("t.patient_id", "in", part)
          .execute(),
        db
          .selectFrom("procedure_complications as c")
          .innerJoin("procedures as p", "p.id", "c.procedure_id")
          .select(["p.patient_id as patient_id", "c.cirse_grade as grade"])
          .where("p.patient_id", "in", part)
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
    const ctcae = byPatient(drugEvents);
    const cirse = byPatient(procEvents);
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
          regimen: r.regimen,
        })),
        adverseEvents: [
          ...(ctcae.get(p.id) ?? []).map((e) => ({ scale: "ctcae" as const, grade: Number(e.grade) })),
          ...(cirse.get(p.id) ?? []).map((e) => ({ scale: "cirse" as const, grade: Number(e.grade) })),
        ],
        imaging: points,
        outcomes: (outc.get(p.id) ?? []).map((r) => ({ kind: r.kind, occurredOn: text(r.occurred_on) })),
        lastObservation: pObs[0]?.effectiveAt.slice(0, 10) ?? null,
      };
      const sources: CaseSources = {
        patientId: p.id,
        sex: p.sex,
        birthDate: p.birth_date,
        observations: pObs,
        imaging: points.map((i, k) => ({
          id: String(k),
          studyDate: i.studyDate,
          lesions: i.measurements.map((m) => ({
            label: m.lesionLabel,
            organ: m.organ,
            longestDiameterMm: m.longestDiameterMm,
          })),
        })),
      };
      const stagesAt = (asOf: string | null | undefined): Stages =>
        asOf
          ? stagesOf(caseFrom(sources, asOf, DEFAULT_WINDOW_DAYS).case)
          : { bclcStage: null, cnlcStage: null };
      const withoutStages = followUpOf(history, { bclcStage: null, cnlcStage: null });
      const followUp: FollowUp = { ...withoutStages, stages: stagesAt(withoutStages.firstTreatment?.date) };
      out.set(p.id, {
        followUp,
        current: stagesAt(history.lastObservation),
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
  const fresh = await load(db, stale);
  for (const [id, summary] of fresh) {
    out.set(id, summary);
    cache.set(id, { fingerprint: prints.get(id)?.fingerprint ?? "", summary });
  }
  // Patients deleted since: forget them.
  if (ids === undefined) for (const id of cache.keys()) if (!prints.has(id)) cache.delete(id);
  return out;
}
