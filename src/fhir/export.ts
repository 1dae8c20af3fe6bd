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
import {
  HCC,
  ICD10CM,
  isHcc,
  LIVER_STRUCTURE,
  loincFor,
  MCODE_PROFILE,
  SNOMED,
} from "../clinical/terminology/index.js";
import type { Analyte } from "../clinical/units/analytes.js";
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
/** NCI Thesaurus, as mCODE STU4's value sets name it. */
const NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
/** UCUM's dimensionless unit with the INR annotation (equal to 1). */
const INR_UNIT = "{INR}";
const VITAL_SIGNS: ReadonlySet<Analyte> = new Set(["height", "weight"]);

function observationCategory(code: "laboratory" | "vital-signs" | "survey") {
  return {
    coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code }],
  };
}

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
  /** Every staged assessment, oldest first. */
  readonly stages?: readonly StageAt[];
}

const s = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
const n = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function entry(resource: Resource & { id: string }): BundleEntry {
  return { fullUrl: `urn:uuid:${resource.id}`, resource };
}

export function patientResource(p: Rec, deceased: string | undefined): Patient & { id: string } {
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
  const ecog = system === LOINC && code === ECOG_LOINC;
  const category = ecog
    ? "survey"
    : analyte === undefined
      ? undefined
      : VITAL_SIGNS.has(analyte)
        ? "vital-signs"
        : "laboratory";
  const base: Observation & { id: string } = {
    resourceType: "Observation",
    id: o.id,
    ...(ecog ? { meta: { profile: [MCODE_PROFILE.ecogPerformanceStatus] } } : {}),
    status: "final",
    ...(category ? { category: [observationCategory(category)] } : {}),
    code: { coding: [{ system, code }] },
    subject: { reference: subject },
    effectiveDateTime: s(o.effectiveAt),
  };
  if (ecog && n(o.value) !== undefined) return { ...base, valueInteger: n(o.value) };
  if (n(o.value) !== undefined) {
    // A ratio stored without a unit (INR) is the dimensionless UCUM unit, annotated.
    const unit = s(o.unit) ?? (analyte === "inr" ? INR_UNIT : undefined);
    return {
      ...base,
      valueQuantity: {
        value: n(o.value),
        ...(unit ? { unit: unit === INR_UNIT ? "INR" : unit, system: UCUM, code: unit } : {}),
      },
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

/** The primary cancer Condition's id: one per patient and diagnosis code (all its tumours relate to it). */
function conditionId(patientId: string, icd10: string): string {
  return `${patientId}-cancer-${icd10.replace(/[^A-Za-z0-9]/g, "")}`;
}

function tumourResource(t: Rec, subject: string, patientId: string): BodyStructure & { id: string } {
  const icd10 = s(t.icd10);
  return {
    resourceType: "BodyStructure",
    id: t.id,
    meta: { profile: [`${MCODE}/mcode-tumor`] },
    ...(icd10
      ? {
          extension: [
            {
              url: `${MCODE}/mcode-related-condition`,
              valueReference: { reference: `urn:uuid:${conditionId(patientId, icd10)}` },
            },
          ],
        }
      : {}),
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
    location: { coding: [{ system: SNOMED, code: LIVER_STRUCTURE.code, display: LIVER_STRUCTURE.display }] },
    ...(s(t.segment) ? { locationQualifier: [{ text: s(t.segment) }] } : {}),
    patient: { reference: subject },
  };
}

/**
 * mCODE PrimaryCancerCondition, one per diagnosis code of the patient's tumours: category
 * problem-list-item (US Core), the code in ICD-10 (WHO) and ICD-10-CM (C22.x is the same code in
 * both), SNOMED CT too for hepatocellular carcinoma, body site liver; diagnosed on the earliest
 * date of its tumours.
 */
function conditionResources(
  tumours: readonly Rec[],
  subject: string,
  patientId: string,
): (Condition & { id: string })[] {
  const byCode = new Map<string, Rec[]>();
  for (const t of tumours) {
    const icd10 = s(t.icd10);
    if (icd10) byCode.set(icd10, [...(byCode.get(icd10) ?? []), t]);
  }
  return [...byCode].map(([icd10, ts]) => {
    const onset = ts
      .map((t) => s(t.diagnosedOn))
      .filter((d): d is string => d !== undefined)
      .sort()[0];
    const histology = ts.map((t) => s(t.histology)).find((h) => h !== undefined);
    return {
      resourceType: "Condition",
      id: conditionId(patientId, icd10),
      meta: { profile: [MCODE_PROFILE.primaryCancerCondition] },
      category: [
        {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/condition-category",
              code: "problem-list-item",
              display: "Problem List Item",
            },
          ],
        },
      ],
      code: {
        coding: [
          { system: ICD10, code: icd10 },
          { system: ICD10CM, code: icd10 },
          ...(isHcc(ICD10, icd10) ? [{ system: SNOMED, code: HCC.snomed, display: HCC.snomedDisplay }] : []),
        ],
        ...(histology ? { text: histology } : {}),
      },
      bodySite: [
        { coding: [{ system: SNOMED, code: LIVER_STRUCTURE.code, display: LIVER_STRUCTURE.display }] },
      ],
      subject: { reference: subject },
      ...(onset ? { onsetDateTime: onset } : {}),
    };
  });
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

function outcomeResource(
  o: Rec,
  subject: string,
  focus: string | undefined,
): (Resource & { id: string }) | undefined {
  if (o.kind === "progression") {
    return {
      resourceType: "Observation",
      id: o.id,
      meta: { profile: [`${MCODE}/mcode-cancer-disease-status`] },
      status: "final",
      code: { coding: [{ system: LOINC, code: "97509-4", display: "Cancer disease progression" }] },
      subject: { reference: subject },
      ...(focus ? { focus: [{ reference: `urn:uuid:${focus}` }] } : {}),
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

/** One staged assessment: the stages determined as of a date (null: the rules could not stage). */
export interface StageAt {
  readonly asOf: string;
  readonly bclc?: string | null;
  readonly cnlc?: string | null;
}

/**
 * mCODE CancerStage. BCLC: code NCIt C115134 "BCLC Stage" and method NCIt C115132
 * "Hepatocellular Carcinoma by BCLC Stage" (both in mCODE STU4's value sets); the stage value in
 * Hepatica's code system, because mCODE's stage-value set holds no BCLC values (a preferred
 * binding). CNLC (no standard code at all): code and value in Hepatica's code systems, with text.
 * `focus` is the primary cancer Condition; `effectiveDateTime` the date the stage was assessed.
 */
function stageResource(
  patientId: string,
  subject: string,
  kind: "bclc" | "cnlc",
  stage: string,
  asOf: string,
  focus: string | undefined,
): Observation & { id: string } {
  const name = kind === "bclc" ? "BCLC" : "CNLC";
  return {
    resourceType: "Observation",
    id: `${patientId}-${kind}-${asOf.slice(0, 10)}`,
    meta: { profile: [MCODE_PROFILE.cancerStage] },
    status: "final",
    category: [observationCategory("survey")],
    code:
      kind === "bclc"
        ? {
            coding: [{ system: NCIT, code: "C115134", display: "BCLC Stage" }],
            text: "BCLC stage",
          }
        : { coding: [{ system: STAGE_TYPE_SYSTEM, code: kind, display: "CNLC stage" }], text: "CNLC stage" },
    subject: { reference: subject },
    ...(focus ? { focus: [{ reference: `urn:uuid:${focus}` }] } : {}),
    effectiveDateTime: asOf,
    ...(kind === "bclc"
      ? {
          method: {
            coding: [{ system: NCIT, code: "C115132", display: "Hepatocellular Carcinoma by BCLC Stage" }],
          },
        }
      : {}),
    valueCodeableConcept: {
      coding: [
        {
          system: kind === "bclc" ? BCLC_SYSTEM : CNLC_SYSTEM,
          code: stage,
          display: `${name} stage ${stage}`,
        },
      ],
      text: `${name} stage ${stage}`,
    },
  };
}

/** All of one patient's resources (the Patient first). */
export function patientResources(d: PatientData): (Resource & { id: string })[] {
  const subject = `urn:uuid:${d.patient.id}`;
  const death = d.outcomes.find((o) => o.kind === "death");
  const out: (Resource & { id: string })[] = [patientResource(d.patient, s(death?.occurredOn))];
  for (const o of d.observations) out.push(observationResource(o, subject));
  const conditions = conditionResources(d.tumours, subject, d.patient.id);
  const primary = conditions[0]?.id;
  for (const t of d.tumours) out.push(tumourResource(t, subject, d.patient.id));
  out.push(...conditions);
  for (const i of d.imaging) out.push(...tumourSizeResources(i, subject));
  for (const p of d.procedures) out.push(procedureResource(p, subject));
  for (const t of d.systemicTherapies) out.push(therapyResource(t, subject));
  for (const o of d.outcomes) {
    const r = outcomeResource(o, subject, primary);
    if (r) out.push(r);
  }
  for (const st of d.stages ?? []) {
    if (st.bclc) out.push(stageResource(d.patient.id, subject, "bclc", st.bclc, st.asOf, primary));
    if (st.cnlc) out.push(stageResource(d.patient.id, subject, "cnlc", st.cnlc, st.asOf, primary));
  }
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

/**
 * A page of a search as FHIR defines paging (https://hl7.org/fhir/R4/http.html#paging): a
 * `searchset` with the total and `self` / `next` / `previous` links, so that nothing is cut off
 * silently.
 */
export function searchsetPage(
  resources: readonly (Resource & { id: string })[],
  page: { readonly url: string; readonly offset: number; readonly count: number; readonly total: number },
): Bundle {
  const at = (offset: number) => {
    const u = new URL(page.url, "http://base.invalid");
    u.searchParams.set("_count", String(page.count));
    u.searchParams.set("_offset", String(offset));
    return `${u.pathname}${u.search}`;
  };
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: page.total,
    link: [
      { relation: "self", url: at(page.offset) },
      ...(page.offset + page.count < page.total
        ? [{ relation: "next", url: at(page.offset + page.count) }]
        : []),
      ...(page.offset > 0 ? [{ relation: "previous", url: at(Math.max(0, page.offset - page.count)) }] : []),
    ],
    entry: resources.map((r) => ({
      fullUrl: `${r.resourceType}/${r.id}`,
      resource: r,
      search: { mode: "match" },
    })),
  };
}
