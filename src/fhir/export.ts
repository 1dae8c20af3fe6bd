/**
 * Hepatica → FHIR R4: a patient's stored data as a `collection` Bundle, with mCODE-style
 * resources: tumours as mCODE Tumor (BodyStructure) and, with an ICD-10 code, as
 * PrimaryCancerCondition; imaging measurements as TumorSize observations; progression as
 * CancerDiseaseStatus; and the BCLC and CNLC stages as CancerStage-style observations whose stage
 * codes are in Hepatica's own code systems ({@link BCLC_SYSTEM}, {@link CNLC_SYSTEM}). Pure.
 */
import type {
  BodyStructure,
  Bundle,
  BundleEntry,
  Condition,
  MedicationAdministration,
  Observation,
  Patient,
  Procedure,
  Resource,
} from "@medplum/fhirtypes";
import { loincFor } from "../clinical/terminology/index.js";
import {
  ANALYTE_OF_LOINC,
  BCLC_SYSTEM,
  CNLC_SYSTEM,
  ECOG_LOINC,
  FINDING_SYSTEM,
  ICD10,
  LOINC,
  STAGE_TYPE_SYSTEM,
  TUMOUR_ID_SYSTEM,
  UCUM,
} from "./codes.js";
import { PROCEDURE_SYSTEM, TUMOR_MAX_DIMENSION_LOINC, TUMOR_SIZE_LOINC } from "./import.js";

const MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition";

/** A stored record as the API shows it (camelCase fields). */
export type Rec = { readonly id: string } & Readonly<Record<string, unknown>>;

export interface PatientData {
  readonly patient: Rec;
  readonly observations: readonly Rec[];
  readonly tumours: readonly Rec[];
  readonly imaging: readonly Rec[];
  readonly procedures: readonly Rec[];
  readonly systemicTherapies: readonly Rec[];
  readonly outcomes: readonly Rec[];
  /** Stages from the current assessment, when determined. */
  readonly stages?: { readonly asOf: string; readonly bclc?: string | null; readonly cnlc?: string | null };
}

const s = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
const n = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function entry(resource: Resource & { id: string }): BundleEntry {
  return { fullUrl: `urn:uuid:${resource.id}`, resource };
}

function patientResource(p: Rec, deceased: string | undefined): Patient & { id: string } {
  const family = s(p.familyName);
  const given = s(p.givenName);
  const gender = s(p.sex);
  return {
    resourceType: "Patient",
    id: p.id,
    ...(s(p.mrn)
      ? {
          identifier: [
            {
              type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
              value: s(p.mrn),
            },
          ],
        }
      : {}),
    ...(family || given
      ? { name: [{ ...(family ? { family } : {}), ...(given ? { given: given.split(" ") } : {}) }] }
      : {}),
    ...(s(p.birthDate) ? { birthDate: s(p.birthDate) } : {}),
    ...(gender === "male" || gender === "female" || gender === "other" || gender === "unknown"
      ? { gender }
      : {}),
    ...(deceased ? { deceasedDateTime: deceased } : {}),
  };
}

function observationResource(o: Rec, subject: string): Observation & { id: string } {
  const system = s(o.system) ?? LOINC;
  const stored = s(o.code) ?? "unknown";
  // One stored code per analyte; the exported code is the one whose property matches the unit.
  const analyte = system === LOINC ? ANALYTE_OF_LOINC.get(stored) : undefined;
  const code = (analyte && loincFor(analyte, s(o.unit))) ?? stored;
  const base: Observation & { id: string } = {
    resourceType: "Observation",
    id: o.id,
    status: "final",
    code: { coding: [{ system, code }] },
    subject: { reference: subject },
    effectiveDateTime: s(o.effectiveAt),
  };
  if (system === LOINC && code === ECOG_LOINC && n(o.value) !== undefined)
    return { ...base, valueInteger: n(o.value) };
  if (n(o.value) !== undefined) {
    const unit = s(o.unit);
    return {
      ...base,
      valueQuantity: { value: n(o.value), ...(unit ? { unit, system: UCUM, code: unit } : {}) },
    };
  }
  if (s(o.valueCode)) {
    return {
      ...base,
      valueCodeableConcept: {
        coding: [{ system: `${FINDING_SYSTEM}-value`, code: s(o.valueCode) }],
        text: s(o.valueCode),
      },
    };
  }
  return base;
}

