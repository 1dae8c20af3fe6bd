/**
 * The result vocabulary shared by every clinical rule.
 *
 * Every rule returns a discriminated union on `status`:
 * - `ok` with its values, the rule that decided it (`reason`) and its source (`citation`);
 * - `indeterminate` with `missing`, the input paths that would decide it (nothing unknown is
 *   ever assumed normal: case-format.md, "Rules for every input");
 * - `invalid` with `errors`, when it depends on an invalid input field.
 */

import { en } from "./messages/catalogue.js";

/** Stable codes of field-level input errors. The human text travels in `message`. */
export type ErrorCode =
  | "not-an-object"
  | "wrong-type"
  | "not-a-number"
  | "not-an-integer"
  | "missing-unit"
  | "unsupported-unit"
  | "not-allowed"
  | "out-of-range"
  | "implausible"
  | "must-be-positive"
  | "empty-list"
  | "inconsistent"
  | "not-applicable"
  | "json-parse";

export interface FieldError {
  /** Dotted input path, e.g. `labs.albumin` or `tumors.1.diameterCm`. */
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** What every result carries so that a clinician can see why. */
export interface Explanation {
  /** Stable id of the rule that produced the result, e.g. `childPugh`. */
  readonly rule: string;
  /** One or two sentences: inputs, threshold, conclusion. */
  readonly reason: string;
  /** The source(s) of the rule, formatted from the evidence registry. */
  readonly citation: string;
  /** Documented defaults that were applied, always visible (scores.md §0.3). */
  readonly assumptions?: readonly string[];
}

export type Ok<T extends object> = { readonly status: "ok" } & Explanation & T;

export interface Indeterminate extends Explanation {
  readonly status: "indeterminate";
  readonly missing: readonly string[];
  /** Inputs also needed once those in `missing` are known (e.g. one of two alternatives). */
  readonly alsoMissing?: readonly string[];
}

export interface Invalid extends Explanation {
  readonly status: "invalid";
  readonly errors: readonly FieldError[];
}

export type RuleResult<T extends object> = Ok<T> | Indeterminate | Invalid;

/**
 * A parsed input field: present with a validated value, absent (unknown), or invalid.
 * Produced by the case parser; consumed by rules through {@link gather}.
 */
export type Field<T> =
  | { readonly state: "present"; readonly value: T }
  | { readonly state: "absent" }
  | { readonly state: "invalid"; readonly errors: readonly FieldError[] };

export const ABSENT: Field<never> = Object.freeze({ state: "absent" });

export function present<T>(value: T): Field<T> {
  return { state: "present", value };
}

export function invalidField<T>(errors: readonly FieldError[]): Field<T> {
  return { state: "invalid", errors };
}

/** The value of a field if present, else `undefined`. */
export function known<T>(field: Field<T>): T | undefined {
  return field.state === "present" ? field.value : undefined;
}

/** A named input a rule needs: the path reported when it is missing, and the field. */
export interface Need<T> {
  readonly path: string;
  readonly field: Field<T>;
}

export function need<T>(path: string, field: Field<T>): Need<T> {
  return { path, field };
}

type Values<N extends Record<string, Need<unknown>>> = {
  readonly [K in keyof N]: N[K] extends Need<infer T> ? T : never;
};

export type Gathered<N extends Record<string, Need<unknown>>> =
  | { readonly ok: true; readonly values: Values<N> }
  | { readonly ok: false; readonly status: "invalid"; readonly errors: readonly FieldError[] }
  | { readonly ok: false; readonly status: "indeterminate"; readonly missing: readonly string[] };

/**
 * Collects the inputs a rule needs. Any invalid input makes the result invalid (an invalid
 * value is never scored); otherwise every absent input is listed in `missing`.
 */
export function gather<N extends Record<string, Need<unknown>>>(needs: N): Gathered<N> {
  const errors: FieldError[] = [];
  const missing: string[] = [];
  const values: Record<string, unknown> = {};
  for (const key in needs) {
    const { path, field } = needs[key] as Need<unknown>;
    if (field.state === "invalid") errors.push(...field.errors);
    else if (field.state === "absent") missing.push(path);
    else values[key] = field.value;
  }
  if (errors.length > 0) return { ok: false, status: "invalid", errors };
  if (missing.length > 0) return { ok: false, status: "indeterminate", missing };
  return { ok: true, values: values as Values<N> };
}

export function indeterminate(
  rule: string,
  citation: string,
  missing: readonly string[],
  extra?: string,
): Indeterminate {
  const tail = extra ? ` ${extra}` : "";
  return {
    status: "indeterminate",
    rule,
    missing,
    reason: `${en("result.missing", { missing })}${tail}`,
    citation,
  };
}

export function invalid(rule: string, citation: string, errors: readonly FieldError[]): Invalid {
  const paths = [...new Set(errors.map((e) => e.path))];
  return {
    status: "invalid",
    rule,
    errors,
    reason: en("result.invalid", { paths }),
    citation,
  };
}

/** Turns a failed {@link gather} into the rule's indeterminate or invalid result. */
export function notComputed(
  rule: string,
  citation: string,
  failed: Exclude<Gathered<Record<string, Need<unknown>>>, { ok: true }>,
): Indeterminate | Invalid {
  return failed.status === "invalid"
    ? invalid(rule, citation, failed.errors)
    : indeterminate(rule, citation, failed.missing);
}

/** Round half up to an integer (scores.md §0.2; JavaScript Math.round for positives). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/** Display rounding: 4 decimals, as the reference reports continuous scores. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
