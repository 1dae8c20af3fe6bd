import { ANALYTES, type Analyte, type AnalyteDef } from "./analytes.js";

/**
 * A validated measurement: the value as entered, its UCUM unit, and the value in the
 * analyte's canonical unit. Immutable.
 */
export interface Quantity {
  readonly analyte: Analyte;
  readonly value: number;
  /** UCUM code of the unit as entered. */
  readonly unit: string;
  /** Value in the canonical unit of the analyte, rounded to 6 decimals. */
  readonly canonical: number;
}

/**
 * Round to 6 decimals after every conversion (scores.md §0.1 [DECISION]): without it
 * 34.2/17.1 is 2.0000000000000004 and a patient in SI units could score differently.
 */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function def(analyte: Analyte): AnalyteDef {
  return ANALYTES[analyte];
}

/** Looks up an accepted unit spelling; `undefined` when not accepted for this analyte. */
export function unitFor(analyte: Analyte, unit: string) {
  const units: AnalyteDef["units"] = ANALYTES[analyte].units;
  return Object.hasOwn(units, unit) ? units[unit] : undefined;
}

/** The accepted spellings, for messages. */
export function acceptedUnits(analyte: Analyte): string[] {
  return Object.keys(ANALYTES[analyte].units);
}

/**
 * The value expressed in another accepted unit of the same analyte, e.g. bilirubin in umol/L
 * for ALBI. Converted through the canonical value, then rounded to 6 decimals.
 */
export function inUnit(q: Quantity, unit: string): number {
  const to = unitFor(q.analyte, unit);
  if (!to) throw new Error(`unit ${unit} is not defined for ${q.analyte}`);
  return round6(q.canonical / to.factor);
}

/** Formats a quantity for reasons: "34.2 umol/L (2 mg/dL)". */
export function formatQuantity(q: Quantity): string {
  const d = ANALYTES[q.analyte];
  if (d.canonical === "1") return `${q.value}`;
  return q.unit === d.canonical || q.value === q.canonical
    ? `${q.value} ${q.unit}`
    : `${q.value} ${q.unit} (${q.canonical} ${d.canonical})`;
}

/**
 * The assumption a result must state when its quantity was converted by an assumed convention
 * (e.g. AFP from IU/mL with the kit-dependent 1.21, scores.md §0.1); none otherwise.
 */
export function conversionAssumptions(q: Quantity): string[] {
  const u = unitFor(q.analyte, q.unit);
  if (!u || !("assumed" in u) || !u.assumed) return [];
  const d = ANALYTES[q.analyte];
  return [`${d.label} converted from ${q.unit} to ${d.canonical}: ${u.convention ?? `× ${u.factor}`}`];
}
