/**
 * The case from a CDS Hooks request's FHIR data (prefetch or read from the EHR): Patient, LOINC
 * Observations (labs mass or SI, ECOG with its LOINC answer, mCODE TumorSize, TNM categories),
 * SNOMED CT findings as Observations or Conditions, and the HCC Condition (ICD-10 / ICD-10-CM
 * C22.0, SNOMED CT 25370001). Codes are read through the one terminology table
 * (src/clinical/terminology); the derivation of labs and tumours is the registry's (caseFrom).
 */
import type { Bundle, Condition, Observation, Patient } from "@medplum/fhirtypes";
import {
  type CodedStatement,
  type Coding,
  ehrFindings,
  type FieldFromEhr,
  type FindingNote,
  isHcc,
  SNOMED,
  SNOMED_QUALIFIER,
} from "../../clinical/terminology/index.js";
import { planResource } from "../../fhir/import.js";
import {
  type CaseSources,
  caseFrom,
  type DerivedCase,
  type ImagingInput,
  type ObservationInput,
  windowStart,
} from "../../registry/clinical-state.js";
import { DEFAULT_VALIDITY } from "../../registry/validity.js";

type Loose = Record<string, unknown>;

export interface EhrCase {
  readonly derived: DerivedCase;
  /** Case fields filled from SNOMED CT / TNM statements, with the resource each came from. */
  readonly fromFindings: readonly FieldFromEhr[];
  readonly notes: readonly { readonly note: FindingNote; readonly from: string }[];
  readonly citations: readonly string[];
  /** The HCC Condition, when the EHR has one. */
  readonly hcc: { readonly id: string; readonly code: string } | null;
}

const codingsOf = (cc: unknown): Coding[] =>
  Array.isArray((cc as { coding?: unknown })?.coding)
    ? ((cc as { coding: unknown[] }).coding.filter((c) => typeof c === "object" && c !== null) as Coding[])
    : [];

function resourcesOf<T>(bundle: unknown, type: string): { resource: T; index: number }[] {
  const entries = (bundle as Bundle | null | undefined)?.entry ?? [];
  return entries.flatMap((e, index) =>
    (e?.resource as { resourceType?: string } | undefined)?.resourceType === type
      ? [{ resource: e.resource as T, index }]
      : [],
  );
}

function statementOfObservation(o: Observation, id: string): CodedStatement | undefined {
  const date = String(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued ?? "");
  if (!date) return undefined;
  const value = codingsOf(o.valueCodeableConcept);
  const present =
    typeof o.valueBoolean === "boolean"
      ? o.valueBoolean
      : value.some((c) => c.system === SNOMED && c.code === SNOMED_QUALIFIER.absent)
        ? false
        : value.some((c) => c.system === SNOMED && c.code === SNOMED_QUALIFIER.present) ||
            typeof o.valueInteger === "number"
          ? true
          : null;
  return {
    id,
    date,
    codes: codingsOf(o.code),
    present: typeof o.valueInteger === "number" && o.valueInteger === 0 ? false : present,
    qualifiers: [...value, ...codingsOf(o.interpretation?.[0])],
    grade: typeof o.valueInteger === "number" ? o.valueInteger : undefined,
    bodySites: codingsOf(o.bodySite),
  };
}

/** Condition status → present: refuted is absent; resolved / inactive is absent now. */
function presentOfCondition(c: Condition): boolean | null | "skip" {
  const verification = codingsOf(c.verificationStatus).map((x) => x.code);
  if (verification.includes("entered-in-error")) return "skip";
  if (verification.includes("refuted")) return false;
  const clinical = codingsOf(c.clinicalStatus).map((x) => x.code);
  if (clinical.some((x) => x === "resolved" || x === "inactive")) return false;
  if (clinical.some((x) => x === "active" || x === "recurrence" || x === "relapse")) return true;
  return null;
}

