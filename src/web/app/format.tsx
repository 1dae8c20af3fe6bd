import type { ApiRecord } from "./api.js";

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** A patient's display name; researchers get the record's pseudonymous id instead. */
export function patientName(p: ApiRecord): string {
  const family = str(p.familyName);
  const given = str(p.givenName);
  if (family || given) return [family?.toUpperCase(), given].filter(Boolean).join(", ");
  return `Patient ${p.id.slice(0, 8)}`;
}

export function date(v: unknown): string {
  const s = str(v);
  return s ? s.slice(0, 10) : "—";
}

export function round(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}
