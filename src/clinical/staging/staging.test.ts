import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { milan } from "../criteria/milan.js";
import { ucsf } from "../criteria/ucsf.js";
import { upToSeven } from "../criteria/up-to-seven.js";
import { childPugh } from "../scores/child-pugh.js";
import { ajcc8 } from "./ajcc8.js";
import { type BclcResult, bclc } from "./bclc.js";
import { type CnlcResult, cnlc } from "./cnlc.js";
import { stagingDisagreements } from "./concordance.js";

/** A compensated Child-Pugh A5, ECOG 0 patient; tumours and overrides per test. */
const BASE = {
  ecog: 0,
  labs: {
    bilirubin: { value: 0.8, unit: "mg/dL" },
    albumin: { value: 4.0, unit: "g/dL" },
    inr: { value: 1.1 },
  },
  ascites: "none",
  encephalopathy: "none",
  infiltrative: false,
  vascularInvasion: { present: false },
  extrahepaticSpread: false,
  adjacentOrganInvasion: false,
  visceralPeritoneumPerforation: false,
} as const;

function run(input: Record<string, unknown>) {
  const c = parseCase(input).parsed;
  const cp = childPugh(c);
  const burden = { milan: milan(c), ucsf: ucsf(c), upToSeven: upToSeven(c) };
  return { bclc: bclc(c, { childPugh: cp, ...burden }), cnlc: cnlc(c, { childPugh: cp }), ajcc8: ajcc8(c) };
}

function caseWith(diameters: readonly number[], extra: Record<string, unknown> = {}) {
  return { ...BASE, tumors: diameters.map((d) => ({ diameterCm: d })), ...extra };
}

const stageOf = (r: BclcResult | CnlcResult | ReturnType<typeof ajcc8>): string =>
  r.status !== "ok" ? r.status : "stageGroup" in r ? r.stageGroup : r.stage;

describe("BCLC 2022 stages (staging-treatment.md §1.1, §7.2)", () => {
  it.each([
    [[2.0], "0"],
    [[2.1], "A"],
    [[12], "A"],
    [[3.0, 3.0, 2.0], "A"],
    [[3.1, 1.0], "B"],
    [[1, 1, 1, 1], "B"],
  ])("%j → %s", (d, stage) => {
    expect(stageOf(run(caseWith(d)).bclc)).toBe(stage);
  });

  it.each([
    [0, "A"],
    [1, "C"],
    [2, "C"],
    [3, "D"],
    [4, "D"],
  ])("ECOG %i gate → %s", (ecog, stage) => {
    expect(stageOf(run(caseWith([2.5], { ecog })).bclc)).toBe(stage);
  });

  it("ECOG is read as cancer-related unless ecogCancerRelated: false, and says so", () => {
    const related = run(caseWith([2.5], { ecog: 1 })).bclc;
    expect(related.status === "ok" && related.assumptions?.join(" ")).toMatch(/ecogCancerRelated not given/);
    const comorbid = run(caseWith([2.5], { ecog: 3, ecogCancerRelated: false })).bclc;
    expect(comorbid).toMatchObject({ status: "ok", stage: "A", ecogForStaging: 0 });
  });

  it("Child-Pugh gates: A → by burden; B7 without decompensation → missing liverFunctionPreserved; C → D", () => {
    expect(stageOf(run(caseWith([2.5])).bclc)).toBe("A");
    const b7 = run(
      caseWith([2.5], {
        labs: {
          ...BASE.labs,
          albumin: { value: 3.0, unit: "g/dL" },
          bilirubin: { value: 2.5, unit: "mg/dL" },
        },
      }),
    );
    expect(b7.bclc.status === "indeterminate" && b7.bclc.missing).toEqual(["liverFunctionPreserved"]);
    expect(stageOf(b7.cnlc)).toBe("Ia");
    const stated = run(caseWith([2.5], { labs: b7Labs(), liverFunctionPreserved: true }));
    expect(stageOf(stated.bclc)).toBe("A");
    const c = run(
      caseWith([2.5], {
        labs: {
          bilirubin: { value: 4, unit: "mg/dL" },
          albumin: { value: 2.5, unit: "g/dL" },
          inr: { value: 2.5 },
        },
      }),
    );
    expect(stageOf(c.bclc)).toBe("D");
    expect(stageOf(c.cnlc)).toBe("IV");
  });

  it("decompensation → D whatever the Child-Pugh class (D by exclusion, stated)", () => {
    const r = run(caseWith([2.5], { ascites: "mild" })).bclc;
    expect(r).toMatchObject({ status: "ok", stage: "D", liverFunction: "not-preserved" });
    expect(r.reason).toMatch(/JUDGEMENT/);
    expect(stageOf(run(caseWith([2.5], { decompensation: { varicealBleeding: true } })).bclc)).toBe("D");
  });

  it("C needs D excluded: PVTT with unknown ECOG is indeterminate; known D decides despite missing data", () => {
    const { ecog: _e, ...noEcog } = caseWith([4], { vascularInvasion: { portalVein: "Vp3" } });
    const r = run(noEcog).bclc;
    expect(r.status === "indeterminate" && r.missing).toEqual(["ecog"]);
    expect(stageOf(run({ ecog: 4 }).bclc)).toBe("D");
    expect(stageOf(run(caseWith([4], { vascularInvasion: { portalVein: "Vp3" } })).bclc)).toBe("C");
  });

  it("missing and invalid inputs", () => {
    const r = run(caseWith([2.0], { tumorCountTotal: 2 })).bclc;
    expect(r.status === "indeterminate" && r.missing).toEqual(["tumors[].diameterCm (all 2 nodules)"]);
    expect(stageOf(run(caseWith([3.5], { tumorCountTotal: 2 })).bclc)).toBe("B");
    expect(run(caseWith([2.0], { ecog: 7 })).bclc.status).toBe("invalid");
    expect(run(caseWith([-2])).bclc.status).toBe("invalid");
    const empty = run({}).bclc;
    expect(empty.status).toBe("indeterminate");
  });
});