function tumourResources(t: Rec, subject: string): (Resource & { id: string })[] {
  const out: (Resource & { id: string })[] = [];
  const body: BodyStructure & { id: string } = {
    resourceType: "BodyStructure",
    id: t.id,
    meta: { profile: [`${MCODE}/mcode-tumor`] },
    // mCODE Tumor: at least one identifier of the BodyStructureIdentifier profile (type
    // resource-types#BodyStructure); the value is Hepatica's tumour id, the label goes in description.
    identifier: [
      {
        use: "usual",
        type: { coding: [{ system: "http://hl7.org/fhir/resource-types", code: "BodyStructure" }] },
        system: TUMOUR_ID_SYSTEM,
        value: t.id,
      },
    ],
    ...(s(t.label) ? { description: s(t.label) } : {}),
    location: {
      coding: [{ system: "http://snomed.info/sct", code: "10200004", display: "Liver structure" }],
    },
    ...(s(t.segment) ? { locationQualifier: [{ text: s(t.segment) }] } : {}),
    patient: { reference: subject },
  };
  out.push(body);
  if (s(t.icd10)) {
    const condition: Condition & { id: string } = {
      resourceType: "Condition",
      id: `${t.id}-condition`,
      meta: { profile: [`${MCODE}/mcode-primary-cancer-condition`] },
      category: [{ coding: [{ system: "http://snomed.info/sct", code: "64572001", display: "Disease" }] }],
      code: {
        coding: [{ system: ICD10, code: s(t.icd10) }],
        ...(s(t.histology) ? { text: s(t.histology) } : {}),
      },
      subject: { reference: subject },
      ...(s(t.diagnosedOn) ? { onsetDateTime: s(t.diagnosedOn) } : {}),
    };
    out.push(condition);
  }
  return out;
}

function tumourSizeResources(img: Rec, subject: string): (Observation & { id: string })[] {
  const items = Array.isArray(img.measurements) ? (img.measurements as Rec[]) : [];
  return items
    .filter((m) => n(m.longestDiameterMm) !== undefined)
    .map((m) => ({
      resourceType: "Observation",
      id: m.id,
      meta: { profile: [`${MCODE}/mcode-tumor-size`] },
      status: "final",
      code: { coding: [{ system: LOINC, code: TUMOR_SIZE_LOINC, display: "Size Tumor" }] },
      subject: { reference: subject },
      effectiveDateTime: s(img.studyDate),
      ...(s(m.tumourId)
        ? { focus: [{ reference: `urn:uuid:${s(m.tumourId)}`, display: s(m.lesionLabel) }] }
        : { focus: [{ display: s(m.lesionLabel) }] }),
      method: { text: s(img.modality) },
      component: [
        {
          code: { coding: [{ system: LOINC, code: TUMOR_MAX_DIMENSION_LOINC }] },
          valueQuantity: { value: n(m.longestDiameterMm), unit: "mm", system: UCUM, code: "mm" },
        },
      ],
    }));
}

function procedureResource(p: Rec, subject: string): Procedure & { id: string } {
  const drugs = Array.isArray(p.drugs) ? (p.drugs as Rec[]) : [];
  const complications = Array.isArray(p.complications) ? (p.complications as Rec[]) : [];
  return {
    resourceType: "Procedure",
    id: p.id,
    status: "completed",
    code: { coding: [{ system: PROCEDURE_SYSTEM, code: s(p.modality) ?? "other" }], text: s(p.modality) },
    subject: { reference: subject },
    performedDateTime: s(p.performedOn),
    ...(s(p.operator) ? { performer: [{ actor: { display: s(p.operator) } }] } : {}),
    ...(complications.length > 0
      ? {
          complication: complications.map((c) => ({
            text: `${s(c.description) ?? "complication"} (CIRSE grade ${n(c.cirseGrade) ?? "?"})`,
          })),
        }
      : {}),
    ...(drugs.length > 0 || s(p.embolicAgent)
      ? {
          usedCode: [
            ...drugs.map((d) => ({
              text: `${s(d.drug) ?? "drug"}${n(d.dose) !== undefined ? ` ${n(d.dose)} ${s(d.unit) ?? ""}`.trimEnd() : ""}`,
            })),
            ...(s(p.embolicAgent) ? [{ text: `embolic agent: ${s(p.embolicAgent)}` }] : []),
          ],
        }
      : {}),
    ...(s(p.note) ? { note: [{ text: s(p.note) as string }] } : {}),
  };
}

