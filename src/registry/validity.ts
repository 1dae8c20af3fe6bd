/**
 * How long a recorded value stands for the patient's present state: the validity policy of the
 * clinical state at a date (./clinical-state.ts). Each case input belongs to one kind, and each
 * kind has a validity in days (null: a standing fact, valid until a newer record changes it).
 * A value older than its validity is never used: it is reported as stale, with its date and age.
 *
 * Defaults (Hepatica's policy; no guideline fixes these intervals, so they are a site's choice
 * and overridable per site/config):
 * - labs and vital signs: 30 days — the EASL 2025 and BCLC 2022 treatment decisions rest on
 *   current liver function; a month is the usual pre-procedure work-up window;
 * - clinical findings (ECOG, ascites, encephalopathy, clinician judgements on liver function and
 *   performance status): 90 days — the usual follow-up visit interval under treatment;
 * - imaging-derived burden, vascular invasion, spread and morphology: 90 days from the imaging —
 *   the 2–3-monthly response-assessment interval of EASL 2025 / AASLD 2023 follow-up;
 * - standing facts (aetiology, cirrhosis, clinically significant portal hypertension,
 *   transplant candidacy, adult height): until changed.
 */

export type ValidityKind = "lab" | "clinical" | "imaging" | "standing";

/** Days a value of each kind stands; null = until changed. */
export type ValidityPolicy = Readonly<Record<ValidityKind, number | null>>;

export const DEFAULT_VALIDITY: ValidityPolicy = Object.freeze({
  lab: 30,
  clinical: 90,
  imaging: 90,
  standing: null,
});

const CLINICAL = new Set([
  "ecog",
  "ascites",
  "encephalopathy",
  "liverFunctionPreserved",
  "ecogCancerRelated",
]);
const STANDING = new Set([
  "height",
  "etiology",
  "cirrhosis",
  "clinicallySignificantPortalHypertension",
  "transplantCandidate",
]);
const IMAGING_PREFIXES = ["tumors", "vascularInvasion.", "tace."];
const IMAGING = new Set(["extrahepaticSpread", "nodalMetastasis", "distantMetastasis", "infiltrative"]);

/** The kind of a case path (labs.*, height, weight, dialysis: lab). */
export function kindOf(path: string): ValidityKind {
  if (CLINICAL.has(path)) return "clinical";
  if (STANDING.has(path)) return "standing";
  if (IMAGING.has(path) || IMAGING_PREFIXES.some((p) => path.startsWith(p))) return "imaging";
  return "lab";
}

/**
 * A policy from overrides (a site's configuration): known kinds only, whole days 0..3650 or
 * null. Throws naming the kind on anything else, so a typo in a configuration never widens a
 * window silently.
 */
export function validityPolicy(overrides: Readonly<Record<string, unknown>> = {}): ValidityPolicy {
  const out: Record<ValidityKind, number | null> = { ...DEFAULT_VALIDITY };
  for (const [k, v] of Object.entries(overrides)) {
    if (!Object.hasOwn(DEFAULT_VALIDITY, k)) throw new Error(`validity: unknown kind ${k}`);
    if (v !== null && !(typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 3650)) {
      throw new Error(`validity.${k}: whole days 0..3650 or null`);
    }
    out[k as ValidityKind] = v as number | null;
  }
  return Object.freeze(out);
}

/** Every kind capped at one window (the API's `windowDays`): the older uniform behaviour. */
export function uniformPolicy(days: number): ValidityPolicy {
  return Object.freeze({ lab: days, clinical: days, imaging: days, standing: days });
}
