/** FHIR mapping, pure: Bundle → plan (with per-resource OperationOutcomes) and stored data → Bundle. */
import { describe, expect, it } from "vitest";
import { BCLC_SYSTEM, CNLC_SYSTEM, FINDING_SYSTEM, LOINC } from "./codes.js";
import { patientBundle } from "./export.js";
import { planBundle } from "./import.js";
import { SAMPLE_BUNDLE } from "./testing.js";

describe("planBundle", () => {
  it("plans each entry; the bad ones get an OperationOutcome, the rest are kept", () => {
    const { entries, fatal } = planBundle(SAMPLE_BUNDLE);
    expect(fatal).toBeUndefined();
    expect(entries.map((e) => e.kind)).toEqual([
      "patient",
      "observation",
      "observation",
      "observation",
      "tumour",
      "procedure",
      "systemicTherapy",
      "tumourSize",
      "error",
      "error",
    ]);
    expect(entries[0]).toMatchObject({ mrn: "MRN-77", body: { familyName: "Tanaka", sex: "female" } });
    expect(entries[1]).toMatchObject({ body: { code: "1975-2", value: 17.1, unit: "umol/L" } });
    expect(entries[2]).toMatchObject({ body: { code: "89247-1", value: 1 } });
    expect(entries[3]).toMatchObject({
      body: { system: FINDING_SYSTEM, code: "ascites", valueCode: "none" },
    });
    expect(entries[5]).toMatchObject({ body: { modality: "ctace", performedOn: "2024-05-10" } });
    expect(entries[7]).toMatchObject({ body: { measurements: [{ longestDiameterMm: 42 }] } });
    const bad = entries[8];
    expect(bad?.kind === "error" && bad.outcome.issue[0]).toMatchObject({
      code: "required",
      expression: ["Observation.subject"],
    });
  });

  it("refuses what is not a Bundle", () => {
    expect(planBundle({ resourceType: "Patient" }).fatal?.issue[0]?.code).toBe("structure");
    expect(planBundle({ resourceType: "Bundle", type: "searchset" }).fatal?.issue[0]?.code).toBe("value");
    expect(planBundle(null).fatal).toBeDefined();
  });

  it("survives malformed resources", () => {
    const { entries } = planBundle({
      resourceType: "Bundle",
      type: "collection",
      entry: [{ resource: { resourceType: "Observation", code: 5, subject: "x" } }, { resource: 3 }, null],
    });
    expect(entries.every((e) => e.kind === "error")).toBe(true);
  });
});

describe("patientBundle", () => {
  it("exports mCODE-style resources and the BCLC / CNLC stages in Hepatica's code systems", () => {
    const b = patientBundle(
      {
        patient: { id: "p", mrn: "M1", familyName: "Doe", sex: "male", birthDate: "1960-01-01" },
        observations: [
          { id: "o", system: LOINC, code: "1751-7", value: 3.5, unit: "g/dL", effectiveAt: "2024-01-01" },
        ],
        tumours: [{ id: "t", label: "T1", icd10: "C22.0" }],
        imaging: [
          {
            id: "i",
            studyDate: "2024-01-02",
            modality: "CT",
            measurements: [{ id: "m", lesionLabel: "T1", longestDiameterMm: 30 }],
          },
        ],
        procedures: [
          {
            id: "pr",
            modality: "debtace",
            performedOn: "2024-01-05",
            drugs: [{ drug: "doxorubicin", dose: 75, unit: "mg" }],
          },
        ],
        systemicTherapies: [{ id: "s", agent: "lenvatinib", startedOn: "2024-02-01" }],
        outcomes: [{ id: "d", kind: "death", occurredOn: "2025-01-01" }],
        stages: [{ asOf: "2024-01-10", bclc: "B", cnlc: "IIa" }],
      },
      "2024-01-10T00:00:00Z",
    );
    const types = (b.entry ?? []).map((e) => e.resource?.resourceType);
    expect(types).toEqual([
      "Patient",
      "Observation",
      "BodyStructure",
      "Condition",
      "Observation",
      "Procedure",
      "MedicationAdministration",
      "Observation",
      "Observation",
    ]);
    expect(b.entry?.[0]?.resource).toMatchObject({
      deceasedDateTime: "2025-01-01",
      identifier: [{ value: "M1" }],
    });
    const stages = (b.entry ?? []).slice(-2).map((e) => e.resource);
    expect(stages[0]).toMatchObject({
      valueCodeableConcept: { coding: [{ system: BCLC_SYSTEM, code: "B" }] },
    });
    expect(stages[1]).toMatchObject({
      valueCodeableConcept: { coding: [{ system: CNLC_SYSTEM, code: "IIa" }] },
    });
  });

  it("round-trips through planBundle", () => {
    const b = patientBundle(
      {
        patient: { id: "p", mrn: "M1", sex: "male" },
        observations: [
          { id: "o", system: LOINC, code: "1751-7", value: 3.5, unit: "g/dL", effectiveAt: "2024-01-01" },
        ],
        tumours: [],
        imaging: [],
        procedures: [],
        systemicTherapies: [],
        outcomes: [],
      },
      "2024-01-10T00:00:00Z",
    );
    const { entries } = planBundle(b);
    expect(entries.map((e) => e.kind)).toEqual(["patient", "observation"]);
    expect(entries[1]).toMatchObject({ subject: "urn:uuid:p", body: { value: 3.5, unit: "g/dL" } });
  });
});