function therapyResource(t: Rec, subject: string): MedicationAdministration & { id: string } {
  return {
    resourceType: "MedicationAdministration",
    id: t.id,
    status: s(t.stoppedOn) ? "completed" : "in-progress",
    medicationCodeableConcept: { text: s(t.agent) },
    subject: { reference: subject },
    effectivePeriod: { start: s(t.startedOn), ...(s(t.stoppedOn) ? { end: s(t.stoppedOn) } : {}) },
  };
}

function outcomeResource(o: Rec, subject: string): (Resource & { id: string }) | undefined {
  if (o.kind === "progression") {
    return {
      resourceType: "Observation",
      id: o.id,
      meta: { profile: [`${MCODE}/mcode-cancer-disease-status`] },
      status: "final",
      code: { coding: [{ system: LOINC, code: "97509-4", display: "Cancer disease progression" }] },
      subject: { reference: subject },
      effectiveDateTime: s(o.occurredOn),
      valueCodeableConcept: {
        coding: [
          { system: "http://snomed.info/sct", code: "271299001", display: "Patient's condition worsened" },
        ],
      },
    } satisfies Observation & { id: string };
  }
  if (o.kind === "resection" || o.kind === "transplant") {
    return {
      resourceType: "Procedure",
      id: o.id,
      status: "completed",
      code: {
        coding: [
          { system: PROCEDURE_SYSTEM, code: o.kind === "resection" ? "resection" : "liver-transplant" },
        ],
      },
      subject: { reference: subject },
      performedDateTime: s(o.occurredOn),
    } satisfies Procedure & { id: string };
  }
  return undefined;
}

function stageResource(
  patientId: string,
  subject: string,
  kind: "bclc" | "cnlc",
  stage: string,
  asOf: string,
): Observation & { id: string } {
  return {
    resourceType: "Observation",
    id: `${patientId}-${kind}-stage`,
    meta: { profile: [`${MCODE}/mcode-cancer-stage`] },
    status: "final",
    category: [
      { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey" }] },
    ],
    code: {
      coding: [
        { system: STAGE_TYPE_SYSTEM, code: kind, display: kind === "bclc" ? "BCLC stage" : "CNLC stage" },
      ],
    },
    subject: { reference: subject },
    effectiveDateTime: asOf,
    method: { coding: [{ system: STAGE_TYPE_SYSTEM, code: kind }] },
    valueCodeableConcept: { coding: [{ system: kind === "bclc" ? BCLC_SYSTEM : CNLC_SYSTEM, code: stage }] },
  };
}

/** All of one patient's resources (the Patient first). */
export function patientResources(d: PatientData): (Resource & { id: string })[] {
  const subject = `urn:uuid:${d.patient.id}`;
  const death = d.outcomes.find((o) => o.kind === "death");
  const out: (Resource & { id: string })[] = [patientResource(d.patient, s(death?.occurredOn))];
  for (const o of d.observations) out.push(observationResource(o, subject));
  for (const t of d.tumours) out.push(...tumourResources(t, subject));
  for (const i of d.imaging) out.push(...tumourSizeResources(i, subject));
  for (const p of d.procedures) out.push(procedureResource(p, subject));
  for (const t of d.systemicTherapies) out.push(therapyResource(t, subject));
  for (const o of d.outcomes) {
    const r = outcomeResource(o, subject);
    if (r) out.push(r);
  }
  if (d.stages?.bclc) out.push(stageResource(d.patient.id, subject, "bclc", d.stages.bclc, d.stages.asOf));
  if (d.stages?.cnlc) out.push(stageResource(d.patient.id, subject, "cnlc", d.stages.cnlc, d.stages.asOf));
  return out;
}

export function patientBundle(d: PatientData, timestamp: string): Bundle {
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp,
    entry: patientResources(d).map(entry),
  };
}
