/**
 * The stored entities described once: their API field names, columns, kinds, allowed values and
 * how each is de-identified. The generic repository, the validator, the HTTP schemas (and so the
 * OpenAPI document) and the de-identification are all driven by these descriptions, so a field is
 * declared in exactly one place.
 */

import { AGENT_CODES, REGIMEN_CODES } from "../clinical/therapy/catalogue.js";

export type FieldKind = "string" | "date" | "instant" | "number" | "integer";

/**
 * How a field is treated for researchers (HIPAA Safe Harbor, 45 CFR 164.514(b)(2); see
 * `deidentify.ts`): `drop` — a name, identifier or free text that may contain one: removed;
 * `coded` — shown only when the value is a code of a known vocabulary (the field is free text
 * in the store, so it may hold anything); dates and instants are always shifted by the
 * patient's offset. Enumerated fields need neither.
 */
export type Phi = "drop" | "coded";

export interface FieldSpec {
  readonly column: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly phi?: Phi;
  readonly description?: string;
  /** Stored when the body leaves the field out (documented in the OpenAPI description). */
  readonly default?: string;
}

export interface ChildSpec {
  readonly table:
    | "imaging_measurements"
    | "procedure_drugs"
    | "procedure_complications"
    | "systemic_cycles"
    | "systemic_adverse_events";
  /** Column pointing at the parent row. */
  readonly parentColumn: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly maxItems: number;
}

export type EntityName =
  | "patient"
  | "observation"
  | "tumour"
  | "imaging"
  | "procedure"
  | "systemicTherapy"
  | "outcome";

export interface EntitySpec {
  readonly name: EntityName;
  readonly table:
    | "patients"
    | "observations"
    | "tumours"
    | "imaging"
    | "procedures"
    | "systemic_therapies"
    | "outcomes";
  /** URL segment of the collection, e.g. `observations`. */
  readonly path: string;
  /** Whether rows belong to a patient (`patient_id`). */
  readonly ofPatient: boolean;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly children?: Readonly<Record<string, ChildSpec>>;
  /** Column used to order a patient's records (oldest first). */
  readonly orderBy: string;
  readonly description: string;
}

const str = (column: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  column,
  kind: "string",
  maxLength: 500,
  ...extra,
});
const date = (column: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  column,
  kind: "date",
  ...extra,
});
const num = (column: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  column,
  kind: "number",
  ...extra,
});
const note = (column = "note"): FieldSpec => str(column, { maxLength: 10_000, phi: "drop" });

export const PROCEDURE_MODALITIES = [
  "ctace",
  "debtace",
  "tae",
  "haic",
  "tare-resin",
  "tare-glass",
  "thermal-ablation",
  "radiofrequency-ablation",
  "microwave-ablation",
  "cryoablation",
  "resection",
  "liver-transplant",
  "portal-vein-embolization",
  "radiotherapy",
  "other",
] as const;
export const SELECTIVITY = ["lobar", "segmental", "subsegmental", "superselective"] as const;
export const ACCESS_ROUTES = ["femoral", "radial", "brachial", "percutaneous", "surgical", "other"] as const;
export const EMBOLIC_END_POINTS = [
  "complete-stasis",
  "near-stasis",
  "substasis",
  "pruned-tree",
  "other",
] as const;
/** Why a regimen stopped, as coded data. */
export const STOP_REASONS = [
  "progression",
  "toxicity",
  "completion",
  "patient-choice",
  "conversion-to-curative",
  "death",
  "other",
] as const;
/** A cycle's dose relative to the regimen's standard dose. */
export const DOSE_CHANGES = ["standard", "reduced", "increased", "interrupted", "resumed"] as const;
export const CHANGE_REASONS = [
  "toxicity",
  "patient-choice",
  "intercurrent-illness",
  "procedure",
  "other",
] as const;
/**
 * CTCAE v5.0 terms (NCI, 2017) that the systemic regimens of HCC most often cause, plus `Other`
 * (its description is free text and never leaves for researchers).
 */
export const CTCAE_TERMS = [
  "Hypertension",
  "Proteinuria",
  "Palmar-plantar erythrodysesthesia syndrome",
  "Diarrhea",
  "Fatigue",
  "Anorexia",
  "Weight loss",
  "Hypothyroidism",
  "Hyperthyroidism",
  "Aspartate aminotransferase increased",
  "Alanine aminotransferase increased",
  "Blood bilirubin increased",
  "Platelet count decreased",
  "Neutrophil count decreased",
  "Rash maculo-papular",
  "Pruritus",
  "Colitis",
  "Pneumonitis",
  "Adrenal insufficiency",
  "Upper gastrointestinal hemorrhage",
  "Infusion related reaction",
  "Fever",
  "Abdominal pain",
  "Nausea",
  "Vomiting",
  "Peripheral sensory neuropathy",
  "Other",
] as const;
export const OUTCOME_KINDS = ["death", "progression", "resection", "transplant"] as const;
export const LESION_ROLES = ["target", "non-target", "new"] as const;
export const IMAGING_MODALITIES = ["CT", "MRI", "CEUS", "US", "PET-CT", "angiography", "other"] as const;