function statementOfCondition(c: Condition, id: string): CodedStatement | undefined {
  const present = presentOfCondition(c);
  if (present === "skip") return undefined;
  const date = String(c.recordedDate ?? c.onsetDateTime ?? c.onsetPeriod?.start ?? "");
  return {
    id,
    date,
    codes: codingsOf(c.code),
    present,
    qualifiers: [...codingsOf(c.severity), ...(c.stage ?? []).flatMap((s) => codingsOf(s.summary))],
    bodySites: (c.bodySite ?? []).flatMap((b) => codingsOf(b)),
  };
}

function setPath(target: Loose, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== "object" || at[k] === null) at[k] = Object.create(null);
    at = at[k] as Loose;
  }
  at[keys[keys.length - 1] as string] = value;
}

function hasPath(target: Loose, path: string): boolean {
  let at: unknown = target;
  for (const k of path.split(".")) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, k)) return false;
    at = (at as Loose)[k];
  }
  return true;
}

export interface EhrData {
  readonly patientId: string;
  readonly patient: Patient | null;
  readonly observations: unknown;
  readonly conditions: unknown;
}

/** Derives the case at `asOf` (observations within `windowDays`; conditions by their status). */
export function ehrCase(data: EhrData, asOf: string, windowDays: number): EhrCase {
  const observations: ObservationInput[] = [];
  const imaging: ImagingInput[] = [];
  const statements: CodedStatement[] = [];
  for (const { resource: r, index: i } of resourcesOf<Observation>(data.observations, "Observation")) {
    const id = r.id ? `Observation/${r.id}` : `prefetch-observation-${i}`;
    const plan = planResource(i, undefined, { ...r, subject: r.subject ?? { reference: "Patient/x" } });
    if (plan.kind === "observation") {
      const b = plan.body;
      observations.push({
        id,
        system: String(b.system),
        code: String(b.code),
        value: typeof b.value === "number" ? b.value : null,
        unit: typeof b.unit === "string" ? b.unit : null,
        valueCode: typeof b.valueCode === "string" ? b.valueCode : null,
        effectiveAt: String(b.effectiveAt),
      });
    } else if (plan.kind === "tumourSize") {
      const m = (plan.body.measurements as { lesionLabel: string; longestDiameterMm: number }[])[0];
      const date = String(plan.body.studyDate);
      const lesion = {
        label: m?.lesionLabel ?? "T",
        organ: "liver",
        longestDiameterMm: m?.longestDiameterMm ?? null,
      };
      const same = imaging.find((x) => x.studyDate === date);
      if (same) (same.lesions as (typeof lesion)[]).push(lesion);
      else imaging.push({ id: `imaging-${date}`, studyDate: date, lesions: [lesion] });
    } else {
      const s = statementOfObservation(r, id);
      if (s && s.date.slice(0, 10) >= windowStart(asOf, windowDays) && s.date.slice(0, 10) <= asOf)
        statements.push(s);
    }
  }
  let hcc: EhrCase["hcc"] = null;
  for (const { resource: c, index: i } of resourcesOf<Condition>(data.conditions, "Condition")) {
    const id = c.id ? `Condition/${c.id}` : `prefetch-condition-${i}`;
    const code = codingsOf(c.code).find((x) => isHcc(x.system, x.code));
    if (code && presentOfCondition(c) !== false && presentOfCondition(c) !== "skip") {
      hcc ??= { id, code: String(code.code) };
      continue;
    }
    const s = statementOfCondition(c, id);
    if (s) statements.push(s);
  }
  const sources: CaseSources = {
    patientId: data.patientId,
    sex: data.patient?.gender ?? null,
    birthDate: data.patient?.birthDate ?? null,
    observations,
    imaging,
  };
  const derived = caseFrom(sources, asOf, DEFAULT_VALIDITY, windowDays);
  const findings = ehrFindings(statements);
  const filled = findings.fields.filter((f) => !hasPath(derived.case, f.path));
  for (const f of filled) setPath(derived.case, f.path, f.value);
  return { derived, fromFindings: filled, notes: findings.notes, citations: findings.citations, hcc };
}
