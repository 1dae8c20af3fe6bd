/**
 * Validates an entity body against its description, returning every field error at once. Used by
 * every writer (HTTP API, FHIR import, demo generator), so that nothing invalid reaches a table.
 */
import type { ChildSpec, EntitySpec, FieldSpec } from "./entities.js";
import type { InputError } from "./errors.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

/** A real calendar date (rejects 2024-02-30). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1800;
}

/**
 * The error of a value that is not a real calendar date (`date`: YYYY-MM-DD) or instant
 * (`instant`: a date, or a date-time with offset and valid hours and minutes); undefined if it is one.
 */
export function dateError(path: string, kind: "date" | "instant", v: unknown): InputError | undefined {
  const m = typeof v === "string" ? (kind === "date" ? DATE : INSTANT).exec(v) : null;
  if (m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const form = kind === "date" ? "YYYY-MM-DD" : "an ISO-8601 date or date-time with offset";
  return { path, code: "invalid-date", message: `${path} must be ${form}` };
}

function checkField(path: string, spec: FieldSpec, v: unknown, errors: InputError[]): void {
  if (v === null) return;
  switch (spec.kind) {
    case "string":
      if (typeof v !== "string") {
        errors.push({ path, code: "wrong-type", message: `${path} must be a string` });
        return;
      }
      if (spec.maxLength !== undefined && v.length > spec.maxLength) {
        errors.push({
          path,
          code: "too-long",
          message: `${path} must be at most ${spec.maxLength} characters`,
        });
      } else if (spec.enum && !spec.enum.includes(v)) {
        errors.push({
          path,
          code: "not-allowed",
          message: `${path} must be one of: ${spec.enum.join(", ")}`,
        });
      }
      return;
    case "date":
    case "instant": {
      const e = dateError(path, spec.kind, v);
      if (e) errors.push(e);
      return;
    }
    case "number":
    case "integer":
      if (typeof v !== "number" || !Number.isFinite(v)) {
        errors.push({ path, code: "wrong-type", message: `${path} must be a number` });
        return;
      }
      if (spec.kind === "integer" && !Number.isInteger(v)) {
        errors.push({ path, code: "not-an-integer", message: `${path} must be an integer` });
      } else if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
        errors.push({
          path,
          code: "out-of-range",
          message: `${path} must be between ${spec.min ?? "-∞"} and ${spec.max ?? "∞"}`,
        });
      }
      return;
  }
}

function checkObject(
  prefix: string,
  fields: Readonly<Record<string, FieldSpec>>,
  body: unknown,
  partial: boolean,
  errors: InputError[],
  extra: ReadonlySet<string>,
): void {
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    errors.push({
      path: prefix || "(body)",
      code: "wrong-type",
      message: `${prefix || "the body"} must be an object`,
    });
    return;
  }
  const rec = body as Record<string, unknown>;
  for (const k of Object.keys(rec)) {
    if (!Object.hasOwn(fields, k) && !extra.has(k)) {
      errors.push({ path: at(k), code: "unknown-field", message: `${at(k)} is not a field of this record` });
    }
  }
  for (const [k, spec] of Object.entries(fields)) {
    const v = rec[k];
    if (v === undefined || v === null) {
      if (spec.required && (!partial || v === null)) {
        errors.push({ path: at(k), code: "required", message: `${at(k)} is required` });
      }
      continue;
    }
    checkField(at(k), spec, v, errors);
  }
}

/** Keys the API returns that a client may echo back in a body; ignored on input. */
const ECHOED = ["id", "version", "createdAt", "updatedAt", "patientId"];

/**
 * Validates a body for `spec`. `partial` (PATCH semantics) allows required fields to be omitted
 * but not set to null.
 */
export function validateEntity(spec: EntitySpec, body: unknown, partial = false): InputError[] {
  const errors: InputError[] = [];
  const children = spec.children ?? {};
  checkObject("", spec.fields, body, partial, errors, new Set([...ECHOED, ...Object.keys(children)]));
  if (errors.length > 0 && errors[0]?.path === "(body)") return errors;
  const rec = body as Record<string, unknown>;
  for (const [name, child] of Object.entries(children)) validateChildren(name, child, rec[name], errors);
  return errors;
}

function validateChildren(name: string, child: ChildSpec, v: unknown, errors: InputError[]): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) {
    errors.push({ path: name, code: "wrong-type", message: `${name} must be a list` });
    return;
  }
  if (v.length > child.maxItems) {
    errors.push({
      path: name,
      code: "too-many",
      message: `${name} may hold at most ${child.maxItems} items`,
    });
    return;
  }
  v.forEach((item, i) => {
    checkObject(`${name}.${i}`, child.fields, item, false, errors, new Set(["id"]));
  });
}
