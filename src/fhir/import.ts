/**
 * FHIR R4 → Hepatica: reads a Bundle (transaction, batch or collection) into one plan entry per
 * bundle entry — a body for the store, or an OperationOutcome saying why the resource is skipped.
 * Pure: the server executes the plan. Supported: Patient; Observation (LOINC labs and ECOG,
 * Hepatica findings, mCODE TumorSize); Condition (ICD-10 C22.x → tumour); Procedure;
 * MedicationAdministration (→ systemic therapy); BodyStructure (mCODE Tumor → tumour).
 * Values are read with FHIRPath (the R4 model resolves choice types such as `value[x]`).
 */
import type {
  Bundle,
  BundleEntry,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
} from "@medplum/fhirtypes";
import fhirpath from "fhirpath";
import r4 from "fhirpath/fhir-context/r4";
import {
  ecogOfAnswer,
  LAB_OF_LOINC,
  LIVER_STRUCTURE,
  readLab,
  SNOMED,
  storedLoinc,
} from "../clinical/terminology/index.js";
import { ucumConvert } from "../clinical/units/ucum.js";
import { ECOG_LOINC, FINDING_SYSTEM, FINDINGS, LOINC } from "./codes.js";

/** LOINC 21889-1 "Size Tumor" (mCODE TumorSize) and 33728-7 its maximum dimension. */
export const TUMOR_SIZE_LOINC = "21889-1";
export const TUMOR_MAX_DIMENSION_LOINC = "33728-7";
/** Procedure codes Hepatica recognises, in its own code system (the modality codes). */
export const PROCEDURE_SYSTEM = "https://hepatica.dev/fhir/CodeSystem/procedure";

export type EntryPlan =
  | {
      readonly index: number;
      readonly kind: "patient";
      readonly refs: readonly string[];
      readonly body: Body;
      readonly mrn: string | null;
    }
  | {
      readonly index: number;
      readonly kind: "observation" | "tumour" | "procedure" | "systemicTherapy" | "tumourSize";
      readonly subject: string;
      readonly refs: readonly string[];
      readonly body: Body;
    }
  | { readonly index: number; readonly kind: "error"; readonly outcome: OperationOutcome };

export type Body = Record<string, unknown>;

type Path = (resource: unknown) => unknown[];
const cache = new Map<string, Path>();
/** Compiled FHIRPath expressions against the R4 model, cached. */
function fp(expression: string): Path {
  let f = cache.get(expression);
  if (!f) {
    const compiled = fhirpath.compile(expression, r4);
    f = (resource: unknown) => compiled(resource) as unknown[];
    cache.set(expression, f);
  }
  return f;
}

function first<T>(resource: unknown, expression: string, guard: (v: unknown) => v is T): T | undefined {
  for (const v of fp(expression)(resource)) if (guard(v)) return v;
  return undefined;
}

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
/** FHIRPath may return date-times as its own objects; their string form is the FHIR text. */
function dateOf(resource: unknown, expression: string): string | undefined {
  const v = fp(expression)(resource)[0];
  if (v === undefined || v === null) return undefined;
  const s = String(v);
  return s.length > 0 ? s : undefined;
}

export function outcome(issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: [...issues] };
}

export function issue(
  code: OperationOutcomeIssue["code"],
  diagnostics: string,
  expression?: string,
  severity: OperationOutcomeIssue["severity"] = "error",
): OperationOutcomeIssue {
  return { severity, code, diagnostics, ...(expression ? { expression: [expression] } : {}) };
}

/** The plan of an entry that is not imported: its OperationOutcome with one issue. */
function rejected(
  index: number,
  code: OperationOutcomeIssue["code"],
  diagnostics: string,
  expression?: string,
): EntryPlan {
  return { index, kind: "error", outcome: outcome([issue(code, diagnostics, expression)]) };
}

function refsOf(entry: BundleEntry, resource: Resource): string[] {
  const refs: string[] = [];
  if (entry.fullUrl) refs.push(entry.fullUrl);
  if (resource.id) refs.push(`${resource.resourceType}/${resource.id}`);
  return refs;
}