function b7Labs() {
  return { ...BASE.labs, albumin: { value: 3.0, unit: "g/dL" }, bilirubin: { value: 2.5, unit: "mg/dL" } };
}

describe("BCLC options (§1.3, §1.5, §7.3–7.4)", () => {
  it("0: resection + ablation when resectable, ablation otherwise; ULN default stated", () => {
    const r = run(caseWith([1.8], { clinicallySignificantPortalHypertension: false })).bclc;
    expect(r).toMatchObject({ stage: "0", options: ["resection", "ablation"] });
    expect(r.status === "ok" && r.assumptions?.join(" ")).toMatch(/1\.2 mg\/dL/);
    const high = run(
      caseWith([1.8], {
        clinicalySignificant: 1,
        clinicallySignificantPortalHypertension: false,
        bilirubinUpperLimitNormal: { value: 0.7, unit: "mg/dL" },
      }),
    ).bclc;
    expect(high).toMatchObject({ options: ["ablation"] });
  });

  it("A single: resection / transplant / ablation / ablation or TACE (stage migration) / TACE", () => {
    expect(run(caseWith([5.0], { clinicallySignificantPortalHypertension: false })).bclc).toMatchObject({
      options: ["resection"],
      alternatives: [],
    });
    const csph = { clinicallySignificantPortalHypertension: true };
    expect(run(caseWith([4], { ...csph, transplantCandidate: true })).bclc).toMatchObject({
      options: ["liver-transplant"],
    });
    expect(run(caseWith([2.5], { ...csph, transplantCandidate: false })).bclc).toMatchObject({
      options: ["ablation"],
      treatmentStageMigration: null,
    });
    const mid = run(caseWith([4], { ...csph, transplantCandidate: false })).bclc;
    expect(mid).toMatchObject({
      options: ["ablation", "tace"],
      treatmentStageMigration: { toStage: "B", options: ["tace"] },
    });
    // beyond Milan: transplant candidacy does not matter
    expect(run(caseWith([6], csph)).bclc).toMatchObject({
      optionsStatus: "ok",
      options: ["tace"],
      alternatives: ["tare"],
    });
  });

  it("A: options indeterminate when CSPH / candidacy unknown, with conditional options", () => {
    const r = run(caseWith([4])).bclc;
    expect(r).toMatchObject({ status: "ok", stage: "A", optionsStatus: "indeterminate" });
    if (r.status === "ok" && r.optionsStatus === "indeterminate") {
      expect([...r.optionsMissing].sort()).toEqual([
        "clinicallySignificantPortalHypertension",
        "transplantCandidate",
      ]);
      expect(r.conditionalOptions[0]).toEqual({
        when: "no CSPH and bilirubin ≤ ULN",
        options: ["resection"],
      });
    }
  });

  it("B subgroups: B1 by extended criteria, B2 TACE, B3 systemic (with migration), infiltrative → B3", () => {
    const multi = [4, 3, 2, 2];
    const suitable = {
      wellDefinedNodules: true,
      portalFlowPreserved: true,
      selectiveAccessFeasible: true,
      extensiveBilobar: false,
    };
    expect(run(caseWith(multi, { transplantCandidate: false, tace: suitable })).bclc).toMatchObject({
      bSubgroup: "B2-tace",
      options: ["tace"],
    });
    expect(
      run(caseWith(multi, { transplantCandidate: false, tace: { ...suitable, extensiveBilobar: true } }))
        .bclc,
    ).toMatchObject({
      bSubgroup: "B3-systemic",
      options: ["atezolizumab-bevacizumab", "durvalumab-tremelimumab"],
      treatmentStageMigration: { toStage: "C" },
    });
    // up-to-seven: 4 + 4 = 8 → beyond; UCSF beyond (count) → TACE branch
    expect(
      run(
        caseWith(multi, {
          transplantCandidate: true,
          extendedTransplantCriterion: "upToSeven",
          tace: suitable,
        }),
      ).bclc,
    ).toMatchObject({ bSubgroup: "B2-tace" });
    expect(
      run(caseWith([2, 1, 1, 1], { transplantCandidate: true, extendedTransplantCriterion: "upToSeven" }))
        .bclc,
    ).toMatchObject({ bSubgroup: "B1-transplant", options: ["liver-transplant"] });
    expect(
      run(caseWith(multi, { transplantCandidate: true, withinExtendedTransplantCriteria: true })).bclc,
    ).toMatchObject({ bSubgroup: "B1-transplant" });
    expect(run(caseWith(multi, { infiltrative: true })).bclc).toMatchObject({ bSubgroup: "B3-systemic" });
    const unknown = run(caseWith(multi, { transplantCandidate: true })).bclc;
    expect(unknown).toMatchObject({
      optionsStatus: "indeterminate",
      optionsMissing: ["withinExtendedTransplantCriteria"],
    });
    expect(unknown).not.toHaveProperty("bSubgroup");
  });

  it("C options driven by contraindications", () => {
    const ehs = { extrahepaticSpread: true };
    expect(run(caseWith([4], ehs)).bclc).toMatchObject({
      options: ["atezolizumab-bevacizumab", "durvalumab-tremelimumab"],
    });
    expect(
      run(caseWith([4], { ...ehs, contraindications: { bevacizumab: true, immunotherapy: false } })).bclc,
    ).toMatchObject({
      options: ["durvalumab-tremelimumab"],
      alternatives: ["sorafenib", "lenvatinib", "durvalumab"],
    });
    expect(run(caseWith([4], { ...ehs, contraindications: { immunotherapy: true } })).bclc).toMatchObject({
      options: ["sorafenib", "lenvatinib"],
    });
    expect(run(caseWith([4], { ...ehs, contraindications: { bevacizumab: "yes" } })).bclc).toMatchObject({
      stage: "C",
      optionsStatus: "invalid",
    });
  });

  it("D: best supportive care; transplant for end-stage liver within Milan in a candidate", () => {
    expect(run(caseWith([2.5], { ecog: 3 })).bclc).toMatchObject({ options: ["best-supportive-care"] });
    expect(run(caseWith([2.5], { ascites: "mild", transplantCandidate: true })).bclc).toMatchObject({
      options: ["liver-transplant"],
    });
    expect(run(caseWith([6], { ascites: "mild", transplantCandidate: true })).bclc).toMatchObject({
      options: ["best-supportive-care"],
    });
  });
});

