/**
 * De-identification for researchers, after HIPAA Safe Harbor (45 CFR 164.514(b)(2)), written as a
 * threat model: a researcher holding everything a researcher can read must not be able to recover
 * a patient's identity, real dates or date shift.
 *
 * - Names, record numbers and free text (which may hold either) are removed; a field declared
 *   `coded` is shown only when its value is a code of a known vocabulary (the caller's
 *   {@link ResearchView.isCode}), since a free-text field can hold anything a clinician typed.
 * - Every date is shifted by the patient's own secret offset (whole days), so that intervals
 *   within a patient are exact while calendar dates are not disclosed. Record timestamps
 *   (`createdAt`, `updatedAt`) are not shown at all: they are written at the real time of entry
 *   (close to "today"), so any form of them would give the shift away.
 * - The patient id is a pseudonym: HMAC-SHA-256 of the record id under an installation secret
 *   (migration 0002-deidentify), never the clinicians' id; a re-identification code that is not
 *   derived from any identifier and whose key is never disclosed, as 164.514(c) allows.
 * - Ages over 89 are aggregated (birth date withheld, `ageOver89: true`; derived ages show 90).
 *
 * Departure from the letter of Safe Harbor, which keeps only the year of a date: shifted full
 * dates are kept because response assessment and survival need exact intervals; the offset is
 * random per patient, 1 to 365 days either way, and never returned.
 */
import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import type { EntitySpec, FieldSpec } from "./entities.js";
import type { EntityRecord } from "./records.js";
import type { Database } from "./schema.js";

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** Shifts the date part of an ISO date or date-time by `days`, keeping the rest. */
export function shiftDate(value: string, days: number): string {
  const m = DATE_PREFIX.exec(value);
  if (!m) return value;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * 86_400_000);
  return t.toISOString().slice(0, 10) + value.slice(10);
}

/** What the de-identification needs from its caller: the pseudonyms and the known vocabularies. */
export interface ResearchView {
  /** The researchers' id of a patient. */
  pseudonym(patientId: string): string;
  /**
   * Whether `value` of the `coded` field at `path` (`entity.field` or `entity.child.field`) is a
   * code of a known vocabulary; `record` is the record (or child item) it belongs to.
   */
  isCode(path: string, value: string, record: Readonly<Record<string, unknown>>): boolean;
}

function scrub(
  path: string,
  fields: Readonly<Record<string, FieldSpec>>,
  rec: Record<string, unknown>,
  days: number,
  view: ResearchView,
): void {
  const original = { ...rec };
  for (const [key, f] of Object.entries(fields)) {
    const v = rec[key];
    if (f.phi === "drop") delete rec[key];
    else if (f.phi === "coded" && typeof v === "string" && !view.isCode(`${path}.${key}`, v, original)) {
      delete rec[key];
    } else if ((f.kind === "date" || f.kind === "instant") && typeof v === "string") {
      rec[key] = shiftDate(v, days);
    }
  }
}

/** Age in whole years at `asOf` (both YYYY-MM-DD...). */
export function ageYears(birthDate: string, asOf: string): number | undefined {
  const b = DATE_PREFIX.exec(birthDate);
  const a = DATE_PREFIX.exec(asOf);
  if (!b || !a) return undefined;
  let age = Number(a[1]) - Number(b[1]);
  if (Number(a[2]) * 100 + Number(a[3]) < Number(b[2]) * 100 + Number(b[3])) age -= 1;
  return age;
}

/** Safe Harbor's age limit: ages over 89 are shown as 90. */
export const AGE_CAP = 90;

/**
 * A birth date that gives at most {@link AGE_CAP} years at `asOf` (the real one when younger), so
 * that whatever is derived from it for researchers (ages, eligibility) never shows an age over 89.
 */
export function cappedBirthDate(birthDate: string | null, asOf: string): string | null {
  if (birthDate === null) return null;
  const age = ageYears(birthDate, asOf);
  if (age === undefined || age < AGE_CAP) return birthDate;
  return `${String(Number(asOf.slice(0, 4)) - AGE_CAP).padStart(4, "0")}${asOf.slice(4, 10)}`;
}

export function deidentify(
  spec: EntitySpec,
  record: EntityRecord,
  shiftDays: number,
  view: ResearchView,
  today: string = new Date().toISOString().slice(0, 10),
): EntityRecord {
  const out: Record<string, unknown> = { ...record };
  delete out.createdAt;
  delete out.updatedAt;
  if (spec.table === "patients") {
    out.id = view.pseudonym(record.id);
    if (typeof record.birthDate === "string") {
      const age = ageYears(record.birthDate, today);
      if (age !== undefined && age > 89) {
        out.birthDate = null;
        out.ageOver89 = true;
      }
    }
  }
  if (typeof record.patientId === "string") out.patientId = view.pseudonym(record.patientId);
  scrub(spec.name, spec.fields, out, shiftDays, view);
  for (const [name, child] of Object.entries(spec.children ?? {})) {
    const items = out[name];
    if (Array.isArray(items)) {
      out[name] = items.map((item: Record<string, unknown>) => {
        const copy = { ...item };
        scrub(`${spec.name}.${name}`, child.fields, copy, shiftDays, view);
        return copy;
      });
    }
  }
  return out as EntityRecord;
}

/** The pseudonym of `patientId` under `key`: 128 bits of HMAC-SHA-256, hex, prefixed `r-`. */
export function pseudonymOf(key: Buffer, patientId: string): string {
  return `r-${createHmac("sha256", key).update(patientId).digest("hex").slice(0, 32)}`;
}

interface PseudonymIndex {
  readonly key: Buffer;
  /** pseudonym → patient id, as of `fingerprint` (patient count and newest creation). */
  byPseudonym: Map<string, string>;
  fingerprint: string;
}
const indexes = new WeakMap<object, Promise<PseudonymIndex>>();

async function indexOf(db: Kysely<Database>): Promise<PseudonymIndex> {
  let index = indexes.get(db);
  if (!index) {
    index = db
      .selectFrom("deid_secrets")
      .select("value")
      .where("name", "=", "pseudonym")
      .executeTakeFirstOrThrow()
      .then((r) => ({ key: Buffer.from(r.value, "base64url"), byPseudonym: new Map(), fingerprint: "" }));
    index.catch(() => indexes.delete(db));
    indexes.set(db, index);
  }
  return index;
}

/** The installation's pseudonym key (read once per store). */
export async function pseudonymKey(db: Kysely<Database>): Promise<Buffer> {
  return (await indexOf(db)).key;
}

/**
 * The patient a pseudonym names, or undefined. The index is rebuilt when patients were added or
 * removed since it was built, so an unknown pseudonym costs one small query, not a rebuild.
 */
export async function patientOfPseudonym(
  db: Kysely<Database>,
  pseudonym: string,
): Promise<string | undefined> {
  const index = await indexOf(db);
  const hit = index.byPseudonym.get(pseudonym);
  if (hit !== undefined) return hit;
  const stats = await db
    .selectFrom("patients")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("created_at").as("latest")])
    .executeTakeFirst();
  const fingerprint = `${stats?.n ?? 0}@${stats?.latest ?? ""}`;
  if (fingerprint === index.fingerprint) return undefined;
  const ids = await db.selectFrom("patients").select("id").execute();
  index.byPseudonym = new Map(ids.map(({ id }) => [pseudonymOf(index.key, id), id]));
  index.fingerprint = fingerprint;
  return index.byPseudonym.get(pseudonym);
}
