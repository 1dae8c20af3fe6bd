/**
 * A small reader over untrusted JSON: each method validates one path and returns a
 * {@link Field}, recording every error (never only the first) so that the caller can report
 * all field-level errors at once.
 */
import { isoDay } from "../dates.js";
import { ABSENT, type ErrorCode, type Field, type FieldError, invalidField, present } from "../result.js";
import { ANALYTES, type Analyte } from "../units/analytes.js";
import { acceptedUnits, type Quantity, round6, unitFor } from "../units/quantity.js";
import { acceptedSpelling } from "../units/spelling.js";
import { isUcum } from "../units/ucum.js";

const NOT_OBJECT = Symbol("not-object");

/**
 * "labs.creatinine 2.5 umol/L (= 0.028 mg/dL) is not a possible creatinine (plausible 0.1–30
 * mg/dL) — was it 2.5 mg/dL?": the accepted units under which the same number is plausible are
 * the likely slips (both directions: too low and too high).
 */
function implausibleMessage(
  path: string,
  analyte: Analyte,
  value: number,
  ucum: string,
  canonical: number,
): string {
  const d = ANALYTES[analyte];
  const conv = ucum === d.canonical ? "" : ` (= ${canonical} ${d.canonical})`;
  const side = canonical < d.min ? "too low" : "too high";
  const slips = new Set<string>();
  for (const [spelling, other] of Object.entries(
    d.units as Record<string, { ucum: string; factor: number }>,
  )) {
    if (other.ucum === ucum || spelling !== other.ucum) continue;
    const x = round6(value * other.factor);
    if (x >= d.min && x <= d.max) slips.add(spelling);
  }
  const guess =
    slips.size > 0
      ? ` — was it ${[...slips].map((s) => `${value} ${s}`).join(" or ")}?`
      : "; check the value and its unit";
  return `${path} ${value} ${ucum}${conv} is not a possible ${d.label} (${side}; plausible ${d.min}–${d.max} ${d.canonical})${guess}`;
}

/** Field paths are a fixed vocabulary; their split form is cached (the parser runs per case). */
const splitPaths = new Map<string, readonly string[]>();
function splitPath(path: string): readonly string[] {
  let parts = splitPaths.get(path);
  if (parts === undefined) {
    parts = path.split(".");
    if (splitPaths.size < 10_000) splitPaths.set(path, parts);
  }
  return parts;
}

const dottedPaths = new Map<string, Map<string, string>>();

/**
 * `${prefix}.${key}` for the fixed vocabulary of field paths, concatenated once: a fresh
 * concatenation per case would be flattened and hashed again by the path cache above.
 */