describe("CNLC (§2.1–2.3)", () => {
  it.each([
    [[5.0], "Ia"],
    [[5.1], "Ib"],
    [[3.0, 2.0], "Ib"],
    [[3.1, 2.0], "IIa"],
    [[1, 1, 1, 1], "IIb"],
  ])("%j → %s", (d, stage) => {
    expect(stageOf(run(caseWith(d)).cnlc)).toBe(stage);
  });

  it.each([
    [0, "Ia"],
    [1, "Ia"],
    [2, "Ia"],
    [3, "IV"],
  ])("ECOG %i gate (as given) → %s", (ecog, stage) => {
    expect(stageOf(run(caseWith([2.5], { ecog, ecogCancerRelated: false })).cnlc)).toBe(stage);
  });

  it("IIIa/IIIb, sub-situations and options", () => {
    const branch = run(caseWith([4], { vascularInvasion: { portalVein: "Vp3" } })).cnlc;
    expect(branch).toMatchObject({
      stage: "IIIa",
      subSituation: "branch-thrombus",
      firstChoice: null,
      optionsOrdered: false,
    });
    expect(branch.status === "ok" && branch.options).toContain("resection");
    const trunk = run(
      caseWith([4], {
        vascularInvasion: {
          portalVein: "Vp4",
          mainPortalVeinCompleteOcclusion: true,
          adequateCollaterals: false,
        },
      }),
    ).cnlc;
    expect(trunk).toMatchObject({
      subSituation: "main-trunk-thrombus",
      options: ["systemic-therapy", "haic", "radiotherapy"],
    });
    const ungraded = run(caseWith([4], { vascularInvasion: { present: true } })).cnlc;
    expect(ungraded).toMatchObject({
      stage: "IIIa",
      optionsStatus: "indeterminate",
      optionsMissing: ["vascularInvasion.portalVein"],
    });
    const iiib = run(
      caseWith([4], { extrahepaticSpread: true, vascularInvasion: { portalVein: "Vp4" } }),
    ).cnlc;
    expect(iiib).toMatchObject({ stage: "IIIb", firstChoice: "systemic-therapy" });
    expect(iiib.status === "ok" && iiib.firstLineSystemic?.length).toBeGreaterThan(5);
    expect(run(caseWith([4])).cnlc).toMatchObject({ firstChoice: "resection", optionsOrdered: true });
  });

  it("missing and invalid", () => {
    const r = run(caseWith([4], { vascularInvasion: { portalVein: "Vp3" }, extrahepaticSpread: null })).cnlc;
    expect(r.status === "indeterminate" && r.missing).toEqual(["extrahepaticSpread"]);
    expect(run(caseWith([2.0], { tumorCountTotal: 2 })).cnlc.status).toBe("indeterminate");
    expect(run(caseWith([2.0], { ecog: 7 })).cnlc.status).toBe("invalid");
  });
});

