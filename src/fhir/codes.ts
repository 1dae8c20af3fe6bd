/**
 * Terminology shared by the FHIR mapping, the store's observations and case derivation: the LOINC
 * code of every quantity the case format reads, and Hepatica's own code systems for clinical
 * findings and for the BCLC / CNLC stages (no standard code system carries CNLC stages, and the
 * SNOMED CT BCLC concepts are not freely redistributable; the URIs below are Hepatica's own and
 * documented in the API reference).
 */

import { ECOG, LAB_CODES } from "../clinical/terminology/index.js";
import type { Analyte } from "../clinical/units/analytes.js";

export { ICD10, LOINC, UCUM } from "../clinical/terminology/index.js";
export const HEPATICA_BASE = "https://hepatica.dev/fhir";
/** Clinical findings without a LOINC answer list used here (ascites grade, Vp grade, ...). */
export const FINDING_SYSTEM = `${HEPATICA_BASE}/CodeSystem/finding`;
/** BCLC stages 0, A, B, C, D (Reig et al., J Hepatol 2022). */
export const BCLC_SYSTEM = `${HEPATICA_BASE}/CodeSystem/bclc-stage`;
/** CNLC stages Ia..IV (China National Liver Cancer staging, 2024 edition). */
export const CNLC_SYSTEM = `${HEPATICA_BASE}/CodeSystem/cnlc-stage`;
/** Code of the staging-system observations (the stage type), in Hepatica's code system. */
export const STAGE_TYPE_SYSTEM = `${HEPATICA_BASE}/CodeSystem/staging-system`;
/** Identifier system of Hepatica's tumour ids (mCODE Tumor BodyStructure.identifier). */
export const TUMOUR_ID_SYSTEM = `${HEPATICA_BASE}/NamingSystem/tumour`;
/** ECOG performance status (LOINC 89247-1). */
export const ECOG_LOINC = ECOG.code;

/**
 * The LOINC code Hepatica writes for each quantity: the first (conventional, mass) code of the
 * terminology table (src/clinical/terminology/labs.ts).
 */
export const LOINC_OF: Readonly<Partial<Record<Analyte, string>>> = Object.fromEntries(
  [...LAB_CODES].reverse().map((l) => [l.analyte, l.code]),
);
export const HEIGHT_LOINC = LOINC_OF.height as string;
export const WEIGHT_LOINC = LOINC_OF.weight as string;

/** Every LOINC code Hepatica reads (mass and SI) → its analyte. */
export const ANALYTE_OF_LOINC: ReadonlyMap<string, Analyte> = new Map(
  LAB_CODES.map((l) => [l.code, l.analyte]),
);

/** How a finding code of {@link FINDING_SYSTEM} becomes a case field. */
export interface FindingDef {
  /** Dotted case path. */
  readonly path: string;
  /** boolean: value "true"/"false"; code: the value as written; list: each observation adds one. */
  readonly kind: "boolean" | "code" | "list";
  readonly display: string;
}

/**
 * Keyed by the finding code, which arrives as user data (REST, FHIR import): a null-prototype
 * object, so that a code such as `constructor` or `__proto__` is simply unknown.
 */
export const FINDINGS: Readonly<Record<string, FindingDef>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, FindingDef>, {
    cirrhosis: { path: "cirrhosis", kind: "boolean", display: "Cirrhosis" },
    etiology: { path: "etiology", kind: "list", display: "Aetiology of liver disease" },
    ascites: { path: "ascites", kind: "code", display: "Ascites grade" },
    encephalopathy: { path: "encephalopathy", kind: "code", display: "Hepatic encephalopathy (West Haven)" },
    dialysis: { path: "dialysis", kind: "boolean", display: "Dialysis in the past week" },
    "macrovascular-invasion": {
      path: "vascularInvasion.present",
      kind: "boolean",
      display: "Macrovascular invasion",
    },
    "portal-vein-invasion": {
      path: "vascularInvasion.portalVein",
      kind: "code",
      display: "Portal vein invasion (Vp)",
    },
    "hepatic-vein-invasion": {
      path: "vascularInvasion.hepaticVein",
      kind: "code",
      display: "Hepatic vein invasion (Vv)",
    },
    "extrahepatic-spread": { path: "extrahepaticSpread", kind: "boolean", display: "Extrahepatic spread" },
    "nodal-metastasis": { path: "nodalMetastasis", kind: "boolean", display: "Nodal metastasis" },
    "distant-metastasis": { path: "distantMetastasis", kind: "boolean", display: "Distant metastasis" },
    infiltrative: { path: "infiltrative", kind: "boolean", display: "Infiltrative HCC" },
    "portal-hypertension": {
      path: "clinicallySignificantPortalHypertension",
      kind: "boolean",
      display: "Clinically significant portal hypertension",
    },
    "transplant-candidate": { path: "transplantCandidate", kind: "boolean", display: "Transplant candidate" },
    // Clinician judgements the BCLC 2022 rules ask for (staging-treatment.md §1.2–1.3, §7.4).
    "liver-function-preserved": {
      path: "liverFunctionPreserved",
      kind: "boolean",
      display: "Liver function preserved (BCLC, clinician judgement)",
    },
    "ecog-cancer-related": {
      path: "ecogCancerRelated",
      kind: "boolean",
      display: "Performance status impairment is cancer-related",
    },
    "tace-well-defined-nodules": {
      path: "tace.wellDefinedNodules",
      kind: "boolean",
      display: "Well-defined nodules (BCLC B)",
    },
    "tace-portal-flow-preserved": {
      path: "tace.portalFlowPreserved",
      kind: "boolean",
      display: "Portal flow preserved (BCLC B)",
    },
    "tace-selective-access": {
      path: "tace.selectiveAccessFeasible",
      kind: "boolean",
      display: "Selective access to feeding arteries feasible (BCLC B)",
    },
    "tace-extensive-bilobar": {
      path: "tace.extensiveBilobar",
      kind: "boolean",
      display: "Extensive bilobar involvement (BCLC B)",
    },
  }),
);