export const ENTITIES: Readonly<Record<EntityName, EntitySpec>> = {
  patient: {
    name: "patient",
    table: "patients",
    path: "patients",
    ofPatient: false,
    orderBy: "created_at",
    description: "A patient (names and identifiers are removed for researchers; dates are shifted).",
    fields: {
      mrn: str("mrn", { maxLength: 100, phi: "drop", description: "medical record number" }),
      familyName: str("family_name", { maxLength: 200, phi: "drop" }),
      givenName: str("given_name", { maxLength: 200, phi: "drop" }),
      birthDate: date("birth_date"),
      sex: str("sex", { enum: ["male", "female", "other", "unknown"] }),
    },
  },
  observation: {
    name: "observation",
    table: "observations",
    path: "observations",
    ofPatient: true,
    orderBy: "effective_at",
    description: "A lab value (LOINC code, UCUM unit) or a coded clinical finding.",
    fields: {
      system: str("system", {
        maxLength: 200,
        phi: "coded",
        default: "http://loinc.org",
        description: "code system URI (default http://loinc.org)",
      }),
      code: str("code", { required: true, maxLength: 100, phi: "coded" }),
      value: num("value"),
      unit: str("unit", { maxLength: 50, phi: "coded", description: "UCUM code of the value's unit" }),
      valueCode: str("value_code", { maxLength: 100, phi: "coded" }),
      effectiveAt: { column: "effective_at", kind: "instant", required: true },
      note: note(),
    },
  },
  tumour: {
    name: "tumour",
    table: "tumours",
    path: "tumours",
    ofPatient: true,
    orderBy: "created_at",
    description: "A tumour (lesion) followed over time.",
    fields: {
      label: str("label", { required: true, maxLength: 50, phi: "drop" }),
      segment: str("segment", { maxLength: 20, phi: "coded", description: "Couinaud segment, e.g. S7" }),
      diagnosedOn: date("diagnosed_on"),
      histology: str("histology", { maxLength: 200, phi: "drop" }),
      icd10: str("icd10", { maxLength: 20, phi: "coded", description: "ICD-10 code (C22.0 for HCC)" }),
      note: note(),
    },
  },
  imaging: {
    name: "imaging",
    table: "imaging",
    path: "imaging",
    ofPatient: true,
    orderBy: "study_date",
    description: "An imaging time point with its lesion measurements.",
    fields: {
      studyDate: date("study_date", { required: true }),
      modality: str("modality", { required: true, enum: IMAGING_MODALITIES }),
      phase: str("phase", { enum: ["baseline", "follow-up"] }),
      note: note(),
    },
    children: {
      measurements: {
        table: "imaging_measurements",
        parentColumn: "imaging_id",
        maxItems: 200,
        fields: {
          tumourId: str("tumour_id", { maxLength: 100 }),
          lesionLabel: str("lesion_label", { required: true, maxLength: 50, phi: "drop" }),
          role: str("role", { required: true, enum: LESION_ROLES }),
          organ: str("organ", { maxLength: 50, phi: "coded" }),
          longestDiameterMm: num("longest_diameter_mm", { min: 0, max: 500 }),
          viableDiameterMm: num("viable_diameter_mm", { min: 0, max: 500 }),
          shortAxisMm: num("short_axis_mm", { min: 0, max: 500 }),
        },
      },
    },
  },
  procedure: {
    name: "procedure",
    table: "procedures",
    path: "procedures",
    ofPatient: true,
    orderBy: "performed_on",
    description: "An interventional or surgical procedure, with drugs and complications (CIRSE grade).",
    fields: {
      modality: str("modality", { required: true, enum: PROCEDURE_MODALITIES }),
      performedOn: date("performed_on", { required: true }),
      operator: str("operator", { maxLength: 200, phi: "drop" }),
      accessRoute: str("access_route", { enum: ACCESS_ROUTES }),
      selectivity: str("selectivity", { enum: SELECTIVITY }),
      guidanceImaging: str("guidance_imaging", {
        maxLength: 100,
        phi: "drop",
        description: "e.g. DSA, CBCT, US, CT",
      }),
      embolicAgent: str("embolic_agent", { maxLength: 200, phi: "drop" }),
      embolicEndPoint: str("embolic_end_point", { enum: EMBOLIC_END_POINTS }),
      note: note(),
    },
    children: {
      drugs: {
        table: "procedure_drugs",
        parentColumn: "procedure_id",
        maxItems: 20,
        fields: {
          drug: str("drug", { required: true, maxLength: 200, phi: "drop" }),
          dose: num("dose", { min: 0, max: 1_000_000 }),
          unit: str("unit", { maxLength: 50, phi: "coded", description: "UCUM code, e.g. mg, mL, GBq" }),
        },
      },
      complications: {
        table: "procedure_complications",
        parentColumn: "procedure_id",
        maxItems: 50,
        fields: {
          description: str("description", { required: true, maxLength: 1000, phi: "drop" }),
          cirseGrade: {
            column: "cirse_grade",
            kind: "integer",
            required: true,
            min: 1,
            max: 6,
            description: "CIRSE adverse-event classification grade (Filippiadis 2017), 1..6",
          },
          onsetOn: date("onset_on"),
        },
      },
    },
  },
  systemicTherapy: {
    name: "systemicTherapy",
    table: "systemic_therapies",
    path: "systemic-therapies",
    ofPatient: true,
    orderBy: "started_on",
    description:
      "A systemic regimen (the agents given together, from the therapy catalogue), with its cycles, dose changes, interruptions, adverse events (CTCAE v5) and coded stop reason.",
    fields: {
      agent: str("agent", { required: true, maxLength: 200, phi: "drop" }),
      regimen: str("regimen", {
        enum: REGIMEN_CODES,
        description: "therapy-catalogue regimen code, e.g. lenvatinib, atezolizumab-bevacizumab, cik-cells",
      }),
      startedOn: date("started_on", { required: true }),
      stoppedOn: date("stopped_on"),
      stopReason: str("stop_reason", { maxLength: 200, phi: "drop" }),
      stopReasonCode: str("stop_reason_code", { enum: STOP_REASONS }),
      stopCtcaeGrade: {
        column: "stop_ctcae_grade",
        kind: "integer",
        min: 1,
        max: 5,
        description: "CTCAE v5 grade of the toxicity that stopped the regimen (stopReasonCode toxicity)",
      },
      note: note(),
    },
    children: {
      cycles: {
        table: "systemic_cycles",
        parentColumn: "therapy_id",
        maxItems: 500,
        fields: {
          number: { column: "number", kind: "integer", required: true, min: 1, max: 1000 },
          startedOn: date("started_on", { required: true }),
          agent: str("agent", {
            enum: AGENT_CODES,
            description: "the agent this row doses (all agents when absent)",
          }),
          dose: num("dose", { min: 0, max: 1_000_000 }),
          unit: str("unit", { maxLength: 50, phi: "coded", description: "UCUM code, e.g. mg, mg/kg" }),
          doseChange: str("dose_change", { required: true, enum: DOSE_CHANGES, default: "standard" }),
          changeReason: str("change_reason", { enum: CHANGE_REASONS }),
          ctcaeGrade: {
            column: "ctcae_grade",
            kind: "integer",
            min: 1,
            max: 5,
            description: "CTCAE v5 grade of the toxicity behind a reduction or interruption",
          },
        },
      },
      adverseEvents: {
        table: "systemic_adverse_events",
        parentColumn: "therapy_id",
        maxItems: 200,
        fields: {
          ctcaeTerm: str("ctcae_term", { required: true, enum: CTCAE_TERMS }),
          grade: {
            column: "grade",
            kind: "integer",
            required: true,
            min: 1,
            max: 5,
            description: "CTCAE v5 grade 1..5",
          },
          onsetOn: date("onset_on", { required: true }),
          resolvedOn: date("resolved_on"),
          attributedTo: str("attributed_to", {
            enum: AGENT_CODES,
            description: "the agent held responsible",
          }),
          description: str("description", { maxLength: 1000, phi: "drop" }),
        },
      },
    },
  },
  outcome: {
    name: "outcome",
    table: "outcomes",
    path: "outcomes",
    ofPatient: true,
    orderBy: "occurred_on",
    description: "An outcome event: death, progression, resection or transplant.",
    fields: {
      kind: str("kind", { required: true, enum: OUTCOME_KINDS }),
      occurredOn: date("occurred_on", { required: true }),
      detail: note("detail"),
    },
  },
};

export const PATIENT_CHILD_ENTITIES: readonly EntitySpec[] = Object.values(ENTITIES).filter(
  (e) => e.ofPatient,
);