describe("AJCC 8th (§3.1)", () => {
  it.each([
    [[2.0], {}, "T1a", "IA"],
    [[2.1], {}, "T1b", "IB"],
    [[3.0], { vascularInvasion: { present: false, microvascular: true } }, "T2", "II"],
    [[3.0], { vascularInvasion: { present: false, microvascular: false } }, "T1b", "IB"],
    [[1.5], { vascularInvasion: { present: false, microvascular: true } }, "T1a", "IA"],
    [[5.0, 2.0], {}, "T2", "II"],
    [[5.1, 2.0], {}, "T3", "IIIA"],
    [[3], { vascularInvasion: { portalVein: "Vp2" } }, "T2", "II"],
    [[3], { vascularInvasion: { portalVein: "Vp3" } }, "T4", "IIIB"],
    [[3], { vascularInvasion: { hepaticVein: "Vv2" } }, "T4", "IIIB"],
    [[3], { adjacentOrganInvasion: true }, "T4", "IIIB"],
  ])("%j %j → %s %s", (d, extra, T, group) => {
    expect(run(caseWith(d, extra)).ajcc8).toMatchObject({ status: "ok", T, stageGroup: group });
  });

  it("clinical T1b says pathology may upgrade", () => {
    const r = run(caseWith([3])).ajcc8;
    expect(r).toMatchObject({ T: "T1b", clinicalOnly: true });
    expect(r.status === "ok" && r.assumptions?.join(" ")).toMatch(/pathology may upgrade/);
  });

  it("N1 → IVA, M1 → IVB (any T)", () => {
    expect(
      run(caseWith([3], { extrahepaticSpread: true, nodalMetastasis: true, distantMetastasis: false })).ajcc8,
    ).toMatchObject({ N: "N1", M: "M0", stageGroup: "IVA" });
    expect(run({ distantMetastasis: true }).ajcc8).toMatchObject({ M: "M1", stageGroup: "IVB", T: null });
    const r = run(caseWith([3], { extrahepaticSpread: true, nodalMetastasis: true })).ajcc8;
    expect(r.status === "indeterminate" && r.missing).toEqual(["distantMetastasis"]);
  });
});