function subjectOf(resource: unknown, path: string): string | undefined {
  return first(resource, `${path}.reference`, isString);
}

function datePart(s: string | undefined): string | undefined {
  return s?.slice(0, 10);
}

function patientPlan(index: number, entry: BundleEntry, r: Resource): EntryPlan {
  const mrn =
    first(r, "Patient.identifier.where(type.coding.code = 'MR').value", isString) ??
    first(r, "Patient.identifier.value", isString) ??
    null;
  const gender = first(r, "Patient.gender", isString);
  const body: Body = {
    mrn,
    familyName: first(r, "Patient.name.family", isString) ?? null,
    givenName: fp("Patient.name.given")(r).filter(isString).join(" ") || null,
    birthDate: first(r, "Patient.birthDate", isString) ?? null,
    sex:
      gender === "male" || gender === "female" || gender === "other" || gender === "unknown" ? gender : null,
  };
  return { index, kind: "patient", refs: refsOf(entry, r), body, mrn };
}

function observationPlan(index: number, entry: BundleEntry, r: Resource, context: PlanContext): EntryPlan {
  const subject = subjectOf(r, "Observation.subject");
  if (!subject) return rejected(index, "required", "Observation.subject is required", "Observation.subject");
  const effective =
    dateOf(r, "Observation.effective.ofType(dateTime)") ??
    dateOf(r, "Observation.effective.ofType(Period).start") ??
    dateOf(r, "Observation.issued");
  if (!effective) {
    return rejected(index, "required", "Observation.effective[x] is required", "Observation.effective");
  }
  const loinc = first(r, `Observation.code.coding.where(system = '${LOINC}').code`, isString);
  if (loinc === TUMOR_SIZE_LOINC) return tumourSizePlan(index, entry, r, subject, effective, context);
  if (loinc === ECOG_LOINC) {
    const value = first(r, "Observation.value.ofType(integer)", isNumber) ?? ecogOf(r);
    if (value === undefined) {
      return rejected(
        index,
        "required",
        `Observation ${loinc} has no ECOG grade (valueInteger or a LOINC LL529-9 answer)`,
        "Observation.value",
      );
    }
    return {
      index,
      kind: "observation",
      subject,
      refs: refsOf(entry, r),
      body: { system: LOINC, code: loinc, value, unit: null, effectiveAt: effective },
    };
  }
  const lab = loinc === undefined ? undefined : labPlan(index, entry, r, loinc, subject, effective);
  if (lab) return lab;
  const finding = first(r, `Observation.code.coding.where(system = '${FINDING_SYSTEM}').code`, isString);
  if (finding !== undefined && FINDINGS[finding]) {
    const valueCode =
      first(r, "Observation.value.ofType(CodeableConcept).coding.code", isString) ??
      first(r, "Observation.value.ofType(string)", isString) ??
      fp("Observation.value.ofType(boolean)")(r).map(String)[0];
    if (valueCode === undefined) {
      return rejected(index, "required", `finding ${finding} has no value`, "Observation.value");
    }
    return {
      index,
      kind: "observation",
      subject,
      refs: refsOf(entry, r),
      body: { system: FINDING_SYSTEM, code: finding, valueCode, effectiveAt: effective },
    };
  }
  const codes = fp("Observation.code.coding.code")(r).filter(isString).join(", ");
  return rejected(
    index,
    "not-supported",
    `Observation code ${codes || "(none)"} is not one Hepatica reads`,
    "Observation.code",
  );
}

/** ECOG as a LOINC LL529-9 answer, in value[x] or (as mCODE's examples put it) interpretation. */
function ecogOf(r: Resource): number | undefined {
  const codes = [
    ...fp(`Observation.value.ofType(CodeableConcept).coding.where(system = '${LOINC}').code`)(r),
    ...fp(`Observation.interpretation.coding.where(system = '${LOINC}').code`)(r),
  ].filter(isString);
  for (const c of codes) {
    const grade = ecogOfAnswer(c);
    if (grade !== undefined) return grade;
  }
  return undefined;
}

/**
 * A LOINC lab (mass or SI code) whose unit its code admits, stored under the analyte's stored
 * code with its UCUM unit; a unit the code does not admit is refused naming code and unit.
 * Undefined when the code is not one of the terminology table's labs.
 */
