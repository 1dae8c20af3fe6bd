import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { type EligibilityResult, eligibility, MODALITIES } from "./index.js";

/** The reference vignette patient (staging.json G-*): eligible for everything, single 3 cm nodule. */
const BASE = {
  sex: "male",
  ageYears: 60,
  ecog: 0,
  labs: {
    bilirubin: { value: 0.8, unit: "mg/dL" },
    albumin: { value: 4.0, unit: "g/dL" },
    inr: { value: 1.1 },
    creatinine: { value: 0.9, unit: "mg/dL" },
    platelets: { value: 150, unit: "10*9/L" },
    wbc: { value: 5.0, unit: "10*9/L" },
    neutrophils: { value: 3.0, unit: "10*9/L" },
    afp: { value: 20, unit: "ng/mL" },
  },
  ascites: "none",
  encephalopathy: "none",
  tumors: [{ id: "T1", diameterCm: 3.0 }],
  infiltrative: false,
  vascularInvasion: { present: false },
  extrahepaticSpread: false,
  y90: { extrahepaticDepositionUncorrectable: false, lungShuntFractionPercent: 5 },
} as const;

type Json = Record<string, unknown>;
function caseWith(over: Json = {}, labs: Json = {}): Json {
  return { ...BASE, ...over, labs: { ...BASE.labs, ...labs } };
}
function elig(over: Json = {}, labs: Json = {}) {
  return eligibility(parseCase(caseWith(over, labs)).parsed);
}
function v(r: EligibilityResult): string {
  return r.status === "ok" ? r.verdict : r.status;
}

describe("base patient", () => {
  it("is eligible for every modality under both profiles, listing the optional flags not assessed", () => {
    const e = elig();
    for (const m of MODALITIES) {
      if (m === "tareGlass") continue; // needs a dosimetry plan
      expect([m, v(e[m].intl), v(e[m].cn)]).toEqual([m, "eligible", "eligible"]);
    }
    expect(e.ctace.intl.notAssessed).toContain("contraindications.pregnancy");
    expect(e.ctace.intl.rule).toBe("eligibility.ctace.intl");
    expect(e.ctace.intl.citation).toMatch(/EASL/);
    expect(e.ctace.intl.profileDifference).toBeUndefined();
  });
  it("glass TARE without an activity plan is indeterminate, naming the plan inputs", () => {
    const e = elig();
    expect(e.tareGlass.intl.status).toBe("indeterminate");
    if (e.tareGlass.intl.status === "indeterminate") {
      expect(e.tareGlass.intl.missing).toEqual(["y90.targetDoseGy", "y90.perfusedVolumeMl"]);
    }
  });
});

describe("TACE renal rule [CONFLICT at exactly 2.0]", () => {
  it.each([
    [1.99, "eligible", "eligible"],
    [2.0, "contraindicated", "eligible"],
    [2.01, "contraindicated", "contraindicated"],
  ])("creatinine %s mg/dL → intl %s, cn %s", (cr, intl, cn) => {
    const e = elig({}, { creatinine: { value: cr, unit: "mg/dL" } });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual([intl, cn]);
    if (intl !== cn) expect(e.ctace.intl.profileDifference).toMatch(/Profiles differ/);
  });
  it("SI twin: 176.8 µmol/L is exactly 2.0 mg/dL", () => {
    const e = elig({}, { creatinine: { value: 176.8, unit: "umol/L" } });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual(["contraindicated", "eligible"]);
  });
  it.each([
    [29, "contraindicated"],
    [30, "eligible"],
  ])("creatinine clearance %s mL/min → %s under both", (crcl, verdict) => {
    const e = elig({}, { creatinineClearance: { value: crcl, unit: "mL/min" } });
    expect([v(e.ctace.intl), v(e.ctace.cn), v(e.tae.cn)]).toEqual([verdict, verdict, verdict]);
  });
});

