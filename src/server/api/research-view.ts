/**
 * The researchers' view (see `store/deidentify.ts` for the threat model): pseudonymous patient
 * ids, the vocabularies a `coded` field must be in to be shown, and the sources a researcher's
 * case is derived from (coded observations only, lesion labels replaced, ages over 89 as 90), so
 * that nothing a clinician typed freely reaches a researcher through a derivation either.
 */
import type { FastifyRequest } from "fastify";
import {
  ASCITES,
  ENCEPHALOPATHY,
  ETIOLOGIES,
  HEPATIC_VEIN_GRADES,
  PORTAL_VEIN_GRADES,
} from "../../clinical/case/types.js";
import { ANALYTES } from "../../clinical/units/analytes.js";
import { ANALYTE_OF_LOINC, ECOG_LOINC, FINDING_SYSTEM, FINDINGS, LOINC } from "../../fhir/codes.js";
import { TUMOR_SIZE_LOINC } from "../../fhir/import.js";
import type { CaseSources, ObservationInput } from "../../registry/clinical-state.js";
import {
  cappedBirthDate,
  patientOfPseudonym,
  pseudonymKey,
  pseudonymOf,
  type ResearchView,
} from "../../store/deidentify.js";
import { deidentified, type ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";

/** Values of the coded findings (the case format's own vocabularies); booleans are true/false. */
const FINDING_VALUES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["ascites", ASCITES],
  ["encephalopathy", ENCEPHALOPATHY],
  ["etiology", ETIOLOGIES],
  ["portal-vein-invasion", PORTAL_VEIN_GRADES],
  ["hepatic-vein-invasion", HEPATIC_VEIN_GRADES],
]);
const BOOLEAN_VALUES: readonly string[] = ["true", "false"];

/** Couinaud segments (S1..S8, S4a/S4b). */
const SEGMENT = /^S(?:[1-8]|4[ab])$/;
/** An ICD-10 code such as C22.0. */
const ICD10_CODE = /^[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,4})?$/;
const ORGANS: ReadonlySet<string> = new Set([
  "liver",
  "lung",
  "lymph-node",
  "bone",
  "adrenal",
  "peritoneum",
  "brain",
  "other",
]);
/** UCUM units of procedure drugs and activities. */
const DRUG_UNITS: ReadonlySet<string> = new Set(["mg", "g", "ug", "mL", "L", "GBq", "MBq", "mCi", "mg/m2"]);

function knownLoinc(code: string): boolean {
  return ANALYTE_OF_LOINC.has(code) || code === ECOG_LOINC || code === TUMOR_SIZE_LOINC;
}

function knownUnit(code: string, unit: string): boolean {
  const analyte = ANALYTE_OF_LOINC.get(code);
  if (!analyte) return false;
  const units = ANALYTES[analyte].units;
  return Object.hasOwn(units, unit) || Object.values(units).some((u) => u.ucum === unit);
}

/** Whether a value of a `coded` field is in its vocabulary (anything else is withheld). */
export function isResearchCode(
  path: string,
  value: string,
  record: Readonly<Record<string, unknown>>,
): boolean {
  const system = record.system;
  const code = typeof record.code === "string" ? record.code : "";
  switch (path) {
    case "observation.system":
      return value === LOINC || value === FINDING_SYSTEM;
    case "observation.code":
      return system === LOINC
        ? knownLoinc(value)
        : system === FINDING_SYSTEM && FINDINGS[value] !== undefined;
    case "observation.unit":
      return system === LOINC && knownUnit(code, value);
    case "observation.valueCode": {
      const def = system === FINDING_SYSTEM ? FINDINGS[code] : undefined;
      if (!def) return false;
      return (def.kind === "boolean" ? BOOLEAN_VALUES : (FINDING_VALUES.get(code) ?? [])).includes(value);
    }
    case "tumour.segment":
      return SEGMENT.test(value);
    case "tumour.icd10":
      return ICD10_CODE.test(value);
    case "imaging.measurements.organ":
      return ORGANS.has(value);
    case "procedure.drugs.unit":
      return DRUG_UNITS.has(value);
    default:
      return false;
  }
}

/** The research view of this store (its pseudonym key is read once). */
export async function researchView(deps: ServerDeps): Promise<ResearchView> {
  const key = await pseudonymKey(deps.store.db);
  return { pseudonym: (id) => pseudonymOf(key, id), isCode: isResearchCode };
}

/**
 * The stored patient id a route's `:id` names: researchers name patients by pseudonym only (a
 * clinical id is "not found" for them, as is an unknown pseudonym).
 */
export async function patientParam(deps: ServerDeps, request: FastifyRequest, id: string): Promise<string> {
  if (!deidentified(request)) return id;
  const real = await patientOfPseudonym(deps.store.db, id);
  if (real === undefined) throw new ApiError("not-found", `no patient ${id}`);
  return real;
}

function codedObservation(o: ObservationInput): ObservationInput | undefined {
  const rec = { system: o.system, code: o.code };
  if (
    !isResearchCode("observation.system", o.system, rec) ||
    !isResearchCode("observation.code", o.code, rec)
  ) {
    return undefined;
  }
  if (o.valueCode !== null && !isResearchCode("observation.valueCode", o.valueCode, rec)) return undefined;
  const unit = o.unit !== null && isResearchCode("observation.unit", o.unit, rec) ? o.unit : null;
  return { ...o, unit };
}

/**
 * The sources of a researcher's case: only coded observations (a free-text code, value or unit
 * never enters the case, its reasons or its error messages), lesions labelled L1, L2, ... in
 * their order, non-vocabulary organs as "other", the pseudonym as the case id and the birth date
 * capped at 90 years at `asOf`.
 */
export function researchSources(view: ResearchView): (s: CaseSources, asOf: string) => CaseSources {
  return (s, asOf) => ({
    patientId: view.pseudonym(s.patientId),
    sex: s.sex,
    birthDate: cappedBirthDate(s.birthDate, asOf),
    observations: s.observations.flatMap((o) => codedObservation(o) ?? []),
    imaging: s.imaging.map((i) => ({
      ...i,
      lesions: i.lesions.map((l, k) => ({
        ...l,
        label: `L${k + 1}`,
        organ: l.organ === null || ORGANS.has(l.organ) ? l.organ : "other",
      })),
    })),
  });
}
