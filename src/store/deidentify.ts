/**
 * De-identification for researchers, after HIPAA Safe Harbor (45 CFR 164.514(b)(2)): names,
 * record numbers and free text (which may hold either) are removed; every date is shifted by the
 * patient's own secret offset, so that intervals within a patient are exact while calendar dates
 * are not disclosed. Departure from the letter of Safe Harbor, which keeps only the year: shifted
 * full dates are kept because response assessment and survival need exact intervals; the offset
 * is random per patient, up to a year either way, and never returned. Ages over 89 are aggregated
 * (birth date withheld, `ageOver89: true`). The record id is a random UUID, not derived from any
 * identifier, which Safe Harbor allows as a re-identification code (164.514(c)).
 */
import type { EntitySpec, FieldSpec } from "./entities.js";
import type { EntityRecord } from "./records.js";

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** Shifts the date part of an ISO date or date-time by `days`, keeping the rest. */
export function shiftDate(value: string, days: number): string {
  const m = DATE_PREFIX.exec(value);
  if (!m) return value;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * 86_400_000);
  return t.toISOString().slice(0, 10) + value.slice(10);
}

function scrub(
  fields: Readonly<Record<string, FieldSpec>>,
  rec: Record<string, unknown>,
  days: number,
): void {
  for (const [key, f] of Object.entries(fields)) {
    if (f.phi === "drop") delete rec[key];
    else if ((f.kind === "date" || f.kind === "instant") && typeof rec[key] === "string") {
      rec[key] = shiftDate(rec[key], days);
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

export function deidentify(
  spec: EntitySpec,
  record: EntityRecord,
  shiftDays: number,
  today: string = new Date().toISOString().slice(0, 10),
): EntityRecord {
  const out: Record<string, unknown> = { ...record };
  if (spec.table === "patients" && typeof record.birthDate === "string") {
    const age = ageYears(record.birthDate, today);
    if (age !== undefined && age > 89) {
      out.birthDate = null;
      out.ageOver89 = true;
    }
  }
  scrub(spec.fields, out, shiftDays);
  out.createdAt = shiftDate(record.createdAt, shiftDays);
  out.updatedAt = shiftDate(record.updatedAt, shiftDays);
  for (const [name, child] of Object.entries(spec.children ?? {})) {
    const items = out[name];
    if (Array.isArray(items)) {
      out[name] = items.map((item: Record<string, unknown>) => {
        const copy = { ...item };
        scrub(child.fields, copy, shiftDays);
        return copy;
      });
    }
  }
  return out as EntityRecord;
}
