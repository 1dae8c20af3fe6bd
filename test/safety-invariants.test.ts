/**
 * Safety invariants over random whole patients (fast-check, 10 000 runs):
 * - any decompensation signal → no transarterial modality "eligible" under intl (EASL 2018 TACE
 *   table; EANM 2022; BCLC 2022 stage D);
 * - BCLC D never beside an "eligible" locoregional modality, under either profile (every such
 *   verdict carries its reason);
 * - a dose never exceeds its cap (DEB-TACE 150 mg, Lipiodol 20 mL, doxorubicin 75 mg/m² × BSA ×
 *   the label's hepatic factor);
 * - a unit-converted twin (SI units, micro sign or Greek mu, case variants) gives the same results.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "../src/clinical/assess.js";
import { DEB_MAX_DOXORUBICIN_MG, DOXORUBICIN_MG_PER_M2, LIPIODOL_ML } from "../src/clinical/dosing/chemo.js";
import { type EligibilityResult, MODALITIES } from "../src/clinical/eligibility/index.js";

const RUNS = 10_000;
const two = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const patient = fc.record({
  ecog: fc.integer({ min: 0, max: 4 }),
  ecogCancerRelated: maybe(fc.boolean()),
  bilirubin: two(0.1, 12),
  albumin: two(1.5, 5.5),
  creatinine: two(0.3, 6),
  inr: two(0.8, 3.5),
  platelets: fc.integer({ min: 20, max: 400 }),
  wbc: two(1, 15),
  neutrophils: two(0.5, 10),
  ascites: fc.constantFrom("none", "mild", "moderate-severe"),
  encephalopathy: fc.constantFrom("none", "grade-1-2", "grade-3-4"),
  jaundice: maybe(fc.boolean()),
  bleed: maybe(fc.boolean()),
  bleedDaysAgo: maybe(fc.integer({ min: 0, max: 400 })),
  hrs: maybe(fc.boolean()),
  childPughClass: maybe(fc.constantFrom("A", "B", "C")),
  liverFunctionPreserved: maybe(fc.boolean()),
  tumors: fc.array(two(0.5, 14), { minLength: 1, maxLength: 6 }),
  infiltrative: fc.boolean(),
  mvi: fc.constantFrom("none", "Vp2", "Vp4"),
  ehs: fc.boolean(),
  transplantCandidate: maybe(fc.boolean()),
  csph: maybe(fc.boolean()),
  varices: maybe(fc.boolean()),
  heightCm: two(150, 195),
  weightKg: two(45, 120),
  lsf: two(0, 25),
});
type P = typeof patient extends fc.Arbitrary<infer T> ? T : never;

const ASSESSED = "2026-12-01";
const dayBefore = (days: number) => new Date(Date.UTC(2026, 11, 1 - days)).toISOString().slice(0, 10);

function build(p: P, si: boolean, spelling: 0 | 1 | 2) {
  const q = (value: number, unit: string) => ({ value, unit });
  const micro = ["umol/L", "µmol/L", "μmol/L"][spelling] as string;
  return {
    sex: "male",
    ageYears: 60,
    assessmentDate: ASSESSED,
    ecog: p.ecog,
    ...(p.ecogCancerRelated === undefined ? {} : { ecogCancerRelated: p.ecogCancerRelated }),
    height: si ? q(p.heightCm / 100, "m") : q(p.heightCm, "cm"),
    weight: q(p.weightKg, "kg"),
    labs: {
      bilirubin: si
        ? q(Math.round(p.bilirubin * 17.1 * 1e6) / 1e6, micro)
        : q(p.bilirubin, spelling === 2 ? "mg/dl" : "mg/dL"),
      albumin: si ? q(Math.round(p.albumin * 10 * 1e6) / 1e6, "g/L") : q(p.albumin, "g/dL"),
      creatinine: si ? q(Math.round(p.creatinine * 88.4 * 1e6) / 1e6, micro) : q(p.creatinine, "mg/dL"),
      inr: { value: p.inr },
      platelets: q(p.platelets, si ? "10*9/L" : "10*3/uL"),
      wbc: q(p.wbc, "10*9/L"),
      neutrophils: q(p.neutrophils, "10*9/L"),
    },
    ascites: p.ascites,
    encephalopathy: p.encephalopathy,
    decompensation: {
      ...(p.jaundice === undefined ? {} : { jaundice: p.jaundice }),
      ...(p.bleed === undefined ? {} : { varicealBleeding: p.bleed }),
      ...(p.bleed && p.bleedDaysAgo !== undefined ? { varicealBleedingDate: dayBefore(p.bleedDaysAgo) } : {}),
      ...(p.hrs === undefined ? {} : { hepatorenalSyndrome: p.hrs }),
    },
    ...(p.childPughClass === undefined ? {} : { childPughClass: p.childPughClass }),
    ...(p.liverFunctionPreserved === undefined ? {} : { liverFunctionPreserved: p.liverFunctionPreserved }),
    ...(p.csph === undefined ? {} : { clinicallySignificantPortalHypertension: p.csph }),
    ...(p.transplantCandidate === undefined ? {} : { transplantCandidate: p.transplantCandidate }),
    tumors: p.tumors.map((d, i) =>
      si
        ? { id: `T${i + 1}`, diameterCm: { value: Math.round(d * 10 * 1e6) / 1e6, unit: "mm" } }
        : { id: `T${i + 1}`, diameterCm: d },
    ),
    infiltrative: p.infiltrative,
    vascularInvasion: p.mvi === "none" ? { present: false } : { present: true, portalVein: p.mvi },
    extrahepaticSpread: p.ehs,
    ...(p.varices === undefined ? {} : { contraindications: { highRiskVaricesUntreated: p.varices } }),
    y90: { extrahepaticDepositionUncorrectable: false, lungShuntFractionPercent: p.lsf },
  };
}

const verdict = (r: EligibilityResult) => (r.status === "ok" ? r.verdict : r.status);
const TRANSARTERIAL = ["ctace", "debtace", "tae", "haic", "tareResin", "tareGlass"] as const;

/** The decision values of an assessment (no prose: reasons quote the units they were given in). */
function decisions(a: ReturnType<typeof assess>) {
  const e = Object.fromEntries(
    MODALITIES.map((m) => [m, [verdict(a.eligibility[m].intl), verdict(a.eligibility[m].cn)]]),
  );
  return {
    status: a.status,
    childPugh: a.childPugh.status === "ok" ? a.childPugh.score : a.childPugh.status,
    meld: a.meld.status === "ok" ? a.meld.score : a.meld.status,
    bclc: a.bclc.status === "ok" ? [a.bclc.stage, a.bclc.bSubgroup ?? null, a.bclc.options] : a.bclc.status,
    cnlc: a.cnlc.status === "ok" ? a.cnlc.stage : a.cnlc.status,
    safety: [
      a.safety.decompensated,
      a.safety.signals.map((s) => `${s.kind}:${s.severity}`),
      a.conflicts.map((c) => c.rule),
    ],
    eligibility: e,
    doses:
      a.doses.status === "ok"
        ? [a.doses.hepaticAdjustment.doseFactor, a.doses.debtace.doxorubicinByBsaCapped.highMg]
        : a.doses.status,
  };
}

