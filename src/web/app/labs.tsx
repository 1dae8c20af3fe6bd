/**
 * Unit-aware lab entry: the units offered and the plausibility guards come from the clinical
 * analyte table (src/clinical/units/analytes.ts), so the page and the rules share one set of
 * factors and bounds; the LOINC codes come from the shared terminology (src/fhir/codes.ts), the
 * same table the server reads when it derives a case from stored observations.
 */
import { ANALYTES, type Analyte } from "../../clinical/units/analytes.js";
import { LAB_TERMS, type Lang } from "../../clinical/vocabulary/index.js";
import { ANALYTE_OF_LOINC, LOINC_OF } from "../../fhir/codes.js";

export { FINDING_SYSTEM, LOINC } from "../../fhir/codes.js";

export interface LabDef {
  readonly analyte: Analyte;
  /** Units offered in the form, first is the default (SI first). */
  readonly units: readonly string[];
}

export const LAB_DEFS: readonly LabDef[] = [
  { analyte: "bilirubin", units: ["µmol/L", "mg/dL"] },
  { analyte: "albumin", units: ["g/L", "g/dL"] },
  { analyte: "inr", units: ["1"] },
  { analyte: "creatinine", units: ["µmol/L", "mg/dL"] },
  { analyte: "sodium", units: ["mmol/L"] },
  { analyte: "afp", units: ["ng/mL", "IU/mL"] },
  { analyte: "platelets", units: ["10*9/L"] },
  { analyte: "wbc", units: ["10*9/L"] },
  { analyte: "neutrophils", units: ["10*9/L"] },
  { analyte: "ast", units: ["U/L", "ukat/L"] },
  { analyte: "alt", units: ["U/L", "ukat/L"] },
];

/** The label of a lab in a form or table: the vocabulary term, capitalised in English. */
export function labLabel(analyte: Analyte, lang: Lang): string {
  return capitalised(LAB_TERMS[analyte][lang]);
}

/** A label at the start of a line: capitalised (a no-op for Chinese). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The LOINC code stored for an analyte (the unit travels separately, as UCUM). */
export function loincOf(analyte: Analyte): string {
  const code = LOINC_OF[analyte];
  if (!code) throw new Error(`no LOINC code for ${analyte}`);
  return code;
}

export const ANALYTE_OF_CODE: ReadonlyMap<string, Analyte> = ANALYTE_OF_LOINC;

export function unitLabel(unit: string): string {
  if (unit === "1") return "(ratio)";
  return unit.replace("10*9/L", "×10⁹/L").replace("umol/L", "µmol/L").replace("ukat/L", "µkat/L");
}

/** The UCUM code the API stores for a unit spelling of the form. */
export function ucumOf(analyte: Analyte, unit: string): string {
  const def = (ANALYTES[analyte].units as Readonly<Record<string, { ucum: string }>>)[unit];
  return def?.ucum ?? unit;
}

export type LabCheck =
  | { readonly state: "empty" }
  | { readonly state: "ok"; readonly value: number }
  | { readonly state: "error"; readonly message: string };

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));

/** Checks a typed value as the clinical parser will: a number, positive where required, within the guards. */
export function checkLab(analyte: Analyte, unit: string, raw: string): LabCheck {
  const text = raw.trim().replace(",", ".");
  if (text === "") return { state: "empty" };
  const value = Number(text);
  if (!Number.isFinite(value)) return { state: "error", message: "not a number" };
  const a = ANALYTES[analyte];
  const factor = (a.units as Readonly<Record<string, { factor: number }>>)[unit]?.factor ?? 1;
  const canonical = value * factor;
  if (a.positive && canonical <= 0) return { state: "error", message: "must be greater than 0" };
  if (canonical < a.min || canonical > a.max) {
    return {
      state: "error",
      message: `outside the plausible range ${fmt(a.min / factor)}–${fmt(a.max / factor)} ${unitLabel(unit)}`,
    };
  }
  return { state: "ok", value };
}
