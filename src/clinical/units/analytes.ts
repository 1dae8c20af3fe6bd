/**
 * The analyte table: for each quantity the case format accepts, its canonical unit, the units
 * accepted (as written in case-format.md, mapped to their UCUM code), the exact conversion
 * factor to the canonical unit, and the plausibility guard.
 *
 * Factors are the exact conventions of scores.md §0.1 (bilirubin 17.1, creatinine 88.4,
 * albumin 10, AFP IU→ng 1.21). Mass, volume, length and count factors are checked against the
 * UCUM library (@lhncbc/ucum-lhc) in `analytes.test.ts`; molar and IU factors are conventions that
 * UCUM cannot derive without a molecular weight or assay, so they are stated here, once.
 *
 * Plausibility guards are implementation guards, not clinical rules, in both directions: `max`
 * above any value seen in a living patient, `min` below any (a creatinine of 0.028 mg/dL is 2.5
 * µmol/L typed with the wrong unit). A value outside them is rejected, and the message names the
 * accepted unit under which the number would be plausible — the likely slip (reader.ts).
 * Lower limits [DECISION]: bilirubin 0.1 mg/dL (1.7 µmol/L), creatinine 0.1 mg/dL (8.8 µmol/L),
 * albumin 1.0 g/dL (10 g/L), INR 0.5 — below the lowest values reported in adults; the case
 * format's vectors stay inside them.
 */
import { LAB_TERMS } from "../vocabulary/inputs.js";

export interface UnitDef {
  /** UCUM code of the unit. */
  readonly ucum: string;
  /** Multiply a value in this unit by `factor` to get the canonical unit. */
  readonly factor: number;
  /** Why the factor is what it is, when it is a convention rather than UCUM arithmetic. */
  readonly convention?: string;
  /** The convention is an assumption (e.g. kit-dependent): results that use it must say so. */
  readonly assumed?: true;
}

export interface AnalyteDef {
  readonly label: string;
  /** UCUM code of the canonical unit (the unit the guards are written in). */
  readonly canonical: string;
  /** Accepted spellings → unit definition. */
  readonly units: Readonly<Record<string, UnitDef>>;
  /** Inclusive plausibility bounds in the canonical unit. */
  readonly min: number;
  readonly max: number;
  /** Whether 0 is impossible (e.g. bilirubin: log taken; INR). */
  readonly positive: boolean;
  /** INR only: a bare number or a missing unit is accepted (scores.md §0.3). */
  readonly unitless?: boolean;
}

const BILI = "1 mg/dL = 17.1 umol/L (conventional factor, used exactly)";
const CREA = "1 mg/dL = 88.4 umol/L (conventional factor, used exactly)";
const AFP_IU = "1 IU/mL = 1.21 ng/mL (WHO standard 72/225; kit-dependent)";
const count = (): Readonly<Record<string, UnitDef>> => ({
  "10*9/L": { ucum: "10*9/L", factor: 1 },
  "10*3/uL": { ucum: "10*3/uL", factor: 1 },
  "10^9/L": { ucum: "10*9/L", factor: 1 },
  "10^3/uL": { ucum: "10*3/uL", factor: 1 },
});

