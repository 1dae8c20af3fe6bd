/**
 * Reading the EHR's codes through the one terminology table: a LOINC lab with its unit checked, an
 * ECOG answer, a SNOMED CT finding, liver cancer by ICD-10 / ICD-10-CM / SNOMED CT. Pure; used by
 * the FHIR import, case derivation and CDS Hooks alike.
 */
import { ANALYTES, type Analyte } from "../units/analytes.js";
import { ECOG_ANSWERS, HCC, SNOMED_FINDINGS, type SnomedFinding } from "./findings.js";
import { LAB_CODES, type LabCode } from "./labs.js";
import { ICD10, ICD10CM, SNOMED } from "./systems.js";

export const LAB_OF_LOINC: ReadonlyMap<string, LabCode> = new Map(LAB_CODES.map((l) => [l.code, l]));

/**
 * The LOINC code an analyte is stored under: its first (conventional) code in the table. The
 * store keeps one code per analyte with the unit beside it (UCUM), so that a patient's values read
 * as one series whichever code the EHR sent; the exchange edges pick the code that matches the
 * unit ({@link loincFor}).
 */
export function storedLoinc(analyte: Analyte): string | undefined {
  return LAB_CODES.find((l) => l.analyte === analyte)?.code;
}

/** The LOINC code whose property matches a unit (molar unit → the SI code); else the stored code. */
export function loincFor(analyte: Analyte, ucum: string | null | undefined): string | undefined {
  const own = ucum ? LAB_CODES.find((l) => l.analyte === analyte && l.units.includes(ucum)) : undefined;
  return own?.code ?? storedLoinc(analyte);
}

export type LabReading =
  | { readonly status: "ok"; readonly lab: LabCode; readonly unit: string | null }
  | {
      readonly status: "invalid";
      readonly lab: LabCode;
      readonly code: "missing-unit" | "unsupported-unit";
      readonly message: string;
    };

/**
 * The analyte of a LOINC code and whether `unit` (a UCUM code, or the unit text) is one its
 * property admits; undefined when Hepatica does not read the code. A unit that belongs to the
 * same analyte's other code (mg/dL on the molar bilirubin code) is refused naming both: the code
 * or the unit is a slip, and which one cannot be told.
 */
export function readLab(code: string, unit: string | null | undefined): LabReading | undefined {
  const lab = LAB_OF_LOINC.get(code);
  if (!lab) return undefined;
  const u = unit === undefined || unit === null || unit.trim() === "" ? null : unit.trim();
  if (u === null) {
    if ("unitless" in ANALYTES[lab.analyte]) return { status: "ok", lab, unit: null };
    return {
      status: "invalid",
      lab,
      code: "missing-unit",
      message: `LOINC ${code} (${lab.display}) needs a unit: one of ${lab.units.join(", ")}`,
    };
  }
  const accepted = ANALYTES[lab.analyte].units as Readonly<Record<string, { readonly ucum: string }>>;
  const ucum = lab.units.includes(u) ? u : Object.hasOwn(accepted, u) ? accepted[u]?.ucum : undefined;
  if (ucum !== undefined && lab.units.includes(ucum)) return { status: "ok", lab, unit: ucum };
  const sibling = LAB_CODES.find(
    (o) => o.analyte === lab.analyte && o.code !== code && ucum && o.units.includes(ucum),
  );
  return {
    status: "invalid",
    lab,
    code: "unsupported-unit",
    message: sibling
      ? `LOINC ${code} (${lab.display}) carries ${lab.units.join(" or ")}, not ${u}: ${u} belongs to LOINC ${sibling.code} (${sibling.display}) — the code or the unit is wrong`
      : `LOINC ${code} (${lab.display}) carries ${lab.units.join(" or ")}, not ${u}`,
  };
}

const ECOG_OF_ANSWER: ReadonlyMap<string, number> = new Map(ECOG_ANSWERS.map((a) => [a.code, a.grade]));

/** The ECOG grade of a LOINC LL529-9 answer code; undefined for any other code. */
export function ecogOfAnswer(code: string): number | undefined {
  return ECOG_OF_ANSWER.get(code);
}

const FINDING_OF_SNOMED: ReadonlyMap<string, SnomedFinding> = new Map(
  SNOMED_FINDINGS.map((f) => [f.code, f]),
);

/** The case field a SNOMED CT finding concept decides; undefined when Hepatica does not read it. */
export function snomedFinding(code: string): SnomedFinding | undefined {
  return FINDING_OF_SNOMED.get(code);
}

/** Whether a coding is hepatocellular carcinoma (ICD-10 / ICD-10-CM C22.0, SNOMED CT 25370001). */
export function isHcc(system: string | undefined, code: string | undefined): boolean {
  if (code === undefined) return false;
  if (system === ICD10 || system === ICD10CM) return code === HCC.icd10;
  return system === SNOMED && code === HCC.snomed;
}

/** Whether a coding is a primary liver cancer in ICD-10 / ICD-10-CM (C22 and its subcodes). */
export function isLiverCancerIcd(system: string | undefined, code: string | undefined): boolean {
  return (system === ICD10 || system === ICD10CM) && code !== undefined && /^C22(\.\d{1,2})?$/.test(code);
}
