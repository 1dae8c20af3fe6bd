/**
 * LOINC codes of the quantities a case reads, mass and SI (molar) codes alike, each with the LOINC
 * property it measures and the UCUM units that property admits. A value is read only when its
 * unit is one of its code's units (a molar code with a mass unit is a slip in the code or in the
 * unit, and is refused naming both). Units are UCUM codes (https://ucum.org/ucum); each one is
 * checked through the UCUM library in `terminology.test.ts` to be valid and commensurable with
 * the code's property, and to be a unit the analyte table converts (src/clinical/units).
 *
 * LOINC (https://loinc.org) property abbreviations: MCnc mass concentration, SCnc substance
 * (molar) concentration, CCnc catalytic activity concentration, NCnc number concentration,
 * RelRto relative ratio (INR), Len length, Mass mass.
 */
import type { Analyte } from "../units/analytes.js";
import { type CodeCheck, primary, secondary } from "./check.js";

export type LoincProperty = "MCnc" | "SCnc" | "CCnc" | "NCnc" | "RelRto" | "Len" | "Mass";

export interface LabCode {
  readonly code: string;
  readonly analyte: Analyte;
  readonly property: LoincProperty;
  /** LOINC long common name. */
  readonly display: string;
  /** UCUM codes this code's values may carry. */
  readonly units: readonly string[];
  readonly check: CodeCheck;
}

/** The UCUM unit each property's units must be commensurable with (INR: dimensionless). */
export const PROPERTY_BASE: Readonly<Record<LoincProperty, string>> = {
  MCnc: "g/L",
  SCnc: "mol/L",
  CCnc: "mol/(s.L)",
  NCnc: "/L",
  RelRto: "1",
  Len: "m",
  Mass: "g",
};

const TX = "tx.fhir.org expansion (LOINC 2.82) in the dQM CMS content IG, ValueSet total-bilirubin";
const MII_LAB = "Medizininformatik-Initiative (MII) laboratory ValueSets / German data-element profiles";
const US_CORE = "US Core / HL7 FHIR IG examples";
const MAPPINGS = "public ETL mapping tables (OMOP / HL7 v2 OBX) quoting the LOINC long common name";

export const LAB_CODES: readonly LabCode[] = [
  {
    code: "1975-2",
    analyte: "bilirubin",
    property: "MCnc",
    display: "Bilirubin.total [Mass/volume] in Serum or Plasma",
    units: ["mg/dL"],
    check: primary(TX),
  },
  {
    code: "42719-5",
    analyte: "bilirubin",
    property: "MCnc",
    display: "Bilirubin.total [Mass/volume] in Blood",
    units: ["mg/dL"],
    check: primary(TX),
  },
  {
    code: "14631-6",
    analyte: "bilirubin",
    property: "SCnc",
    display: "Bilirubin.total [Moles/volume] in Serum or Plasma",
    units: ["umol/L"],
    check: secondary(MAPPINGS, "Bilirubin.total [Moles/volume] in Serum or Plasma (Bilirub SerPl-sCnc)"),
  },
  {
    code: "2160-0",
    analyte: "creatinine",
    property: "MCnc",
    display: "Creatinine [Mass/volume] in Serum or Plasma",
    units: ["mg/dL"],
    check: secondary(`${MII_LAB}; ${MAPPINGS}`, "Creatinin [Masse/Volumen] in Serum oder Plasma"),
  },
  {
    code: "14682-9",
    analyte: "creatinine",
    property: "SCnc",
    display: "Creatinine [Moles/volume] in Serum or Plasma",
    units: ["umol/L"],
    check: secondary(MII_LAB, "Creatinine [Moles/volume] in Serum or Plasma (unit umol/L)"),
  },
  {
    code: "1751-7",
    analyte: "albumin",
    property: "MCnc",
    display: "Albumin [Mass/volume] in Serum or Plasma",
    units: ["g/dL", "g/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "61151-7",
    analyte: "albumin",
    property: "MCnc",
    display: "Albumin [Mass/volume] in Serum or Plasma by Bromocresol green (BCG) dye binding method",
    units: ["g/dL", "g/L"],
    check: secondary(`${MII_LAB} (GECCO); ${MAPPINGS}`),
  },
  {
    code: "61152-5",
    analyte: "albumin",
    property: "MCnc",
    display: "Albumin [Mass/volume] in Serum or Plasma by Bromocresol purple (BCP) dye binding method",
    units: ["g/dL", "g/L"],
    check: secondary(`${MII_LAB} (GECCO)`),
  },
  {
    code: "6301-6",
    analyte: "inr",
    property: "RelRto",
    display: "INR in Platelet poor plasma by Coagulation assay",
    units: ["1", "{INR}"],
    check: secondary(`${US_CORE}; ${MAPPINGS}`),
  },
  {
    code: "34714-6",
    analyte: "inr",
    property: "RelRto",
    display: "INR in Blood by Coagulation assay",
    units: ["1", "{INR}"],
    check: secondary(MAPPINGS),
  },
  {
    code: "2951-2",
    analyte: "sodium",
    property: "SCnc",
    display: "Sodium [Moles/volume] in Serum or Plasma",
    units: ["mmol/L", "meq/L"],
    check: secondary(`${MAPPINGS}; HL7 v2 OBX examples`),
  },
  {
    code: "2947-0",
    analyte: "sodium",
    property: "SCnc",
    display: "Sodium [Moles/volume] in Blood",
    units: ["mmol/L", "meq/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "1834-1",
    analyte: "afp",
    property: "MCnc",
    display: "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma",
    units: ["ng/mL", "ug/L"],
    check: secondary(`${MII_LAB} (tumour markers); ${MAPPINGS}`),
  },
  {
    code: "1920-8",
    analyte: "ast",
    property: "CCnc",
    display: "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
    units: ["U/L", "[IU]/L", "ukat/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "1742-6",
    analyte: "alt",
    property: "CCnc",
    display: "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
    units: ["U/L", "[IU]/L", "ukat/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "777-3",
    analyte: "platelets",
    property: "NCnc",
    display: "Platelets [#/volume] in Blood by Automated count",
    units: ["10*3/uL", "10*9/L"],
    check: secondary(`${MII_LAB}; ${MAPPINGS}`),
  },
  {
    code: "26515-7",
    analyte: "platelets",
    property: "NCnc",
    display: "Platelets [#/volume] in Blood",
    units: ["10*3/uL", "10*9/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "6690-2",
    analyte: "wbc",
    property: "NCnc",
    display: "Leukocytes [#/volume] in Blood by Automated count",
    units: ["10*3/uL", "10*9/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "751-8",
    analyte: "neutrophils",
    property: "NCnc",
    display: "Neutrophils [#/volume] in Blood by Automated count",
    units: ["10*3/uL", "10*9/L"],
    check: secondary(MAPPINGS),
  },
  {
    code: "1988-5",
    analyte: "crp",
    property: "MCnc",
    display: "C reactive protein [Mass/volume] in Serum or Plasma",
    units: ["mg/L", "mg/dL"],
    check: secondary(MAPPINGS),
  },
  {
    code: "8302-2",
    analyte: "height",
    property: "Len",
    display: "Body height",
    units: ["cm", "m", "[in_i]"],
    check: secondary(`${US_CORE} (vital signs)`),
  },
  {
    code: "29463-7",
    analyte: "weight",
    property: "Mass",
    display: "Body weight",
    units: ["kg", "[lb_av]"],
    check: secondary(`${US_CORE} (vital signs)`),
  },
];
