/**
 * The stored schema, as Kysely table types. One shape for both dialects: ids are text (UUIDs made
 * by the application), dates and instants are ISO-8601 text (they sort as text), numbers are
 * double precision, booleans are 0/1 integers and structured payloads are JSON text. These choices
 * keep one code path over SQLite and PostgreSQL with no dialect-specific conversions.
 */
import type { ColumnType, Generated } from "kysely";

/** Columns every versioned record carries (optimistic concurrency: `version` is the ETag). */
export interface Versioned {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PatientTable extends Versioned {
  /** Medical record number (identifier; removed for researchers). */
  mrn: string | null;
  family_name: string | null;
  given_name: string | null;
  /** YYYY-MM-DD. */
  birth_date: string | null;
  sex: string | null;
  /** Per-patient date shift in days applied to every date shown to researchers (never shown). */
  date_shift_days: number;
}

export interface ObservationTable extends Versioned {
  patient_id: string;
  /** Code system URI: http://loinc.org for labs, Hepatica's finding code system otherwise. */
  system: string;
  code: string;
  /** Numeric value (labs, ECOG). */
  value: number | null;
  /** UCUM code of `value`'s unit. */
  unit: string | null;
  /** Coded value (findings such as ascites), as text. */
  value_code: string | null;
  /** Instant or date, ISO-8601. */
  effective_at: string;
  note: string | null;
}

export interface TumourTable extends Versioned {
  patient_id: string;
  label: string;
  segment: string | null;
  diagnosed_on: string | null;
  histology: string | null;
  /** ICD-10 code of the condition (C22.0 for HCC). */
  icd10: string | null;
  note: string | null;
}

export interface ImagingTable extends Versioned {
  patient_id: string;
  study_date: string;
  /** CT, MRI, CEUS, PET-CT, ... */
  modality: string;
  /** baseline / follow-up. */
  phase: string | null;
  note: string | null;
}

export interface ImagingMeasurementTable {
  id: string;
  imaging_id: string;
  position: number;
  tumour_id: string | null;
  lesion_label: string;
  role: string;
  organ: string | null;
  longest_diameter_mm: number | null;
  viable_diameter_mm: number | null;
  short_axis_mm: number | null;
}

export interface ProcedureTable extends Versioned {
  patient_id: string;
  /** ctace, debtace, tae, haic, tare-resin, tare-glass, thermal-ablation, cryoablation, resection, ... */
  modality: string;
  performed_on: string;
  operator: string | null;
  access_route: string | null;
  selectivity: string | null;
  guidance_imaging: string | null;
  embolic_agent: string | null;
  embolic_end_point: string | null;
  note: string | null;
}

export interface ProcedureDrugTable {
  id: string;
  procedure_id: string;
  position: number;
  drug: string;
  dose: number | null;
  unit: string | null;
}

export interface ProcedureComplicationTable {
  id: string;
  procedure_id: string;
  position: number;
  description: string;
  /** CIRSE adverse-event classification grade 1..6. */
  cirse_grade: number;
  onset_on: string | null;
}

export interface SystemicTherapyTable extends Versioned {
  patient_id: string;
  agent: string;
  /** Therapy-catalogue regimen code (src/clinical/therapy/catalogue.ts). */
  regimen: string | null;
  stop_reason_code: string | null;
  stop_ctcae_grade: number | null;
  started_on: string;
  stopped_on: string | null;
  stop_reason: string | null;
  note: string | null;
}

export interface SystemicCycleTable {
  id: string;
  therapy_id: string;
  position: number;
  number: number;
  started_on: string;
  agent: string | null;
  dose: number | null;
  unit: string | null;
  /** standard / reduced / increased / interrupted / resumed. */
  dose_change: string;
  change_reason: string | null;
  ctcae_grade: number | null;
}

export interface SystemicAdverseEventTable {
  id: string;
  therapy_id: string;
  position: number;
  ctcae_term: string;
  /** CTCAE v5 grade 1..5. */
  grade: number;
  onset_on: string;
  resolved_on: string | null;
  attributed_to: string | null;
  description: string | null;
}

export interface OutcomeTable extends Versioned {
  patient_id: string;
  /** death / progression / resection / transplant. */
  kind: string;
  occurred_on: string;
  detail: string | null;
}

export interface AssessmentTable {
  id: string;
  patient_id: string;
  rules_version: string;
  as_of: string;
  /** JSON text of the case that was assessed. */
  case_json: string;
  /** JSON text of the assessment. */
  result_json: string;
  created_at: string;
  created_by: string | null;
}

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the bearer token (the token itself is never stored). */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  /** read / create / update / delete / login / login-failed / export / import / assess. */
  action: string;
  entity: string;
  entity_id: string | null;
  patient_id: string | null;
  /** Client address. */
  source_ip: string | null;
  user_agent: string | null;
  /** success / failure. */
  outcome: string;
  detail: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Installation secrets for de-identification (migration 0002-deidentify); never returned. */
export interface DeidSecretTable {
  name: string;
  value: string;
}

/** Sign-in attempts per key in the current window (migration 0002-security). */
export interface AuthThrottleTable {
  key: string;
  /** ISO instant the window began. */
  window_start: string;
  attempts: number;
  /** 1 once the window's first refusal was audited. */
  audited: number;
}

/** Every patient an audit row names (bulk exports, cohorts, lists), one row each. */
export interface AuditPatientTable {
  seq: number;
  patient_id: string;
}

export interface Database {
  patients: PatientTable;
  observations: ObservationTable;
  tumours: TumourTable;
  imaging: ImagingTable;
  imaging_measurements: ImagingMeasurementTable;
  procedures: ProcedureTable;
  procedure_drugs: ProcedureDrugTable;
  procedure_complications: ProcedureComplicationTable;
  systemic_therapies: SystemicTherapyTable;
  systemic_cycles: SystemicCycleTable;
  systemic_adverse_events: SystemicAdverseEventTable;
  outcomes: OutcomeTable;
  assessments: AssessmentTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  deid_secrets: DeidSecretTable;
  auth_throttle: AuthThrottleTable;
  audit_patients: AuditPatientTable;
}