function labPlan(
  index: number,
  entry: BundleEntry,
  r: Resource,
  loinc: string,
  subject: string,
  effective: string,
): EntryPlan | undefined {
  const value = first(r, "Observation.value.ofType(Quantity).value", isNumber);
  const sent =
    first(r, "Observation.value.ofType(Quantity).code", isString) ??
    first(r, "Observation.value.ofType(Quantity).unit", isString);
  const lab = LAB_OF_LOINC.get(loinc);
  if (!lab) return undefined;
  const comparator = first(r, "Observation.value.ofType(Quantity).comparator", isString);
  if (comparator !== undefined) return comparatorRefusal(index, comparator, value);
  const reading = readLab(loinc, sent === undefined ? undefined : ucumEquivalent(sent, lab.units));
  if (!reading) return undefined;
  if (value === undefined) {
    return rejected(index, "required", `Observation ${loinc} has no numeric value`, "Observation.value");
  }
  if (reading.status === "invalid") {
    return rejected(index, "value", reading.message, "Observation.value.ofType(Quantity).code");
  }
  return {
    index,
    kind: "observation",
    subject,
    refs: refsOf(entry, r),
    body: {
      system: LOINC,
      code: storedLoinc(reading.lab.analyte) ?? loinc,
      value,
      unit: reading.unit,
      effectiveAt: effective,
    },
  };
}

function tumourSizePlan(
  index: number,
  entry: BundleEntry,
  r: Resource,
  subject: string,
  effective: string,
  context: PlanContext,
): EntryPlan {
  const q =
    fp(
      `Observation.component.where(code.coding.code = '${TUMOR_MAX_DIMENSION_LOINC}').value.ofType(Quantity)`,
    )(r)[0] ?? fp("Observation.value.ofType(Quantity)")(r)[0];
  const value = (q as { value?: unknown } | undefined)?.value;
  const comparator = (q as { comparator?: unknown } | undefined)?.comparator;
  if (isString(comparator)) return comparatorRefusal(index, comparator, isNumber(value) ? value : undefined);
  const focus = fp("Observation.focus.reference")(r).filter(isString);
  const onLiver =
    focus.some((f) => context.liverTumours.has(f)) ||
    fp(`Observation.bodySite.coding.where(system = '${SNOMED}').code`)(r).includes(LIVER_STRUCTURE.code);
  if (!onLiver) {
    const named = [...focus, ...fp("Observation.specimen.reference")(r).filter(isString)].join(", ");
    return rejected(
      index,
      "business-rule",
      `TumorSize ${r.id ?? ""} does not measure a liver tumour: neither its focus (a liver Tumor BodyStructure of this feed) nor its bodySite is the liver${named ? ` (it names ${named})` : ""} — not imported`,
      "Observation.focus",
    );
  }
  const unit =
    (q as { code?: unknown; unit?: unknown } | undefined)?.code ??
    (q as { unit?: unknown } | undefined)?.unit;
  if (!isNumber(value) || (unit !== "mm" && unit !== "cm")) {
    return rejected(
      index,
      "value",
      "TumorSize needs the maximum dimension in mm or cm",
      "Observation.component",
    );
  }
  const label =
    first(r, "Observation.focus.display", isString) ??
    first(r, "Observation.focus.reference", isString) ??
    "T1";
  return {
    index,
    kind: "tumourSize",
    subject,
    refs: refsOf(entry, r),
    body: {
      studyDate: datePart(effective),
      modality: "other",
      measurements: [
        {
          lesionLabel: label.slice(0, 50),
          role: "target",
          organ: "liver",
          longestDiameterMm: unit === "cm" ? value * 10 : value,
        },
      ],
    },
  };
}

