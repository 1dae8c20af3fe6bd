/**
 * HAP score (hepatoma arterial-embolisation prognostic), scores.md §7.1 (Kadalayil 2013).
 * One point each: albumin < 36 g/L; AFP > 400 ng/mL; bilirubin > 17 µmol/L; largest tumour
 * > 7 cm. Classes A = 0, B = 1, C = 2, D = 3–4.
 *
 * [DECISION] scores.md §7.1: the albumin cut-off is 36 g/L (the paper's "g/dL" is a unit slip);
 * the bilirubin cut-off is applied in µmol/L after exact conversion, so 1.0 mg/dL (17.1 µmol/L)
 * scores 1 (vector hap-04). Every value exactly at its cut-off scores 0.
 */
import type { ParsedCase } from "../case/types.js";
import { sizesMissingPath, tumorBurden } from "../criteria/burden.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { conversionAssumptions, formatQuantity, inUnit, type Quantity } from "../units/quantity.js";
import { AFP_MISSING_PATH } from "./afp-input.js";

export const HAP_RULE = "hap";
const CITATION = cite("kadalayil2013Hap");

export const HAP_CUTS = { albuminGPerL: 36, afpNgPerMl: 400, bilirubinUmolPerL: 17, largestCm: 7 } as const;

export type HapClass = "A" | "B" | "C" | "D";

export interface HapPoints {
  readonly albumin: 0 | 1;
  readonly afp: 0 | 1;
  readonly bilirubin: 0 | 1;
  readonly size: 0 | 1;
}

export interface HapValues {
  readonly score: number;
  readonly class: HapClass;
  readonly points: HapPoints;
}

export type HapResult = RuleResult<HapValues>;

export function hapClass(score: number): HapClass {
  return score <= 0 ? "A" : score === 1 ? "B" : score === 2 ? "C" : "D";
}

/** The four HAP inputs, gathered once for HAP and mHAP-II. */
export type HapInputs =
  | {
      readonly ok: true;
      readonly albumin: Quantity;
      readonly afp: Quantity;
      readonly bilirubin: Quantity;
      readonly largestCm: number;
      readonly count: number;
      readonly text: string;
      readonly assumptions: string[];
    }
  | { readonly ok: false; readonly errors: FieldError[]; readonly missing: string[] };

export function hapInputs(c: ParsedCase): HapInputs {
  const errors: FieldError[] = [];
  const missing: string[] = [];
  const pick = (f: ParsedCase["labs"]["albumin"], path: string) => {
    if (f.state === "invalid") errors.push(...f.errors);
    else if (f.state === "absent") missing.push(path);
    return f.state === "present" ? f.value : undefined;
  };
  const albumin = pick(c.labs.albumin, "labs.albumin");
  const bilirubin = pick(c.labs.bilirubin, "labs.bilirubin");
  const afp = pick(c.labs.afp, AFP_MISSING_PATH);
  const b = tumorBurden(c);
  if (b.state === "invalid") errors.push(...b.errors);
  else if (b.state === "absent") missing.push("tumors");
  else if (
    b.value.largestKnownCm === undefined ||
    (b.value.unmeasured > 0 && b.value.largestKnownCm <= HAP_CUTS.largestCm)
  ) {
    missing.push(sizesMissingPath(b.value));
  }
  if (errors.length > 0 || missing.length > 0 || !albumin || !bilirubin || !afp || b.state !== "present") {
    return { ok: false, errors, missing };
  }
  const largestCm = b.value.largestKnownCm as number;
  return {
    ok: true,
    albumin,
    afp,
    bilirubin,
    largestCm,
    count: b.value.count,
    text: `albumin ${formatQuantity(albumin)}, AFP ${formatQuantity(afp)}, bilirubin ${formatQuantity(bilirubin)}, largest ${largestCm} cm`,
    assumptions: conversionAssumptions(afp),
  };
}

export function hapPoints(i: Extract<HapInputs, { ok: true }>): HapPoints {
  return {
    albumin: inUnit(i.albumin, "g/L") < HAP_CUTS.albuminGPerL ? 1 : 0,
    afp: i.afp.canonical > HAP_CUTS.afpNgPerMl ? 1 : 0,
    bilirubin: inUnit(i.bilirubin, "umol/L") > HAP_CUTS.bilirubinUmolPerL ? 1 : 0,
    size: i.largestCm > HAP_CUTS.largestCm ? 1 : 0,
  };
}

export function hap(c: ParsedCase): HapResult {
  const i = hapInputs(c);
  if (!i.ok) {
    return i.errors.length > 0
      ? invalid(HAP_RULE, CITATION, i.errors)
      : indeterminate(HAP_RULE, CITATION, i.missing);
  }
  const points = hapPoints(i);
  const score = points.albumin + points.afp + points.bilirubin + points.size;
  const cls = hapClass(score);
  return {
    status: "ok",
    rule: HAP_RULE,
    score,
    class: cls,
    points,
    reason:
      `HAP ${score} (class ${cls}; A 0, B 1, C 2, D 3–4): ${i.text}; one point each for albumin < ${HAP_CUTS.albuminGPerL} g/L ` +
      `(${points.albumin}), AFP > ${HAP_CUTS.afpNgPerMl} ng/mL (${points.afp}), bilirubin > ${HAP_CUTS.bilirubinUmolPerL} µmol/L (${points.bilirubin}), largest > ${HAP_CUTS.largestCm} cm (${points.size}).`,
    citation: CITATION,
    ...(i.assumptions.length > 0 ? { assumptions: i.assumptions } : {}),
  };
}