describe("TACE Child-Pugh, ECOG, vascular invasion", () => {
  const b7 = {
    bilirubin: { value: 1.5, unit: "mg/dL" },
    albumin: { value: 3.0, unit: "g/dL" },
    inr: { value: 1.8 },
  };
  it("B7 → intl relative, cn eligible; B8 → intl contraindicated", () => {
    const e7 = elig({}, b7);
    expect([v(e7.ctace.intl), v(e7.ctace.cn)]).toEqual(["relative-contraindication", "eligible"]);
    // B8 through mild ascites: Child-Pugh B is within the Chinese indication, but ascites is a
    // decompensation signal (Baveno VII), relative under cn (safety/safety.ts).
    const e8 = elig({ ascites: "mild" }, b7);
    expect([v(e8.ctace.intl), v(e8.ctace.cn)]).toEqual(["contraindicated", "relative-contraindication"]);
  });
  it("Child-Pugh C contraindicates every modality", () => {
    const e = elig(
      { ascites: "moderate-severe", encephalopathy: "grade-1-2" },
      { bilirubin: { value: 3.5, unit: "mg/dL" }, albumin: { value: 2.5, unit: "g/dL" } },
    );
    for (const m of MODALITIES) expect([m, v(e[m].intl)]).toEqual([m, "contraindicated"]);
  });
  it.each([
    [1, "eligible", "eligible"],
    [2, "relative-contraindication", "eligible"],
    [3, "contraindicated", "contraindicated"],
  ])("ECOG %s → cTACE intl %s, cn %s", (ecog, intl, cn) => {
    const e = elig({ ecog });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual([intl, cn]);
  });
  it("an absolute contraindication decides despite missing inputs (alsoMissing)", () => {
    const c = caseWith({ ecog: 3 });
    delete (c.labs as Json).creatinine;
    const r = eligibility(parseCase(c).parsed).ctace.cn;
    expect(r.status).toBe("ok");
    if (r.status === "ok") {
      expect(r.verdict).toBe("contraindicated");
      expect(r.alsoMissing).toEqual(["labs.creatinine"]);
    }
  });
  it("Vp4: intl contraindicated; cn depends on occlusion and collaterals", () => {
    const vp4 = (extra: Json) =>
      elig({ vascularInvasion: { present: true, portalVein: "Vp4", ...extra } }).ctace;
    expect(v(vp4({}).intl)).toBe("contraindicated");
    const unknown = vp4({}).cn;
    expect(unknown.status === "indeterminate" && unknown.missing).toEqual([
      "vascularInvasion.mainPortalVeinCompleteOcclusion",
    ]);
    expect(v(vp4({ mainPortalVeinCompleteOcclusion: false }).cn)).toBe("eligible");
    expect(v(vp4({ mainPortalVeinCompleteOcclusion: true, adequateCollaterals: true }).cn)).toBe("eligible");
    expect(v(vp4({ mainPortalVeinCompleteOcclusion: true, adequateCollaterals: false }).cn)).toBe(
      "contraindicated",
    );
  });
  it("branch PVTT, hepatic-vein invasion, extrahepatic spread: intl relative, cn eligible", () => {
    for (const over of [
      { vascularInvasion: { present: true, portalVein: "Vp2" } },
      { vascularInvasion: { present: true, hepaticVein: "Vv2" } },
      { extrahepaticSpread: true },
    ]) {
      const e = elig(over);
      expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual(["relative-contraindication", "eligible"]);
    }
  });
  it("macrovascular invasion without a grade is indeterminate", () => {
    const r = elig({ vascularInvasion: { present: true } }).ctace.intl;
    expect(r.status === "indeterminate" && r.missing).toEqual(["vascularInvasion.portalVein"]);
  });
});

describe("TACE burden, labs and flags", () => {
  it.each([
    [69.9, "relative-contraindication", "eligible"], // > 50 %: SIR relative under intl
    [70, "contraindicated", "relative-contraindication"],
  ])("tumour %s %% of liver → intl %s, cn %s", (pct, intl, cn) => {
    const e = elig({ tumorLiverVolumePercent: pct });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual([intl, cn]);
  });
  it.each([
    [50, "eligible"],
    [50.1, "relative-contraindication"],
  ])("SIR burden %s %% → intl %s", (pct, intl) => {
    expect(v(elig({ tumorLiverVolumePercent: pct }).ctace.intl)).toBe(intl);
  });
  it.each([
    [9.9, "eligible"],
    [10, "relative-contraindication"],
  ])("largest %s cm → intl %s, cn eligible", (d, intl) => {
    const e = elig({ tumors: [{ diameterCm: d }] });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual([intl, "eligible"]);
  });
  it.each([
    [2.0, "eligible", "eligible"],
    [2.01, "relative-contraindication", "eligible"],
    [3.0, "relative-contraindication", "eligible"],
    [3.01, "relative-contraindication", "relative-contraindication"],
  ])("bilirubin %s mg/dL → intl %s, cn %s", (b, intl, cn) => {
    const e = elig({}, { bilirubin: { value: b, unit: "mg/dL" } });
    expect([v(e.tae.intl), v(e.tae.cn)]).toEqual([intl, cn]);
  });
  it("bilirubin SI twin: 34.2 µmol/L = 2.0 mg/dL (not above)", () => {
    expect(v(elig({}, { bilirubin: { value: 34.2, unit: "umol/L" } }).tae.intl)).toBe("eligible");
  });
  it.each([
    ["platelets", 50, "eligible"],
    ["platelets", 49.9, "relative-contraindication"],
    ["wbc", 3.0, "eligible"],
    ["wbc", 2.9, "relative-contraindication"],
  ])("%s %s → %s", (lab, value, verdict) => {
    expect(v(elig({}, { [lab]: { value, unit: "10*9/L" } }).ctace.cn)).toBe(verdict);
  });
  it("active infection: intl relative, cn contraindicated; anthracycline spares bland TAE", () => {
    const e = elig({ contraindications: { activeInfection: true } });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual(["relative-contraindication", "contraindicated"]);
    const a = elig({ contraindications: { anthracycline: true } });
    expect([v(a.ctace.intl), v(a.tae.intl)]).toEqual(["relative-contraindication", "eligible"]);
  });
  it("portal flow: intl contraindicated, cn relative", () => {
    const e = elig({ portalFlow: "hepatofugal" });
    expect([v(e.ctace.intl), v(e.ctace.cn)]).toEqual(["contraindicated", "relative-contraindication"]);
  });
  it("an invalid input makes the verdict invalid", () => {
    const r = elig({}, { creatinine: { value: 1, unit: "mg" } }).ctace.intl;
    expect(r.status).toBe("invalid");
  });
  it("a missing required input is indeterminate", () => {
    const c = caseWith();
    delete (c.labs as Json).platelets;
    const r = eligibility(parseCase(c).parsed).ctace.intl;
    expect(r.status === "indeterminate" && r.missing).toEqual(["labs.platelets"]);
  });
});

