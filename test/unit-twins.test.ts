/**
 * The same patient in SI and in US units gets identical results (case-format.md; scores.md
 * §0.1: exact factors, converted values rounded to 6 decimals before any threshold). Random
 * patients, every core result compared value by value (reasons differ only in the units they
 * quote).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess, CORE_ASSESSMENT_KEYS } from "../src/clinical/assess.js";

const two = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);

const usCase = fc.record({
  sex: fc.constantFrom("male", "female"),
  ageYears: fc.integer({ min: 18, max: 90 }),
  ecog: fc.integer({ min: 0, max: 4 }),
  bilirubin: two(0.1, 30),
  albumin: two(1.5, 5.5),
  creatinine: two(0.3, 8),
  inr: two(0.8, 4),
  sodium: fc.integer({ min: 115, max: 150 }),
  afp: two(1, 5000),
  crp: two(0.01, 20),
  heightIn: two(55, 78),
  weightLb: two(90, 300),
  ascites: fc.constantFrom("none", "mild", "moderate-severe"),
  encephalopathy: fc.constantFrom("none", "grade-1-2", "grade-3-4"),
  tumors: fc.array(two(0.5, 15), { minLength: 1, maxLength: 6 }),
  mvi: fc.boolean(),
  ehs: fc.boolean(),
});

type Us = typeof usCase extends fc.Arbitrary<infer T> ? T : never;

function build(p: Us, si: boolean) {
  const q = (value: number, unit: string) => ({ value, unit });
  return {
    sex: p.sex,
    ageYears: p.ageYears,
    ecog: p.ecog,
    height: si ? q(p.heightIn * 2.54, "cm") : q(p.heightIn, "in"),
    weight: si ? q(p.weightLb * 0.45359237, "kg") : q(p.weightLb, "lb"),
    dialysis: false,
    cholestaticDisease: false,
    labs: {
      bilirubin: si ? q(p.bilirubin * 17.1, "umol/L") : q(p.bilirubin, "mg/dL"),
      albumin: si ? q(p.albumin * 10, "g/L") : q(p.albumin, "g/dL"),
      creatinine: si ? q(p.creatinine * 88.4, "umol/L") : q(p.creatinine, "mg/dL"),
      inr: { value: p.inr },
      sodium: si ? q(p.sodium, "mEq/L") : q(p.sodium, "mmol/L"),
      afp: si ? q(p.afp, "ug/L") : q(p.afp, "ng/mL"),
      crp: si ? q(p.crp * 10, "mg/L") : q(p.crp, "mg/dL"),
    },
    ascites: p.ascites,
    encephalopathy: p.encephalopathy,
    tumors: p.tumors.map((d, i) => ({ id: `T${i + 1}`, diameterCm: d })),
    vascularInvasion: p.mvi ? { present: true, portalVein: "Vp2" } : { present: false },
    extrahepaticSpread: p.ehs,
    transplantCandidate: false,
  };
}

/** The values of a result without its prose (reason, citation, assumptions quote units). */
function values(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(values);
  if (x === null || typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (["reason", "citation", "assumptions", "text", "inputs", "heightCm", "weightKg"].includes(k)) continue;
    out[k] = values(v);
  }
  return out;
}

describe("SI and US twins", () => {
  it("give identical core results for random patients", () => {
    fc.assert(
      fc.property(usCase, (p) => {
        const us = assess(build(p, false));
        const si = assess(build(p, true));
        expect(si.status).toBe(us.status);
        for (const key of CORE_ASSESSMENT_KEYS) expect(values(si[key]), key).toEqual(values(us[key]));
      }),
      { numRuns: 300 },
    );
  });
});
