/**
 * Child-Pugh (Child-Turcotte-Pugh) score, Pugh 1973 points version (scores.md §1).
 *
 * Bands (canonical units, both ends of the middle band inclusive):
 * bilirubin mg/dL <2 / 2–3 / >3 (cholestatic PBC/PSC: <4 / 4–10 / >10);
 * albumin g/dL >3.5 / 2.8–3.5 / <2.8; INR <1.7 / 1.7–2.3 / >2.3, or PT prolongation
 * s <4 / 4–6 / >6; ascites none / mild / moderate-severe; encephalopathy none / grade 1–2 /
 * grade 3–4. Class A 5–6, B 7–9, C 10–15.
 *
 * [DECISION] scores.md §1: albumin middle band 2.8–3.5 (not 3.0–3.5); INR bands <1.7/1.7–2.3/>2.3;
 * INR preferred when both INR and PT are given; SI cut-offs by exact conversion (17.1), so
 * 34 µmol/L (1.99 mg/dL) scores 1 point.
 */

import type { ChildPughClass, ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { en } from "../messages/catalogue.js";
import { type Field, gather, indeterminate, invalid, need, notComputed, type RuleResult } from "../result.js";
import { formatQuantity, type Quantity } from "../units/quantity.js";

export const CHILD_PUGH_RULE = "childPugh";
const COAGULATION_PATH = "labs.inr (or labs.ptProlongation)";
const CITATION = cite("pugh1973");

/** Points for a value against [low, high]: < low → 1, low..high → 2, > high → 3. */
function band(x: number, low: number, high: number): 1 | 2 | 3 {
  return x < low ? 1 : x <= high ? 2 : 3;
}

export const BILIRUBIN_BANDS = { standard: [2.0, 3.0], cholestatic: [4.0, 10.0] } as const;
export const INR_BANDS = [1.7, 2.3] as const;
export const PT_BANDS = [4, 6] as const;
/** Albumin scores in reverse: > 3.5 → 1, 2.8–3.5 → 2, < 2.8 → 3. */
export const ALBUMIN_BANDS = [2.8, 3.5] as const;

export interface ChildPughValues {
  readonly score: number;
  readonly class: ChildPughClass;
  readonly points: {
    readonly bilirubin: number;
    readonly albumin: number;
    readonly coagulation: number;
    readonly ascites: number;
    readonly encephalopathy: number;
  };
  readonly coagulationBasis: "INR" | "PT";
  readonly bilirubinScale: "standard" | "cholestatic";
}

export type ChildPughResult = RuleResult<ChildPughValues>;

export function childPughClass(score: number): ChildPughClass {
  return score <= 6 ? "A" : score <= 9 ? "B" : "C";
}

const CATEGORY_POINTS = {
  none: 1,
  mild: 2,
  "moderate-severe": 3,
  "grade-1-2": 2,
  "grade-3-4": 3,
} as const;

const albuminPoints = (g: number): 1 | 2 | 3 => (g > ALBUMIN_BANDS[1] ? 1 : g >= ALBUMIN_BANDS[0] ? 2 : 3);

/**
 * The range of Child-Pugh scores still possible when some of the five items are missing: known
 * items score as in {@link childPugh}, each missing one 1–3 points. `undefined` when an item is
 * invalid. Lets a rule that needs only "A or B" (CNLC I–III) or "C" decide without the missing
 * item when the range already does (e.g. four items at 1 point: 5–7, never C).
 */
export function childPughRange(
  c: ParsedCase,
): { readonly min: number; readonly max: number; readonly missing: readonly string[] } | undefined {
  const cholestatic = c.cholestaticDisease.state === "present" && c.cholestaticDisease.value;
  const [bLow, bHigh] = BILIRUBIN_BANDS[cholestatic ? "cholestatic" : "standard"];
  const inr = c.labs.inr;
  const pt = c.labs.ptProlongation;
  const coag =
    inr.state !== "absent" || pt.state === "absent"
      ? { f: inr, points: (x: number) => band(x, INR_BANDS[0], INR_BANDS[1]) }
      : { f: pt, points: (x: number) => band(x, PT_BANDS[0], PT_BANDS[1]) };
  const items: readonly [string, Field<Quantity>, (x: number) => number][] = [
    ["labs.bilirubin", c.labs.bilirubin, (x) => band(x, bLow, bHigh)],
    ["labs.albumin", c.labs.albumin, albuminPoints],
    [COAGULATION_PATH, coag.f, coag.points],
  ];
  let min = 0;
  let max = 0;
  const missing: string[] = [];
  for (const [path, f, points] of items) {
    if (f.state === "invalid") return undefined;
    if (f.state === "absent") {
      missing.push(path);
      min += 1;
      max += 3;
    } else {
      min += points(f.value.canonical);
      max += points(f.value.canonical);
    }
  }
  for (const [path, f] of [
    ["ascites", c.ascites],
    ["encephalopathy", c.encephalopathy],
  ] as const) {
    if (f.state === "invalid") return undefined;
    if (f.state === "absent") {
      missing.push(path);
      min += 1;
      max += 3;
    } else {
      min += CATEGORY_POINTS[f.value];
      max += CATEGORY_POINTS[f.value];
    }
  }
  return { min, max, missing };
}

export function childPugh(c: ParsedCase): ChildPughResult {
  const inr = c.labs.inr;
  const pt = c.labs.ptProlongation;
  // INR is used when both are given ([DECISION] scores.md §1); an invalid INR is not replaced by PT.
  const coag: { basis: "INR" | "PT"; field: Field<Quantity> } =
    inr.state !== "absent" || pt.state === "absent"
      ? { basis: "INR", field: inr }
      : { basis: "PT", field: pt };
  const g = gather({
    bilirubin: need("labs.bilirubin", c.labs.bilirubin),
    albumin: need("labs.albumin", c.labs.albumin),
    coagulation: need(COAGULATION_PATH, coag.field),
    ascites: need("ascites", c.ascites),
    encephalopathy: need("encephalopathy", c.encephalopathy),
  });
  if (!g.ok) {
    if (g.status === "invalid") return invalid(CHILD_PUGH_RULE, CITATION, g.errors);
    // The coagulation item has two alternative inputs; the public vectors (S-inv-01 vs S-cp-19)
    // name it in `missing` only once the four single-input items are known. It is never dropped:
    // until then it is listed in `alsoMissing`.
    const single = g.missing.filter((p) => p !== COAGULATION_PATH);
    if (single.length > 0 && single.length < g.missing.length) {
      const also = en("result.also-missing", { missing: [COAGULATION_PATH] });
      return { ...indeterminate(CHILD_PUGH_RULE, CITATION, single, also), alsoMissing: [COAGULATION_PATH] };
    }
    return notComputed(CHILD_PUGH_RULE, CITATION, g);
  }
  const v = g.values;
  const cholestatic = c.cholestaticDisease.state === "present" && c.cholestaticDisease.value;
  const scale = cholestatic ? "cholestatic" : "standard";
  const [bLow, bHigh] = BILIRUBIN_BANDS[scale];
  const albumin = v.albumin.canonical;
  const points = {
    bilirubin: band(v.bilirubin.canonical, bLow, bHigh),
    albumin: albuminPoints(albumin),
    coagulation:
      coag.basis === "INR"
        ? band(v.coagulation.canonical, INR_BANDS[0], INR_BANDS[1])
        : band(v.coagulation.canonical, PT_BANDS[0], PT_BANDS[1]),
    ascites: CATEGORY_POINTS[v.ascites],
    encephalopathy: CATEGORY_POINTS[v.encephalopathy],
  };
  const score =
    points.bilirubin + points.albumin + points.coagulation + points.ascites + points.encephalopathy;
  const cls = childPughClass(score);
  const assumptions =
    c.cholestaticDisease.state === "absent" ? [en("assumption.cholestatic-default")] : undefined;
  const coagText =
    coag.basis === "INR"
      ? `INR ${formatQuantity(v.coagulation)} → ${points.coagulation} (<1.7 / 1.7–2.3 / >2.3)`
      : `PT +${v.coagulation.value} s → ${points.coagulation} (<4 / 4–6 / >6 s)`;
  return {
    status: "ok",
    rule: CHILD_PUGH_RULE,
    score,
    class: cls,
    points,
    coagulationBasis: coag.basis,
    bilirubinScale: scale,
    reason:
      `Child-Pugh ${score} (class ${cls}; A 5–6, B 7–9, C 10–15): ` +
      `bilirubin ${formatQuantity(v.bilirubin)} → ${points.bilirubin} (${scale} bands <${bLow} / ${bLow}–${bHigh} / >${bHigh} mg/dL); ` +
      `albumin ${formatQuantity(v.albumin)} → ${points.albumin} (>3.5 / 2.8–3.5 / <2.8 g/dL); ${coagText}; ` +
      `ascites ${v.ascites} → ${points.ascites}; encephalopathy ${v.encephalopathy} → ${points.encephalopathy}.`,
    citation: CITATION,
    ...(assumptions ? { assumptions } : {}),
  };
}