export const ANALYTES = {
  bilirubin: {
    label: LAB_TERMS.bilirubin.en,
    canonical: "mg/dL",
    units: {
      "mg/dL": { ucum: "mg/dL", factor: 1 },
      "umol/L": { ucum: "umol/L", factor: 1 / 17.1, convention: BILI },
      "µmol/L": { ucum: "umol/L", factor: 1 / 17.1, convention: BILI },
    },
    min: 0.1,
    max: 100,
    positive: true,
  },
  albumin: {
    label: LAB_TERMS.albumin.en,
    canonical: "g/dL",
    units: { "g/dL": { ucum: "g/dL", factor: 1 }, "g/L": { ucum: "g/L", factor: 0.1 } },
    min: 1.0,
    max: 10,
    positive: true,
  },
  creatinine: {
    label: LAB_TERMS.creatinine.en,
    canonical: "mg/dL",
    units: {
      "mg/dL": { ucum: "mg/dL", factor: 1 },
      "umol/L": { ucum: "umol/L", factor: 1 / 88.4, convention: CREA },
      "µmol/L": { ucum: "umol/L", factor: 1 / 88.4, convention: CREA },
    },
    min: 0.1,
    max: 30,
    positive: true,
  },
  sodium: {
    label: LAB_TERMS.sodium.en,
    canonical: "mmol/L",
    units: {
      "mmol/L": { ucum: "mmol/L", factor: 1 },
      "mEq/L": { ucum: "meq/L", factor: 1, convention: "monovalent ion: 1 mEq/L = 1 mmol/L" },
      "meq/L": { ucum: "meq/L", factor: 1, convention: "monovalent ion: 1 mEq/L = 1 mmol/L" },
    },
    min: 90,
    max: 200,
    positive: true,
  },
  inr: {
    label: LAB_TERMS.inr.en,
    canonical: "1",
    units: { "1": { ucum: "1", factor: 1 }, "{INR}": { ucum: "{INR}", factor: 1 } },
    min: 0.5,
    max: 20,
    positive: true,
    unitless: true,
  },
  ptProlongation: {
    label: LAB_TERMS.ptProlongation.en,
    canonical: "s",
    units: { s: { ucum: "s", factor: 1 } },
    min: 0,
    max: 120,
    positive: false,
  },
  afp: {
    label: LAB_TERMS.afp.en,
    canonical: "ng/mL",
    units: {
      "ng/mL": { ucum: "ng/mL", factor: 1 },
      "ug/L": { ucum: "ug/L", factor: 1 },
      "µg/L": { ucum: "ug/L", factor: 1 },
      "IU/mL": { ucum: "[IU]/mL", factor: 1.21, convention: AFP_IU, assumed: true },
      "[IU]/mL": { ucum: "[IU]/mL", factor: 1.21, convention: AFP_IU, assumed: true },
      "kU/L": { ucum: "k[IU]/L", factor: 1.21, convention: AFP_IU, assumed: true },
      "k[IU]/L": { ucum: "k[IU]/L", factor: 1.21, convention: AFP_IU, assumed: true },
    },
    min: 0,
    max: 10_000_000,
    positive: false,
  },
  ast: {
    label: LAB_TERMS.ast.en,
    canonical: "U/L",
    units: {
      "U/L": { ucum: "U/L", factor: 1 },
      "IU/L": { ucum: "[IU]/L", factor: 1, convention: "enzyme activity: 1 IU/L = 1 U/L" },
      "[IU]/L": { ucum: "[IU]/L", factor: 1, convention: "enzyme activity: 1 IU/L = 1 U/L" },
      "ukat/L": { ucum: "ukat/L", factor: 60 },
    },
    min: 0,
    max: 50_000,
    positive: false,
  },
  alt: {
    label: LAB_TERMS.alt.en,
    canonical: "U/L",
    units: {
      "U/L": { ucum: "U/L", factor: 1 },
      "IU/L": { ucum: "[IU]/L", factor: 1, convention: "enzyme activity: 1 IU/L = 1 U/L" },
      "[IU]/L": { ucum: "[IU]/L", factor: 1, convention: "enzyme activity: 1 IU/L = 1 U/L" },
      "ukat/L": { ucum: "ukat/L", factor: 60 },
    },
    min: 0,
    max: 50_000,
    positive: false,
  },
  platelets: {
    label: LAB_TERMS.platelets.en,
    canonical: "10*9/L",
    units: count(),
    min: 0,
    max: 5000,
    positive: false,
  },
  wbc: { label: LAB_TERMS.wbc.en, canonical: "10*9/L", units: count(), min: 0, max: 1000, positive: false },
  neutrophils: {
    label: LAB_TERMS.neutrophils.en,
    canonical: "10*9/L",
    units: count(),
    min: 0,
    max: 1000,
    positive: false,
  },
  crp: {
    label: LAB_TERMS.crp.en,
    canonical: "mg/dL",
    units: { "mg/dL": { ucum: "mg/dL", factor: 1 }, "mg/L": { ucum: "mg/L", factor: 0.1 } },
    min: 0,
    max: 100,
    positive: false,
  },
  creatinineClearance: {
    label: LAB_TERMS.creatinineClearance.en,
    canonical: "mL/min",
    units: { "mL/min": { ucum: "mL/min", factor: 1 } },
    min: 0,
    max: 400,
    positive: false,
  },
  height: {
    label: LAB_TERMS.height.en,
    canonical: "cm",
    units: {
      cm: { ucum: "cm", factor: 1 },
      m: { ucum: "m", factor: 100 },
      in: { ucum: "[in_i]", factor: 2.54 },
      "[in_i]": { ucum: "[in_i]", factor: 2.54 },
    },
    min: 30,
    max: 272,
    positive: true,
  },
  diameter: {
    label: LAB_TERMS.diameter.en,
    canonical: "cm",
    units: { cm: { ucum: "cm", factor: 1 }, mm: { ucum: "mm", factor: 0.1 } },
    min: 0,
    max: 50,
    positive: true,
  },
  weight: {
    label: LAB_TERMS.weight.en,
    canonical: "kg",
    units: {
      kg: { ucum: "kg", factor: 1 },
      lb: { ucum: "[lb_av]", factor: 0.45359237 },
      "[lb_av]": { ucum: "[lb_av]", factor: 0.45359237 },
    },
    min: 1,
    max: 500,
    positive: true,
  },
} as const satisfies Record<string, AnalyteDef>;

export type Analyte = keyof typeof ANALYTES;
export type LabAnalyte = Exclude<Analyte, "height" | "weight" | "diameter">;
export const LAB_ANALYTES: readonly LabAnalyte[] = Object.keys(ANALYTES).filter(
  (k): k is LabAnalyte => k !== "height" && k !== "weight" && k !== "diameter",
);