describe("HAIC", () => {
  it.each([
    ["platelets", 75, "eligible"],
    ["platelets", 74.9, "relative-contraindication"],
    ["neutrophils", 1.5, "eligible"],
    ["neutrophils", 1.49, "relative-contraindication"],
  ])("%s %s → %s under both", (lab, value, verdict) => {
    const e = elig({}, { [lab]: { value, unit: "10*9/L" } });
    expect([v(e.haic.intl), v(e.haic.cn)]).toEqual([verdict, verdict]);
  });
  it.each([
    [3.0, "eligible"],
    [3.01, "relative-contraindication"],
  ])("bilirubin %s → %s", (b, verdict) => {
    expect(v(elig({}, { bilirubin: { value: b, unit: "mg/dL" } }).haic.cn)).toBe(verdict);
  });
  it("oxaliplatin contraindication and CrCl < 30 contraindicate; Vp4 does not", () => {
    expect(v(elig({ contraindications: { oxaliplatin: true } }).haic.cn)).toBe("contraindicated");
    expect(v(elig({}, { creatinineClearance: { value: 29, unit: "mL/min" } }).haic.cn)).toBe(
      "contraindicated",
    );
    const vp4 = elig({
      vascularInvasion: { present: true, portalVein: "Vp4", mainPortalVeinCompleteOcclusion: true },
    });
    expect(v(vp4.haic.cn)).toBe("eligible");
    expect(vp4.haic.cn.reasons.some((r) => r.rule === "haic.vp4")).toBe(true);
  });
  it("intl carries the endorsement note; the EU label is a note", () => {
    const e = elig({}, { platelets: { value: 90, unit: "10*9/L" } });
    expect(e.haic.intl.reasons.map((r) => r.rule)).toContain("haic.endorsement");
    expect(e.haic.cn.reasons.find((r) => r.rule === "haic.oxaliplatinLabel")?.level).toBe("note");
  });
});

describe("TARE", () => {
  const y90 = (extra: Json) => ({ y90: { ...BASE.y90, ...extra } });
  it.each([
    [9.99, "eligible"],
    [10, "relative-contraindication"],
    [20, "relative-contraindication"],
    [20.01, "contraindicated"],
  ])("resin LSF %s %% → %s", (lsf, verdict) => {
    expect(v(elig(y90({ lungShuntFractionPercent: lsf })).tareResin.intl)).toBe(verdict);
  });
  it("glass lung dose: exactly 30 Gy passes, above contraindicates; cumulative > 50 contraindicates", () => {
    // 50 × 6 GBq × 10 % / 1 kg = 30 Gy
    expect(v(elig(y90({ lungShuntFractionPercent: 10, plannedActivityGBq: 6 })).tareGlass.intl)).toBe(
      "eligible",
    );
    expect(v(elig(y90({ lungShuntFractionPercent: 10, plannedActivityGBq: 6.1 })).tareGlass.intl)).toBe(
      "contraindicated",
    );
    expect(
      v(
        elig(y90({ lungShuntFractionPercent: 10, plannedActivityGBq: 6, priorLungDoseGy: 20.1 })).tareGlass
          .cn,
      ),
    ).toBe("contraindicated");
  });
  it("MAA extrahepatic deposition contraindicates both devices; Vp4 does not", () => {
    const e = elig(y90({ extrahepaticDepositionUncorrectable: true }));
    expect([v(e.tareResin.intl), v(e.tareGlass.intl)]).toEqual(["contraindicated", "contraindicated"]);
    expect(v(elig({ vascularInvasion: { present: true, portalVein: "Vp4" } }).tareResin.intl)).toBe(
      "eligible",
    );
  });
  it("clinical liver failure contraindicates", () => {
    expect(v(elig({ encephalopathy: "grade-1-2" }).tareResin.cn)).toBe("contraindicated");
  });
});

