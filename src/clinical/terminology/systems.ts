/**
 * Canonical URIs of the code systems and profiles the terminology table reads, as FHIR R4 names
 * them (https://hl7.org/fhir/R4/terminologies-systems.html) and mCODE STU4 publishes them
 * (https://hl7.org/fhir/us/mcode/STU4/).
 */
export const LOINC = "http://loinc.org";
export const SNOMED = "http://snomed.info/sct";
export const UCUM = "http://unitsofmeasure.org";
/** WHO ICD-10. */
export const ICD10 = "http://hl7.org/fhir/sid/icd-10";
/** ICD-10-CM (US clinical modification). */
export const ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

const MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition";
/** mCODE profiles Hepatica reads (STU4, 2025-02-16). */
export const MCODE_PROFILE = {
  tumorSize: `${MCODE}/mcode-tumor-size`,
  primaryCancerCondition: `${MCODE}/mcode-primary-cancer-condition`,
  secondaryCancerCondition: `${MCODE}/mcode-secondary-cancer-condition`,
  cancerStage: `${MCODE}/mcode-cancer-stage`,
  ecogPerformanceStatus: `${MCODE}/mcode-ecog-performance-status`,
} as const;
