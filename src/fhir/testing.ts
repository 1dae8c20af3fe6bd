/** Test support: a Bundle with every supported resource kind, and two that must be refused. */
import type { Bundle } from "@medplum/fhirtypes";
import { FINDING_SYSTEM, LOINC } from "./codes.js";

/** Entries 8 (no subject) and 9 (Encounter) are refused; the rest are kept. */
export const SAMPLE_BUNDLE: Bundle = {
  resourceType: "Bundle",
  type: "transaction",
  entry: [
    {
      fullUrl: "urn:uuid:p1",
      resource: {
        resourceType: "Patient",
        identifier: [{ type: { coding: [{ code: "MR" }] }, value: "MRN-77" }],
        name: [{ family: "Tanaka", given: ["Yuki"] }],
        gender: "female",
        birthDate: "1950-02-03",
      },
    },
    {
      resource: {
        resourceType: "Observation",
        status: "final",
        code: { coding: [{ system: LOINC, code: "14631-6" }] },
        subject: { reference: "urn:uuid:p1" },
        effectiveDateTime: "2024-05-01T09:00:00Z",
        valueQuantity: { value: 17.1, unit: "umol/L", system: "http://unitsofmeasure.org", code: "umol/L" },
      },
    },
    {
      resource: {
        resourceType: "Observation",
        status: "final",
        code: { coding: [{ system: LOINC, code: "89247-1" }] },
        subject: { reference: "urn:uuid:p1" },
        effectiveDateTime: "2024-05-01",
        valueCodeableConcept: {
          coding: [
            { system: LOINC, code: "LA9623-5", display: "1 - Restricted in physically strenuous activity" },
          ],
        },
      },
    },
    {
      resource: {
        resourceType: "Observation",
        status: "final",
        code: { coding: [{ system: FINDING_SYSTEM, code: "ascites" }] },
        subject: { reference: "urn:uuid:p1" },
        effectiveDateTime: "2024-05-01",
        valueCodeableConcept: { coding: [{ code: "none" }] },
      },
    },
    {
      resource: {
        resourceType: "Condition",
        subject: { reference: "urn:uuid:p1" },
        code: { coding: [{ system: "http://hl7.org/fhir/sid/icd-10", code: "C22.0" }], text: "HCC" },
        onsetDateTime: "2024-04-01",
      },
    },
    {
      resource: {
        resourceType: "Procedure",
        status: "completed",
        subject: { reference: "urn:uuid:p1" },
        code: { text: "Conventional TACE" },
        performedDateTime: "2024-05-10",
      },
    },
    {
      resource: {
        resourceType: "MedicationAdministration",
        status: "completed",
        subject: { reference: "urn:uuid:p1" },
        medicationCodeableConcept: { text: "atezolizumab" },
        effectivePeriod: { start: "2024-06-01" },
      },
    },
    {
      resource: {
        resourceType: "Observation",
        status: "final",
        code: { coding: [{ system: LOINC, code: "21889-1" }] },
        subject: { reference: "urn:uuid:p1" },
        effectiveDateTime: "2024-05-02",
        focus: [{ display: "T1" }],
        // The liver, so that the size is known to be of a liver tumour.
        bodySite: { coding: [{ system: "http://snomed.info/sct", code: "10200004" }] },
        component: [
          {
            code: { coding: [{ system: LOINC, code: "33728-7" }] },
            valueQuantity: { value: 4.2, unit: "cm", code: "cm" },
          },
        ],
      },
    },
    // Invalid: no subject.
    {
      resource: {
        resourceType: "Observation",
        status: "final",
        code: { coding: [{ system: LOINC, code: "1751-7" }] },
        effectiveDateTime: "2024-05-01",
        valueQuantity: { value: 3.5, code: "g/dL" },
      },
    },
    // Unsupported resource type.
    { resource: { resourceType: "Encounter", status: "finished", class: { code: "AMB" } } },
  ],
};
