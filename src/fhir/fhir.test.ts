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
        stages: { asOf: "2024-01-10", bclc: "B", cnlc: "IIa" },
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