function conditionPlan(index: number, entry: BundleEntry, r: Resource): EntryPlan {
  const subject = subjectOf(r, "Condition.subject");
  if (!subject) return rejected(index, "required", "Condition.subject is required", "Condition.subject");
  const icd = first(
    r,
    "Condition.code.coding.where(system = 'http://hl7.org/fhir/sid/icd-10' or system = 'http://hl7.org/fhir/sid/icd-10-cm').code",
    isString,
  );
  const sites = fp(`Condition.bodySite.coding.where(system = '${SNOMED}').code`)(r).filter(isString);
  if (sites.length > 0 && !sites.includes(LIVER_STRUCTURE.code)) {
    return rejected(
      index,
      "business-rule",
      `Condition ${r.id ?? ""} has body site ${sites.join(", ")}, not the liver (SNOMED CT ${LIVER_STRUCTURE.code}) — not imported`,
      "Condition.bodySite",
    );
  }
  if (!icd || !/^C22(\.|$)/.test(icd)) {
    return rejected(
      index,
      "not-supported",
      "only liver cancer conditions (ICD-10 C22.x) are imported",
      "Condition.code",
    );
  }
  return {
    index,
    kind: "tumour",
    subject,
    refs: refsOf(entry, r),
    body: {
      label: (r.id ?? `C${index}`).slice(0, 50),
      icd10: icd,
      diagnosedOn:
        datePart(
          dateOf(r, "Condition.onset.ofType(dateTime)") ?? first(r, "Condition.recordedDate", isString),
        ) ?? null,
      histology: first(r, "Condition.code.text", isString)?.slice(0, 200) ?? null,
      segment: first(r, "Condition.bodySite.text", isString)?.slice(0, 20) ?? null,
    },
  };
}

function bodyStructurePlan(index: number, entry: BundleEntry, r: Resource): EntryPlan {
  const subject = subjectOf(r, "BodyStructure.patient");
  if (!subject)
    return rejected(index, "required", "BodyStructure.patient is required", "BodyStructure.patient");
  if (!isLiverTumour(r)) {
    const where =
      first(r, "BodyStructure.location.coding.display", isString) ??
      first(r, "BodyStructure.location.text", isString) ??
      first(r, "BodyStructure.location.coding.code", isString) ??
      "no location";
    return rejected(
      index,
      "business-rule",
      `BodyStructure ${r.id ?? ""} is not in the liver (location: ${where}; SNOMED CT ${LIVER_STRUCTURE.code} ${LIVER_STRUCTURE.display} expected) — a tumour elsewhere is not imported`,
      "BodyStructure.location",
    );
  }
  return {
    index,
    kind: "tumour",
    subject,
    refs: refsOf(entry, r),
    body: {
      label: (
        first(r, "BodyStructure.description", isString) ??
        first(r, "BodyStructure.identifier.value", isString) ??
        r.id ??
        `T${index}`
      ).slice(0, 50),
      segment: first(r, "BodyStructure.locationQualifier.text", isString)?.slice(0, 20) ?? null,
    },
  };
}

const MODALITY_WORDS: readonly [RegExp, string][] = [
  [/deb|drug.?eluting/i, "debtace"],
  [/c-?tace|conventional|chemoemboli/i, "ctace"],
  [/\btae\b|bland/i, "tae"],
  [/haic|hepatic arterial infusion/i, "haic"],
  [/glass/i, "tare-glass"],
  [/tare|radioemboli|y-?90|sirt/i, "tare-resin"],
  [/microwave/i, "microwave-ablation"],
  [/radiofrequency|\brfa\b/i, "radiofrequency-ablation"],
  [/cryo/i, "cryoablation"],
  [/ablation/i, "thermal-ablation"],
  [/transplant/i, "liver-transplant"],
  [/resection|hepatectomy/i, "resection"],
];

function procedurePlan(index: number, entry: BundleEntry, r: Resource): EntryPlan {
  const subject = subjectOf(r, "Procedure.subject");
  if (!subject) return rejected(index, "required", "Procedure.subject is required", "Procedure.subject");
  const performed = datePart(
    dateOf(r, "Procedure.performed.ofType(dateTime)") ??
      dateOf(r, "Procedure.performed.ofType(Period).start"),
  );
  if (!performed) {
    return rejected(index, "required", "Procedure.performed[x] is required", "Procedure.performed");
  }
  const own = first(r, `Procedure.code.coding.where(system = '${PROCEDURE_SYSTEM}').code`, isString);
  const text = [
    first(r, "Procedure.code.text", isString),
    ...fp("Procedure.code.coding.display")(r).filter(isString),
  ].join(" ");
  const modality = own ?? MODALITY_WORDS.find(([re]) => re.test(text))?.[1] ?? "other";
  return {
    index,
    kind: "procedure",
    subject,
    refs: refsOf(entry, r),
    body: {
      modality,
      performedOn: performed,
      operator: first(r, "Procedure.performer.actor.display", isString)?.slice(0, 200) ?? null,
      note: first(r, "Procedure.note.text", isString)?.slice(0, 10_000) ?? null,
    },
  };
}

