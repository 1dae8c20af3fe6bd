/**
 * Derives a case (case-format.md) from a patient's stored data: for each quantity and finding,
 * the latest observation within the window `[asOf - windowDays, asOf]`; the tumours from the
 * latest imaging time point in the same window; age and sex from the patient. Nothing older than
 * the window is used, and nothing missing is filled in: the assessment lists it as missing.
 */
import type { Kysely } from "kysely";
import { ANALYTES, type Analyte } from "../../clinical/units/analytes.js";
import { ANALYTE_OF_LOINC, ECOG_LOINC, FINDING_SYSTEM, FINDINGS, LOINC } from "../../fhir/codes.js";
import { ageYears } from "../../store/deidentify.js";
import type { Database } from "../../store/schema.js";

export interface UsedObservation {
  readonly id: string;
  readonly system: string;
  readonly code: string;
  /** The case path the observation filled. */
  readonly path: string;
  readonly value: number | null;
  readonly unit: string | null;
  readonly valueCode: string | null;
  readonly effectiveAt: string;
}

export interface DerivedCase {
  readonly asOf: string;
  readonly windowDays: number;
  readonly case: Record<string, unknown>;
  readonly observationsUsed: readonly UsedObservation[];
  readonly imagingUsed: { readonly id: string; readonly studyDate: string } | null;
}

export const DEFAULT_WINDOW_DAYS = 30;

function windowStart(asOf: string, days: number): string {
  const t = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** End of `asOf`'s day, so that observations later on that day count. */
function windowEnd(asOf: string): string {
  return `${asOf.slice(0, 10)}T23:59:59.999Z~`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (typeof next !== "object" || next === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = value;
}

function unitFor(analyte: Analyte, unit: string | null): string | undefined {
  if (unit === null) return undefined;
  // The case accepts the analyte's spellings; stored units are UCUM codes, which it lists too.
  const accepted = Object.entries(ANALYTES[analyte].units).find(
    ([spelling, def]) => spelling === unit || def.ucum === unit,
  );
  return accepted ? accepted[0] : unit;
}

export async function deriveCase(
  db: Kysely<Database>,
  patientId: string,
  asOf: string,
  windowDays: number = DEFAULT_WINDOW_DAYS,
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

  const c: Record<string, unknown> = { id: patientId };
  if (patient.sex === "male" || patient.sex === "female") c.sex = patient.sex;
  if (patient.birth_date) {
    const age = ageYears(patient.birth_date, asOf);
    if (age !== undefined) c.ageYears = age;
  }
  const used: UsedObservation[] = [];
  const filled = new Set<string>();
  const lists = new Map<string, { values: string[] }>();
  for (const r of rows) {
    let path: string | undefined;
    let value: unknown;
    if (r.system === LOINC && r.code === ECOG_LOINC && r.value !== null) {
      path = "ecog";
      value = Number(r.value);
    } else if (r.system === LOINC && ANALYTE_OF_LOINC.has(r.code) && r.value !== null) {
      const analyte = ANALYTE_OF_LOINC.get(r.code) as Analyte;
      path = analyte === "height" || analyte === "weight" ? analyte : `labs.${analyte}`;
      const unit = unitFor(analyte, r.unit);
      value = { value: Number(r.value), ...(unit !== undefined ? { unit } : {}) };
    } else if (r.system === FINDING_SYSTEM && r.value_code !== null) {
      const def = FINDINGS[r.code];
      if (!def) continue;
      path = def.path;
      if (def.kind === "list") {
        const list = lists.get(path) ?? { values: [] };
        if (!list.values.includes(r.value_code)) list.values.push(r.value_code);
        lists.set(path, list);
        used.push(usedOf(r, path));
        continue;
      }
      value =
        def.kind === "boolean"
          ? r.value_code === "true"
            ? true
            : r.value_code === "false"
              ? false
              : r.value_code
          : r.value_code;
    }
    if (path === undefined || filled.has(path)) continue;
    filled.add(path);
    setPath(c, path, value);
    used.push(usedOf(r, path));
  }
  for (const [path, list] of lists) setPath(c, path, list.values);

  const imaging = await db
    .selectFrom("imaging")
    .select(["id", "study_date"])
    .where("patient_id", "=", patientId)
    .where("study_date", ">=", from)
    .where("study_date", "<=", to)
    .orderBy("study_date", "desc")
    .executeTakeFirst();
  if (imaging) {
    const lesions = await db
      .selectFrom("imaging_measurements")
      .selectAll()
      .where("imaging_id", "=", imaging.id)
      .orderBy("position")
      .execute();
    const tumors = lesions
      .filter((l) => (l.organ === null || /liver/i.test(l.organ)) && l.longest_diameter_mm !== null)
      .map((l) => ({ id: l.lesion_label, diameterCm: Number(l.longest_diameter_mm) / 10 }));
    if (tumors.length > 0) c.tumors = tumors;
  }
  return {
    asOf,
    windowDays,
    case: c,
    observationsUsed: used,
    imagingUsed: imaging ? { id: imaging.id, studyDate: imaging.study_date } : null,
  };
}

function usedOf(
  r: {
    id: string;
    system: string;
    code: string;
    value: number | null;
    unit: string | null;
    value_code: string | null;
    effective_at: string;
  },
  path: string,
): UsedObservation {
  return {
    id: r.id,
    system: r.system,
    code: r.code,
    path,
    value: r.value === null ? null : Number(r.value),
    unit: r.unit,
    valueCode: r.value_code,
    effectiveAt: r.effective_at,
  };
}