export function dotted(prefix: string, key: string): string {
  let byKey = dottedPaths.get(prefix);
  if (byKey === undefined) {
    byKey = new Map();
    dottedPaths.set(prefix, byKey);
  }
  let path = byKey.get(key);
  if (path === undefined) {
    path = `${prefix}.${key}`;
    byKey.set(key, path);
  }
  return path;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export class Reader {
  readonly errors: FieldError[] = [];
  private readonly reportedParents = new Set<string>();

  constructor(private readonly root: Record<string, unknown>) {}

  /** Records an error and returns it as an invalid field. */
  fail<T>(path: string, code: ErrorCode, message: string): Field<T> {
    const e: FieldError = { path, code, message };
    this.errors.push(e);
    return invalidField([e]);
  }

  /** The raw value at a dotted path; `undefined` if absent; a marker if a parent is not an object. */
  raw(path: string): unknown {
    let cur: unknown = this.root;
    const parts = splitPath(path);
    for (let i = 0; i < parts.length; i++) {
      if (cur === undefined || cur === null) return undefined;
      if (!isRecord(cur)) {
        const parent = parts.slice(0, i).join(".");
        if (!this.reportedParents.has(parent)) {
          this.reportedParents.add(parent);
          this.fail(parent, "wrong-type", `${parent} must be an object`);
        }
        return NOT_OBJECT;
      }
      cur = cur[parts[i] as string];
    }
    return cur;
  }

  private parentInvalid<T>(path: string): Field<T> {
    return invalidField([
      { path, code: "wrong-type", message: `the object containing ${path} is malformed` },
    ]);
  }

  bool(path: string): Field<boolean> {
    const v = this.raw(path);
    if (v === NOT_OBJECT) return this.parentInvalid(path);
    if (v === undefined || v === null) return ABSENT;
    if (typeof v !== "boolean") return this.fail(path, "wrong-type", `${path} must be true or false`);
    return present(v);
  }

  str(path: string): Field<string> {
    const v = this.raw(path);
    if (v === NOT_OBJECT) return this.parentInvalid(path);
    if (v === undefined || v === null) return ABSENT;
    if (typeof v !== "string") return this.fail(path, "wrong-type", `${path} must be a string`);
    return present(v);
  }

  /** An ISO `YYYY-MM-DD` calendar date, as days since 1970-01-01. */
  date(path: string): Field<number> {
    const v = this.raw(path);
    if (v === NOT_OBJECT) return this.parentInvalid(path);
    if (v === undefined || v === null) return ABSENT;
    const day = isoDay(v);
    if (day === undefined) {
      return this.fail(
        path,
        "wrong-type",
        `${path} must be a calendar date YYYY-MM-DD (got ${JSON.stringify(v)})`,
      );
    }
    return present(day);
  }

  oneOf<const T extends string>(path: string, allowed: readonly T[]): Field<T> {
    const v = this.raw(path);
    if (v === NOT_OBJECT) return this.parentInvalid(path);
    if (v === undefined || v === null) return ABSENT;
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
      return this.fail(
        path,
        "not-allowed",
        `${path} is ${JSON.stringify(v)}; allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
      );
    }
    return present(v as T);
  }

  /** A plain number in [min, max]; `integer` requires a whole number. */
  num(
    path: string,
    min: number,
    max: number,
    opts: { integer?: boolean; unit?: string } = {},
  ): Field<number> {
    const v = this.raw(path);
    if (v === NOT_OBJECT) return this.parentInvalid(path);
    if (v === undefined || v === null) return ABSENT;
    return this.checkNumber(path, v, min, max, opts);
  }

  checkNumber(
    path: string,
    value: unknown,
    min: number,
    max: number,
    opts: { integer?: boolean; unit?: string } = {},
  ): Field<number> {
    const unit = opts.unit ? ` ${opts.unit}` : "";
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return this.fail(path, "not-a-number", `${path} must be a finite number, got ${JSON.stringify(value)}`);
    }
    if (opts.integer && !Number.isInteger(value)) {
      return this.fail(path, "not-an-integer", `${path} must be a whole number, got ${value}`);
    }
    if (value < min || value > max) {
      return this.fail(path, "out-of-range", `${path} ${value}${unit} is outside ${min}–${max}${unit}`);
    }
    return present(value);
  }

  /**
   * A unit-bearing quantity `{value, unit}` of a known analyte: the unit must be one the
   * analyte accepts (no silent unit assumption), and the converted value must pass the
   * plausibility guard (scores.md §0.3).
   */
  quantity(path: string, analyte: Analyte): Field<Quantity> {
    const v = this.raw(path);
    if (v === NOT_OBJECT) return this.parentInvalid(path);
    if (v === undefined || v === null) return ABSENT;
    return this.quantityValue(path, v, analyte);
  }

  /** {@link quantity} of a value already read (e.g. an element of a list). */
  quantityValue(path: string, v: unknown, analyte: Analyte): Field<Quantity> {
    const d = ANALYTES[analyte];
    let value: unknown;
    let unit: unknown;
    if (typeof v === "number" && "unitless" in d && d.unitless) {
      value = v;
      unit = d.canonical;
    } else if (isRecord(v)) {
      value = v.value;
      unit = v.unit ?? ("unitless" in d && d.unitless ? d.canonical : undefined);
    } else {
      return this.fail(
        path,
        "wrong-type",
        `${path} must be an object {"value": number, "unit": string} (accepted units: ${acceptedUnits(analyte).join(", ")})`,
      );
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return this.fail(
        `${path}.value`,
        "not-a-number",
        `${path}.value must be a finite number, got ${JSON.stringify(value)}`,
      );
    }
    if (unit === undefined) {
      return this.fail(
        `${path}.unit`,
        "missing-unit",
        `${path} has no unit; give one of ${acceptedUnits(analyte).join(", ")} (no unit is assumed)`,
      );
    }
    const spelling = typeof unit === "string" ? acceptedSpelling(analyte, unit) : undefined;
    const u = spelling === undefined ? undefined : unitFor(analyte, spelling);
    if (typeof unit !== "string" || u === undefined) {
      const ucumNote =
        typeof unit === "string" && isUcum(unit)
          ? `${unit} is a valid UCUM unit but measures a different kind of quantity than ${d.label} is given in`
          : `${JSON.stringify(unit)} is not an accepted unit for ${d.label}`;
      return this.fail(
        `${path}.unit`,
        "unsupported-unit",
        `${ucumNote}; accepted: ${acceptedUnits(analyte).join(", ")}`,
      );
    }
    const canonical = round6(value * u.factor);
    if (d.positive && canonical <= 0) {
      return this.fail(path, "must-be-positive", `${path} must be greater than 0 (${value} ${unit} given)`);
    }
    if (canonical < d.min || canonical > d.max) {
      return this.fail(path, "implausible", implausibleMessage(path, analyte, value, u.ucum, canonical));
    }
    return present({ analyte, value, unit: u.ucum, canonical });
  }
}

export { isRecord };