function medicationPlan(index: number, entry: BundleEntry, r: Resource): EntryPlan {
  const subject = subjectOf(r, "MedicationAdministration.subject");
  if (!subject) {
    return rejected(
      index,
      "required",
      "MedicationAdministration.subject is required",
      "MedicationAdministration.subject",
    );
  }
  const agent =
    first(r, "MedicationAdministration.medication.ofType(CodeableConcept).text", isString) ??
    first(r, "MedicationAdministration.medication.ofType(CodeableConcept).coding.display", isString) ??
    first(r, "MedicationAdministration.medication.ofType(Reference).display", isString);
  const start = datePart(
    dateOf(r, "MedicationAdministration.effective.ofType(dateTime)") ??
      dateOf(r, "MedicationAdministration.effective.ofType(Period).start"),
  );
  if (!agent || !start) {
    return rejected(
      index,
      "required",
      "MedicationAdministration needs medication text and effective[x]",
      "MedicationAdministration",
    );
  }
  return {
    index,
    kind: "systemicTherapy",
    subject,
    refs: refsOf(entry, r),
    body: {
      agent: agent.slice(0, 200),
      startedOn: start,
      stoppedOn: datePart(dateOf(r, "MedicationAdministration.effective.ofType(Period).end")) ?? null,
    },
  };
}

/** What the planning of one entry knows of the rest of the feed. */
export interface PlanContext {
  /** References (fullUrl, `BodyStructure/id`) of the feed's Tumor BodyStructures in the liver. */
  readonly liverTumours: ReadonlySet<string>;
}

const NO_CONTEXT: PlanContext = { liverTumours: new Set() };

function isLiverTumour(r: unknown): boolean {
  return fp(`BodyStructure.location.coding.where(system = '${SNOMED}').code`)(r).includes(
    LIVER_STRUCTURE.code,
  );
}

/** The context of a feed: a first pass over every resource. */
export function planContext(items: readonly { entry?: BundleEntry; resource: unknown }[]): PlanContext {
  const liverTumours = new Set<string>();
  for (const { entry, resource } of items) {
    const r = resource as Resource | null;
    if (typeof r !== "object" || r === null || r.resourceType !== "BodyStructure") continue;
    try {
      if (isLiverTumour(r)) for (const ref of refsOf(entry ?? {}, r)) liverTumours.add(ref);
    } catch {
      // a malformed BodyStructure is refused when it is planned
    }
  }
  return { liverTumours };
}

/**
 * Statuses that say a resource is not a usable fact (R4 value sets observation-status,
 * event-status, medication-admin-status, condition-ver-status): such an entry is not used, and
 * the answer says so.
 */
const UNUSABLE: Readonly<Record<string, { readonly path: string; readonly codes: readonly string[] }>> = {
  Observation: {
    path: "Observation.status",
    codes: ["entered-in-error", "cancelled", "preliminary", "registered", "unknown"],
  },
  Procedure: { path: "Procedure.status", codes: ["entered-in-error", "not-done", "preparation", "unknown"] },
  MedicationAdministration: {
    path: "MedicationAdministration.status",
    codes: ["entered-in-error", "not-done", "unknown"],
  },
  Condition: { path: "Condition.verificationStatus.coding.code", codes: ["entered-in-error", "refuted"] },
};

function statusRefusal(index: number, r: Resource): EntryPlan | undefined {
  const rule = Object.hasOwn(UNUSABLE, r.resourceType) ? UNUSABLE[r.resourceType] : undefined;
  if (!rule) return undefined;
  const status = fp(rule.path)(r)
    .filter(isString)
    .find((c) => rule.codes.includes(c));
  if (status === undefined) return undefined;
  return rejected(
    index,
    "business-rule",
    `${r.resourceType} ${r.id ?? ""} has status ${status}: not used`,
    rule.path.replace(".coding.code", ""),
  );
}