describe("mCODE STU4 shape of the export", () => {
  const b = patientBundle(
    {
      patient: { id: "p", mrn: "M1", sex: "male" },
      observations: [
        { id: "bili", system: LOINC, code: "1975-2", value: 25, unit: "umol/L", effectiveAt: "2024-01-01" },
        { id: "bili2", system: LOINC, code: "1975-2", value: 1.4, unit: "mg/dL", effectiveAt: "2024-02-01" },
        { id: "inr", system: LOINC, code: "6301-6", value: 1.2, unit: null, effectiveAt: "2024-01-01" },
        { id: "ecog", system: LOINC, code: "89247-1", value: 1, unit: null, effectiveAt: "2024-01-01" },
      ],
      tumours: [
        { id: "t1", label: "T1", icd10: "C22.0", diagnosedOn: "2023-12-01" },
        { id: "t2", label: "T2", icd10: "C22.0", diagnosedOn: "2023-11-20" },
      ],
      imaging: [],
      procedures: [],
      systemicTherapies: [],
      outcomes: [{ id: "prog", kind: "progression", occurredOn: "2024-06-01" }],
      stages: [
        { asOf: "2023-12-05", bclc: "A", cnlc: "Ib" },
        { asOf: "2024-06-01", bclc: "B", cnlc: null },
      ],
    },
    "2024-07-01T00:00:00Z",
  );
  const byId = new Map(
    (b.entry ?? []).map((e) => [e.resource?.id, e.resource as unknown as Record<string, unknown>]),
  );

  it("CancerStage: NCIt C115134 BCLC Stage with the stage value, CNLC on its own, focus the primary cancer, dated when assessed, every assessment", () => {
    expect(byId.get("p-bclc-2023-12-05")).toMatchObject({
      meta: { profile: ["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-stage"] },
      code: { coding: [{ system: "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", code: "C115134" }] },
      method: { coding: [{ code: "C115132" }] },
      focus: [{ reference: "urn:uuid:p-cancer-C220" }],
      effectiveDateTime: "2023-12-05",
      valueCodeableConcept: { coding: [{ system: BCLC_SYSTEM, code: "A" }], text: "BCLC stage A" },
    });
    expect(byId.get("p-bclc-2024-06-01")).toMatchObject({
      effectiveDateTime: "2024-06-01",
      valueCodeableConcept: { text: "BCLC stage B" },
    });
    expect(byId.get("p-cnlc-2023-12-05")).toMatchObject({
      code: { text: "CNLC stage" },
      valueCodeableConcept: { coding: [{ system: CNLC_SYSTEM, code: "Ib" }], text: "CNLC stage Ib" },
    });
    expect(byId.has("p-cnlc-2024-06-01")).toBe(false);
  });

  it("one PrimaryCancerCondition per diagnosis: problem-list-item, ICD-10 and ICD-10-CM, liver; tumours relate to it", () => {
    const conditions = (b.entry ?? []).filter((e) => e.resource?.resourceType === "Condition");
    expect(conditions).toHaveLength(1);
    expect(byId.get("p-cancer-C220")).toMatchObject({
      category: [
        {
          coding: [
            { system: "http://terminology.hl7.org/CodeSystem/condition-category", code: "problem-list-item" },
          ],
        },
      ],
      code: {
        coding: [
          { system: "http://hl7.org/fhir/sid/icd-10", code: "C22.0" },
          { system: "http://hl7.org/fhir/sid/icd-10-cm", code: "C22.0" },
          { system: "http://snomed.info/sct", code: "25370001" },
        ],
      },
      bodySite: [{ coding: [{ code: "10200004" }] }],
      onsetDateTime: "2023-11-20",
    });
    expect(byId.get("t1")).toMatchObject({
      extension: [{ valueReference: { reference: "urn:uuid:p-cancer-C220" } }],
      identifier: [{ type: { coding: [{ code: "BodyStructure" }] }, value: "t1" }],
      description: "T1",
    });
    expect(byId.get("prog")).toMatchObject({ focus: [{ reference: "urn:uuid:p-cancer-C220" }] });
  });

  it("labs: category laboratory, bilirubin in µmol/L under SI LOINC 14631-6 and in mg/dL under 1975-2, INR with its UCUM unit, ECOG profile", () => {
    expect(byId.get("bili")).toMatchObject({
      category: [{ coding: [{ code: "laboratory" }] }],
      code: { coding: [{ code: "14631-6" }] },
      valueQuantity: { value: 25, code: "umol/L", system: "http://unitsofmeasure.org" },
    });
    expect(byId.get("bili2")).toMatchObject({ code: { coding: [{ code: "1975-2" }] } });
    expect(byId.get("inr")).toMatchObject({
      valueQuantity: { value: 1.2, code: "{INR}", system: "http://unitsofmeasure.org" },
    });
    expect(byId.get("ecog")).toMatchObject({
      meta: { profile: ["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-ecog-performance-status"] },
      category: [{ coding: [{ code: "survey" }] }],
      valueInteger: 1,
    });
  });
});