describe("safety invariants over random whole patients", () => {
  it(`hold for ${RUNS} patients`, () => {
    fc.assert(
      fc.property(patient, fc.constantFrom<0 | 1 | 2>(0, 1, 2), (p, spelling) => {
        const a = assess(build(p, false, spelling));
        expect(a.status, JSON.stringify(a.errors)).toBe("ok");
        // 1. decompensation → no transarterial modality eligible under intl
        if (a.safety.signals.length > 0) {
          for (const m of TRANSARTERIAL)
            expect([m, verdict(a.eligibility[m].intl)]).not.toEqual([m, "eligible"]);
        }
        // 2. BCLC D never beside an eligible locoregional modality
        if (a.bclc.status === "ok" && a.bclc.stage === "D") {
          for (const m of MODALITIES)
            for (const pr of ["intl", "cn"] as const)
              expect([m, pr, verdict(a.eligibility[m][pr])]).not.toEqual([m, pr, "eligible"]);
        }
        // 3. doses within their caps
        if (a.doses.status === "ok") {
          const d = a.doses;
          const f = d.hepaticAdjustment.doseFactor ?? 1;
          expect(d.debtace.doxorubicinByBsaCapped.highMg).toBeLessThanOrEqual(
            DEB_MAX_DOXORUBICIN_MG * f + 1e-9,
          );
          expect(d.debtace.doxorubicinByBsaCapped.highMg).toBeLessThanOrEqual(
            d.debtace.doxorubicinMaxMg + 1e-9,
          );
          expect(d.ctace.doxorubicinByBsa.highMg).toBeLessThanOrEqual(
            DOXORUBICIN_MG_PER_M2.high * d.bsaM2 * f + 0.05,
          );
          if (d.ctace.lipiodolMl.suggested !== null)
            expect(d.ctace.lipiodolMl.suggested).toBeLessThanOrEqual(LIPIODOL_ML.usualMax);
          if (p.bilirubin >= 1.2) expect(f).toBeLessThanOrEqual(0.5);
        }
        // 4. the unit-converted twin decides the same
        expect(decisions(assess(build(p, true, spelling)))).toEqual(decisions(a));
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
  }, 120_000);
});
