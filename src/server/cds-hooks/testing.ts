/**
 * Test support: an EHR-shaped patient as an EHR codes it — SI LOINC labs, the LOINC ECOG answer,
 * SNOMED CT findings as Observations and Conditions, mCODE tumour size and clinical TNM, and
 * ICD-10-CM C22.0 with its body site — nothing in Hepatica's own codes. Used by the CDS Hooks
 * tests and the SMART launch test's FHIR endpoint.
 */
const today = new Date().toISOString().slice(0, 10);
const LOINC = "http://loinc.org";
const SCT = "http://snomed.info/sct";

export function observation(
  id: string,
  code: { system: string; code: string },
  value: Record<string, unknown>,
) {
  return {
    fullUrl: `https://ehr.example.org/fhir/Observation/${id}`,
    resource: {
      resourceType: "Observation",
      id,
      status: "final",
      code: { coding: [code] },
      subject: { reference: "Patient/ehr-1" },
      effectiveDateTime: `${today}T08:00:00Z`,
      ...value,
    },
  };
}
export const lab = (id: string, code: string, value: number, unit: string) =>
  observation(
    id,
    { system: LOINC, code },
    { valueQuantity: { value, unit, system: "http://unitsofmeasure.org", code: unit } },
  );

export function condition(
  id: string,
  codings: { system: string; code: string }[],
  extra: Record<string, unknown>,
) {
  return {
    fullUrl: `https://ehr.example.org/fhir/Condition/${id}`,
    resource: {
      resourceType: "Condition",
      id,
      subject: { reference: "Patient/ehr-1" },
      code: { coding: codings },
      recordedDate: today,
      ...extra,
    },
  };
}
export const active = {
  clinicalStatus: { coding: [{ code: "active" }] },
  verificationStatus: { coding: [{ code: "confirmed" }] },
};
export const refuted = { verificationStatus: { coding: [{ code: "refuted" }] } };

/** An EHR-shaped patient: nothing in Hepatica's own codes. */
export const PATIENT = {
  resourceType: "Patient",
  id: "ehr-1",
  gender: "male",
  birthDate: "1958-01-01",
  identifier: [
    {
      type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
      value: "EHR-MRN-1",
    },
  ],
};
export const OBSERVATIONS = {
  resourceType: "Bundle",
  type: "searchset",
  entry: [
    lab("bili-si", "14631-6", 17.1, "umol/L"),
    lab("alb", "61151-7", 40, "g/L"),
    lab("inr", "6301-6", 1.1, "1"),
    lab("crea-si", "14682-9", 79.6, "umol/L"),
    lab("na", "2951-2", 139, "mmol/L"),
    lab("plt", "777-3", 160, "10*9/L"),
    observation(
      "ecog",
      { system: LOINC, code: "89247-1" },
      {
        valueCodeableConcept: { coding: [{ system: LOINC, code: "LA9622-7" }] },
      },
    ),
    observation(
      "he",
      { system: SCT, code: "13920009" },
      {
        valueCodeableConcept: { coding: [{ system: SCT, code: "2667000", display: "Absent" }] },
      },
    ),
    observation(
      "size",
      { system: LOINC, code: "21889-1" },
      {
        // mCODE TumorSize with the liver as body site (an import refuses a size not known to be hepatic).
        bodySite: { coding: [{ system: SCT, code: "10200004", display: "Liver structure" }] },
        component: [
          {
            code: { coding: [{ system: LOINC, code: "33728-7" }] },
            valueQuantity: { value: 3.5, unit: "cm", code: "cm" },
          },
        ],
      },
    ),
    observation(
      "ct",
      { system: LOINC, code: "21905-5" },
      {
        valueCodeableConcept: { coding: [{ system: "http://cancerstaging.org", code: "cT1b" }] },
      },
    ),
    observation(
      "cn",
      { system: LOINC, code: "21906-3" },
      {
        valueCodeableConcept: { coding: [{ system: "http://cancerstaging.org", code: "cN0" }] },
      },
    ),
    observation(
      "cm",
      { system: LOINC, code: "21907-1" },
      {
        valueCodeableConcept: { coding: [{ system: "http://cancerstaging.org", code: "cM0" }] },
      },
    ),
  ],
};
export const CONDITIONS = {
  resourceType: "Bundle",
  type: "searchset",
  entry: [
    condition("hcc", [{ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "C22.0" }], {
      ...active,
      bodySite: [{ coding: [{ system: SCT, code: "10200004" }] }],
    }),
    condition("cirrhosis", [{ system: SCT, code: "19943007" }], active),
    condition("ascites", [{ system: SCT, code: "389026000" }], refuted),
  ],
};