describe("ablation size rules", () => {
  const one = (d: number) => elig({ tumors: [{ diameterCm: d }] });
  it.each([
    [3.0, "eligible", "eligible", "eligible"],
    [3.01, "relative-contraindication", "eligible", "eligible"],
    [4.0, "relative-contraindication", "eligible", "eligible"],
    [4.01, "relative-contraindication", "eligible", "relative-contraindication"],
    [5.0, "relative-contraindication", "eligible", "relative-contraindication"],
    [5.01, "contraindicated", "contraindicated", "contraindicated"],
  ])("single %s cm → thermal intl %s, cn %s; cryo intl %s", (d, ti, tc, ci) => {
    const e = one(d);
    expect([v(e.thermalAblation.intl), v(e.thermalAblation.cn), v(e.cryoablation.intl)]).toEqual([
      ti,
      tc,
      ci,
    ]);
  });
  it("2–3 nodules ≤ 3 cm eligible; any > 3 cm or ≥ 4 nodules contraindicated", () => {
    expect(
      v(elig({ tumors: [{ diameterCm: 3 }, { diameterCm: 3 }, { diameterCm: 2 }] }).thermalAblation.intl),
    ).toBe("eligible");
    expect(v(elig({ tumors: [{ diameterCm: 3.1 }, { diameterCm: 1 }] }).thermalAblation.cn)).toBe(
      "contraindicated",
    );
    expect(v(elig({ tumors: [{ diameterCm: 1 }], tumorCountTotal: 4 }).cryoablation.cn)).toBe(
      "contraindicated",
    );
  });
  it("unmeasured nodules leave the size rule indeterminate", () => {
    const r = elig({ tumors: [{ diameterCm: 1 }], tumorCountTotal: 2 }).thermalAblation.intl;
    expect(r.status).toBe("indeterminate");
  });
  it("INR 1.5 eligible, 1.51 relative; no safe access contraindicates", () => {
    expect(v(elig({}, { inr: { value: 1.5 } }).thermalAblation.intl)).toBe("eligible");
    expect(v(elig({}, { inr: { value: 1.51 } }).thermalAblation.intl)).toBe("relative-contraindication");
    expect(v(elig({ ablation: { noSafeAccess: true } }).cryoablation.cn)).toBe("contraindicated");
  });
});

describe("properties", () => {
  it("never throws and always returns a known status and verdict", () => {
    const lab = fc.option(
      fc.record({
        value: fc.double({ min: -1, max: 500, noNaN: true }),
        unit: fc.constantFrom("mg/dL", "10*9/L", "umol/L", "bad"),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.record({
          ecog: fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined }),
          bilirubin: lab,
          platelets: lab,
          creatinine: lab,
          d: fc.option(fc.double({ min: 0, max: 60, noNaN: true }), { nil: undefined }),
          vp: fc.option(fc.constantFrom("Vp1", "Vp4", "Vp9"), { nil: undefined }),
          lsf: fc.option(fc.double({ min: -5, max: 120, noNaN: true }), { nil: undefined }),
        }),
        (r) => {
          const c = caseWith(
            {
              ecog: r.ecog,
              tumors: r.d === undefined ? undefined : [{ diameterCm: r.d }],
              vascularInvasion: r.vp ? { portalVein: r.vp } : undefined,
              y90: { lungShuntFractionPercent: r.lsf },
            },
            { bilirubin: r.bilirubin, platelets: r.platelets, creatinine: r.creatinine },
          );
          const e = eligibility(parseCase(c).parsed);
          for (const m of MODALITIES) {
            for (const p of ["intl", "cn"] as const) {
              const x = e[m][p];
              expect(["ok", "indeterminate", "invalid"]).toContain(x.status);
              if (x.status === "ok")
                expect(["eligible", "relative-contraindication", "contraindicated"]).toContain(x.verdict);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
