/**
 * The audit log as FHIR R4 AuditEvent resources (after the IHE BALP profile's basic shape): DICOM
 * event types, the RESTful interaction as subtype, the user as requesting agent with their network
 * address, and the patient as entity.
 */
import type { AuditEvent, Bundle } from "@medplum/fhirtypes";
import type { AuditRecord } from "../../store/audit.js";

const DCM = "http://dicom.nema.org/resources/ontology/DCM";
const REST = "http://hl7.org/fhir/restful-interaction";

const TYPE: Readonly<Record<string, { code: string; display: string }>> = {
  login: { code: "110114", display: "User Authentication" },
  "login-failed": { code: "110114", display: "User Authentication" },
  logout: { code: "110114", display: "User Authentication" },
  export: { code: "110106", display: "Export" },
  import: { code: "110107", display: "Import" },
};
const PATIENT_RECORD = { code: "110110", display: "Patient Record" };

const ACTION: Readonly<Record<string, AuditEvent["action"]>> = {
  create: "C",
  import: "C",
  read: "R",
  search: "E",
  assess: "E",
  export: "R",
  update: "U",
  delete: "D",
};

const SUBTYPE: Readonly<Record<string, string>> = {
  create: "create",
  read: "read",
  search: "search-type",
  update: "update",
  delete: "delete",
};

export function toAuditEvent(a: AuditRecord): AuditEvent {
  const type = TYPE[a.action] ?? PATIENT_RECORD;
  const subtype = SUBTYPE[a.action];
  const action = ACTION[a.action];
  const entity: NonNullable<AuditEvent["entity"]> = [];
  if (a.patientId)
    entity.push({
      what: { reference: `Patient/${a.patientId}` },
      role: { system: "http://terminology.hl7.org/CodeSystem/object-role", code: "1", display: "Patient" },
    });
  if (a.entityId && a.entityId !== a.patientId) {
    entity.push({ what: { identifier: { value: a.entityId } }, name: a.entity });
  }
  if (entity.length === 0) entity.push({ name: a.entity });
  return {
    resourceType: "AuditEvent",
    id: String(a.seq),
    type: { system: DCM, code: type.code, display: type.display },
    ...(subtype ? { subtype: [{ system: REST, code: subtype }] } : {}),
    ...(action ? { action } : {}),
    recorded: a.at,
    outcome: a.outcome === "success" ? "0" : "4",
    ...(a.detail ? { outcomeDesc: a.detail } : {}),
    agent: [
      {
        requestor: true,
        who: a.username ? { identifier: { value: a.username }, display: a.username } : { display: "unknown" },
        ...(a.role ? { role: [{ text: a.role }] } : {}),
        ...(a.sourceIp ? { network: { address: a.sourceIp, type: "2" as const } } : {}),
      },
    ],
    source: { observer: { display: "Hepatica" } },
    entity,
  };
}

export function auditBundle(records: readonly AuditRecord[]): Bundle<AuditEvent> {
  return {
    resourceType: "Bundle",
    type: "collection",
    total: records.length,
    entry: records.map((r) => ({ fullUrl: `urn:hepatica:audit:${r.seq}`, resource: toAuditEvent(r) })),
  };
}