/**
 * A quantity with a comparator is a bound (">1000" is above 1000, not 1000). The case format has
 * no bounds yet, so it is refused rather than stored as the exact number.
 */
function comparatorRefusal(index: number, comparator: string, value: number | undefined): EntryPlan {
  return rejected(
    index,
    "not-supported",
    `a value with comparator ${comparator}${value === undefined ? "" : value} is a bound, not a measurement; Hepatica does not store bounds yet, so it is not imported (never as ${value ?? "the number"} exactly)`,
    "Observation.value.ofType(Quantity).comparator",
  );
}

/**
 * The unit the lab's code admits that `sent` equals in UCUM (g/l is g/L: factor 1); else `sent`
 * as it was, for the terminology table to accept or refuse.
 */
function ucumEquivalent(sent: string, admitted: readonly string[]): string {
  if (admitted.includes(sent)) return sent;
  const same = admitted.find((u) => {
    const f = ucumConvert(1, sent, u);
    return f !== undefined && Math.abs(f - 1) < 1e-12;
  });
  return same ?? sent;
}

export interface ImportPlan {
  /** How the Bundle asks to be processed (a `collection` is read as a batch). */
  readonly type?: "transaction" | "batch" | "collection";
  readonly entries: readonly EntryPlan[];
  /** Set when the input is not a Bundle at all. */
  readonly fatal?: OperationOutcome;
}

/** Plans the import of a Bundle; every entry yields a plan or an OperationOutcome. */
export function planBundle(input: unknown): ImportPlan {
  if (
    typeof input !== "object" ||
    input === null ||
    (input as { resourceType?: unknown }).resourceType !== "Bundle"
  ) {
    return { entries: [], fatal: outcome([issue("structure", "expected a FHIR Bundle", "Bundle")]) };
  }
  const bundle = input as Bundle;
  if (!["transaction", "batch", "collection"].includes(String(bundle.type))) {
    return {
      entries: [],
      fatal: outcome([issue("value", "Bundle.type must be transaction, batch or collection", "Bundle.type")]),
    };
  }
  const type = bundle.type as "transaction" | "batch" | "collection";
  if (!Array.isArray(bundle.entry)) return { type, entries: [] };
  const context = planContext(bundle.entry.map((e) => ({ entry: e ?? {}, resource: e?.resource })));
  return { type, entries: bundle.entry.map((e, i) => planResource(i, e, e?.resource, context)) };
}

/** Plans one resource (bundle entry `index`, or NDJSON line `index`). */
export function planResource(
  index: number,
  entry: BundleEntry | undefined,
  resource: unknown,
  context: PlanContext = NO_CONTEXT,
): EntryPlan {
  if (
    typeof resource !== "object" ||
    resource === null ||
    typeof (resource as Resource).resourceType !== "string"
  ) {
    return rejected(index, "structure", `entry ${index} has no resource`, `Bundle.entry[${index}]`);
  }
  const r = resource as Resource;
  const e = entry ?? {};
  try {
    const refusal = statusRefusal(index, r);
    if (refusal) return refusal;
    switch (r.resourceType) {
      case "Patient":
        return patientPlan(index, e, r);
      case "Observation":
        return observationPlan(index, e, r, context);
      case "Condition":
        return conditionPlan(index, e, r);
      case "Procedure":
        return procedurePlan(index, e, r);
      case "MedicationAdministration":
        return medicationPlan(index, e, r);
      case "BodyStructure":
        return bodyStructurePlan(index, e, r);
      default:
        return rejected(index, "not-supported", `${r.resourceType} is not imported`, r.resourceType);
    }
  } catch (err) {
    // FHIRPath throws on structurally impossible input (e.g. a number where an object belongs).
    return rejected(
      index,
      "structure",
      `malformed ${r.resourceType}: ${err instanceof Error ? err.message.slice(0, 200) : "unreadable"}`,
    );
  }
}
