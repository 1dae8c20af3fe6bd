/**
 * The CapabilityStatement at the FHIR base (`GET /api/fhir/metadata`, FHIR R4
 * https://hl7.org/fhir/R4/http.html#capabilities): what Hepatica reads and writes, stated as what
 * the code does — the resource types the import reads, the profiles the export claims, the
 * Bundle processing and the Bulk Data export. Pure data.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from "@medplum/fhirtypes";
import { MCODE_PROFILE } from "../../clinical/terminology/index.js";

const MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition";

/** Resource types the import reads (src/fhir/import.ts) and the export writes, with their profiles. */
const RESOURCES: readonly {
  type: CapabilityStatementRestResource["type"];
  profiles: readonly string[];
  doc: string;
}[] = [
  { type: "Patient", profiles: [], doc: "Matched on identifier system and value." },
  {
    type: "Observation",
    profiles: [
      MCODE_PROFILE.tumorSize,
      MCODE_PROFILE.cancerStage,
      MCODE_PROFILE.ecogPerformanceStatus,
      `${MCODE}/mcode-cancer-disease-status`,
    ],
    doc: "LOINC labs (mass and SI codes, UCUM units), ECOG, mCODE TumorSize; CancerStage (BCLC, CNLC) exported only.",
  },
  {
    type: "Condition",
    profiles: [MCODE_PROFILE.primaryCancerCondition],
    doc: "Primary liver cancer (ICD-10 / ICD-10-CM C22).",
  },
  { type: "BodyStructure", profiles: [`${MCODE}/mcode-tumor`], doc: "mCODE Tumor in the liver." },
  { type: "Procedure", profiles: [], doc: "Interventional treatments." },
  { type: "MedicationAdministration", profiles: [], doc: "Systemic therapy." },
];

export function capabilityStatement(): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: "2026-12-07",
    kind: "instance",
    software: { name: "Hepatica" },
    implementation: {
      description: "Hepatica FHIR R4 interface (decision support, not a substitute for clinical judgement)",
    },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json"],
    rest: [
      {
        mode: "server",
        documentation:
          "POST a Bundle of type transaction (all or nothing) or batch (entry by entry) to the base; " +
          "GET /api/patients/{id}/fhir exports one patient as a collection Bundle; " +
          "$export exports NDJSON. Sign in first (Bearer token); this statement is public.",
        security: {
          service: [
            {
              coding: [
                { system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "OAuth" },
              ],
            },
          ],
        },
        resource: RESOURCES.map((r) => ({
          type: r.type,
          ...(r.profiles.length > 0 ? { supportedProfile: [...r.profiles] } : {}),
          documentation: r.doc,
        })),
        interaction: [{ code: "transaction" }, { code: "batch" }],
        operation: [
          { name: "export", definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export" },
        ],
      },
    ],
  };
}