describe("SI/US unit twins give identical stages", () => {
  it.each([
    [
      {
        bilirubin: { value: 34.2, unit: "umol/L" },
        albumin: { value: 35, unit: "g/L" },
        inr: { value: 1.1 },
      },
      { bilirubin: { value: 2, unit: "mg/dL" }, albumin: { value: 3.5, unit: "g/dL" }, inr: { value: 1.1 } },
    ],
    [
      {
        bilirubin: { value: 13.68, unit: "umol/L" },
        albumin: { value: 40, unit: "g/L" },
        inr: { value: 1.1 },
      },
      { bilirubin: { value: 0.8, unit: "mg/dL" }, albumin: { value: 4, unit: "g/dL" }, inr: { value: 1.1 } },
    ],
  ])("%j ≡ %j", (si, us) => {
    for (const d of [[1.8], [4], [4, 3, 2, 2]]) {
      const extra = {
        clinicallySignificantPortalHypertension: false,
        transplantCandidate: false,
        liverFunctionPreserved: undefined,
      };
      const a = run(caseWith(d, { ...extra, labs: si }));
      const b = run(caseWith(d, { ...extra, labs: us }));
      const strip = (r: object) =>
        JSON.parse(JSON.stringify(r, (k, v) => (k === "reason" || k === "optionsReason" ? undefined : v)));
      expect(strip(a)).toEqual(strip(b));
    }
  });
});

describe("concordance (§2.4)", () => {
  it("lists where BCLC and CNLC disagree, with rule id, text and citation", () => {
    const ecog = run(caseWith([4, 2], { ecog: 2 }));
    const rows = stagingDisagreements(ecog.bclc, ecog.cnlc);
    expect(rows.map((r) => r.rule)).toContain("ecog-1-2-small-tumour");
    expect(rows[0]?.citation).toContain("Reig");
    const pvtt = run(caseWith([4], { vascularInvasion: { portalVein: "Vp4" } }));
    expect(stagingDisagreements(pvtt.bclc, pvtt.cnlc).map((r) => r.rule)).toEqual(["main-pvtt", "haic"]);
    const b7 = run(caseWith([2.5], { labs: b7Labs() }));
    expect(stagingDisagreements(b7.bclc, b7.cnlc).map((r) => r.rule)).toEqual(["cp-b-no-decompensation"]);
    const a = run(caseWith([2.5], { clinicallySignificantPortalHypertension: false }));
    expect(stagingDisagreements(a.bclc, a.cnlc)).toEqual([]);
  });
});

const BCLC_ORDER = ["0", "A", "B", "C", "D"];
const CNLC_ORDER = ["Ia", "Ib", "IIa", "IIb", "IIIa", "IIIb", "IV"];
const AJCC_ORDER = ["IA", "IB", "II", "IIIA", "IIIB", "IVA", "IVB"];

describe("properties", () => {
  const diameter = fc.integer({ min: 1, max: 150 }).map((x) => x / 10);
  const scenario = fc.record({
    tumours: fc.array(diameter, { minLength: 1, maxLength: 6 }),
    extra: diameter,
    ecog: fc.integer({ min: 0, max: 4 }),
    mvi: fc.constantFrom<Record<string, unknown>>(
      { present: false },
      { portalVein: "Vp2" },
      { portalVein: "Vp4" },
      { present: false, microvascular: true },
    ),
    ehs: fc.boolean(),
    ascites: fc.constantFrom("none", "mild"),
  });

  it("random cases never throw", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = run(input as Record<string, unknown>);
        for (const x of Object.values(r)) expect(["ok", "indeterminate", "invalid"]).toContain(x.status);
      }),
    );
    fc.assert(
      fc.property(scenario, fc.option(fc.boolean()), fc.option(fc.boolean()), (s, lt, csph) => {
        const r = run(
          caseWith(s.tumours, {
            ecog: s.ecog,
            vascularInvasion: s.mvi,
            extrahepaticSpread: s.ehs,
            ascites: s.ascites,
            transplantCandidate: lt,
            clinicallySignificantPortalHypertension: csph,
          }),
        );
        for (const x of Object.values(r)) expect(["ok", "indeterminate", "invalid"]).toContain(x.status);
        stagingDisagreements(r.bclc, r.cnlc);
      }),
    );
  });

  it("adding a nodule never lowers a stage", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const common = {
          ecog: s.ecog,
          vascularInvasion: s.mvi,
          extrahepaticSpread: s.ehs,
          distantMetastasis: s.ehs,
          nodalMetastasis: false,
          ascites: s.ascites,
        };
        const before = run(caseWith(s.tumours, common));
        const after = run(caseWith([...s.tumours, s.extra], common));
        for (const [key, order] of [
          ["bclc", BCLC_ORDER],
          ["cnlc", CNLC_ORDER],
          ["ajcc8", AJCC_ORDER],
        ] as const) {
          const x = stageOf(before[key]);
          const y = stageOf(after[key]);
          expect(order).toContain(x); // every input given: always staged
          expect(order).toContain(y);
          expect(order.indexOf(y)).toBeGreaterThanOrEqual(order.indexOf(x));
        }
      }),
    );
  });
});
