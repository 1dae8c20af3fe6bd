/**
 * Case fields from the EHR's coded statements: SNOMED CT findings (as a Condition or an
 * Observation, present or refuted), mCODE secondary cancer conditions by body site, and the
 * clinical TNM categories. Pure. Only what the codes say is filled in; what they leave open stays
 * missing, with a note saying why (a grade not coded, a thrombus not said to be tumour).
 *
 * TNM (AJCC 8th edition, liver chapter): cT1b is "solitary > 2 cm without vascular invasion", so
 * it rules macrovascular invasion out; cT1a, cT2, cT3 and cT4 do not decide it (T1a admits
 * vascular invasion, T2/T3 say nothing of minor branches, T4 may be another organ). cN0/cN1 and
 * cM0/cM1 decide nodal and distant metastasis.
 */
import { cite } from "../evidence/index.js";
import {
  INTRAHEPATIC_SECONDARY,
  LIVER_STRUCTURE,
  LYMPH_NODE_STRUCTURE,
  SNOMED_QUALIFIER,
  TNM,
} from "./findings.js";
import { snomedFinding } from "./lookup.js";
import { LOINC, SNOMED } from "./systems.js";

export interface Coding {
  readonly system?: string | undefined;
  readonly code?: string | undefined;
}

/** One statement as the EHR makes it (a Condition or an Observation), already unwrapped. */
export interface CodedStatement {
  /** Resource reference, for "inputs used". */
  readonly id: string;
  readonly date: string;
  readonly codes: readonly Coding[];
  /** true: present / confirmed; false: absent / refuted; null: not said. */
  readonly present: boolean | null;
  /** Severity, stage or value codings (SNOMED qualifiers, AJCC categories). */
  readonly qualifiers: readonly Coding[];
  /** West Haven grade when given as an integer (0..4). */
  readonly grade?: number | undefined;
  readonly bodySites: readonly Coding[];
}

export type FindingNote =
  | "ascites-grade-not-coded"
  | "encephalopathy-grade-not-coded"
  | "portal-vein-thrombosis-not-invasion"
  | "liver-metastasis-intrahepatic"
  | "tnm-t-does-not-decide-invasion";

export interface FieldFromEhr {
  readonly path: string;
  readonly value: string | boolean;
  readonly from: string;
  readonly date: string;
}

export interface EhrFindings {
  readonly fields: readonly FieldFromEhr[];
  readonly notes: readonly { readonly note: FindingNote; readonly from: string }[];
  /** Source of the TNM reading, when a TNM category was used. */
  readonly citations: readonly string[];
}

const has = (codings: readonly Coding[], system: string, code: string) =>
  codings.some((c) => c.system === system && c.code === code);
const sct = (codings: readonly Coding[], code: string) => has(codings, SNOMED, code);

function ascitesValue(s: CodedStatement): string | undefined {
  if (s.present === false || sct(s.qualifiers, SNOMED_QUALIFIER.absent)) return "none";
  // Child–Pugh grades ascites none / slight (mild) / moderate–severe.
  if (sct(s.qualifiers, SNOMED_QUALIFIER.mild)) return "mild";
  if (sct(s.qualifiers, SNOMED_QUALIFIER.moderate) || sct(s.qualifiers, SNOMED_QUALIFIER.severe))
    return "moderate-severe";
  return undefined;
}

function encephalopathyValue(s: CodedStatement): string | undefined {
  if (s.present === false || sct(s.qualifiers, SNOMED_QUALIFIER.absent) || s.grade === 0) return "none";
  if (s.grade === 1 || s.grade === 2) return "grade-1-2";
  if (s.grade === 3 || s.grade === 4) return "grade-3-4";
  return undefined;
}

/** Reads the statements, latest first per field (a later statement overrides an earlier one). */
export function ehrFindings(statements: readonly CodedStatement[]): EhrFindings {
  const fields = new Map<string, FieldFromEhr>();
  const notes: { note: FindingNote; from: string }[] = [];
  const citations = new Set<string>();
  const latestFirst = [...statements].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const set = (path: string, value: string | boolean, s: CodedStatement) => {
    if (!fields.has(path)) fields.set(path, { path, value, from: s.id, date: s.date });
  };
  for (const s of latestFirst) {
    const tnm = s.codes.find((c) => c.system === LOINC && Object.values(TNM).includes(c.code as never));
    if (tnm) {
      const value = s.qualifiers.find((q) => q.system === TNM.ajccSystem)?.code;
      if (!value) continue;
      citations.add(cite("ajcc8Liver"));
      if (tnm.code === TNM.clinicalT) {
        if (value === "cT1b") set("vascularInvasion.present", false, s);
        else notes.push({ note: "tnm-t-does-not-decide-invasion", from: s.id });
      } else if (tnm.code === TNM.clinicalN && /^cN[01]$/.test(value)) {
        set("nodalMetastasis", value === "cN1", s);
      } else if (tnm.code === TNM.clinicalM && /^cM[01]$/.test(value)) {
        set("distantMetastasis", value === "cM1", s);
      }
      continue;
    }
    if (sct(s.codes, INTRAHEPATIC_SECONDARY.code)) {
      notes.push({ note: "liver-metastasis-intrahepatic", from: s.id });
      continue;
    }
    const finding = s.codes
      .map((c) => (c.system === SNOMED && c.code ? snomedFinding(c.code) : undefined))
      .find(Boolean);
    if (!finding) continue;
    switch (finding.field) {
      case "ascites": {
        const v = ascitesValue(s);
        if (v) set("ascites", v, s);
        else if (s.present) notes.push({ note: "ascites-grade-not-coded", from: s.id });
        break;
      }
      case "encephalopathy": {
        const v = encephalopathyValue(s);
        if (v) set("encephalopathy", v, s);
        else if (s.present) notes.push({ note: "encephalopathy-grade-not-coded", from: s.id });
        break;
      }
      case "cirrhosis":
        if (s.present !== null) set("cirrhosis", s.present, s);
        break;
      case "portalVeinThrombosis":
        // Bland or tumour thrombus is not coded: never read as macrovascular invasion.
        if (s.present) notes.push({ note: "portal-vein-thrombosis-not-invasion", from: s.id });
        break;
      case "distantMetastasis": {
        if (s.present === null) break;
        if (sct(s.bodySites, LIVER_STRUCTURE.code)) {
          notes.push({ note: "liver-metastasis-intrahepatic", from: s.id });
          break;
        }
        const nodal = sct(s.bodySites, LYMPH_NODE_STRUCTURE.code);
        if (s.present === false && s.bodySites.length === 0) {
          // "No secondary malignancy" refutes both.
          set("nodalMetastasis", false, s);
          set("distantMetastasis", false, s);
        } else set(nodal ? "nodalMetastasis" : "distantMetastasis", s.present, s);
        break;
      }
    }
  }
  const nodal = fields.get("nodalMetastasis");
  const distant = fields.get("distantMetastasis");
  const spread = [nodal, distant].find((f) => f?.value === true);
  if (spread) fields.set("extrahepaticSpread", { ...spread, path: "extrahepaticSpread" });
  else if (nodal && distant)
    fields.set("extrahepaticSpread", {
      path: "extrahepaticSpread",
      value: false,
      from: `${nodal.from}, ${distant.from}`,
      date: [nodal.date, distant.date].sort()[1] ?? nodal.date,
    });
  return { fields: [...fields.values()], notes, citations: [...citations] };
}
