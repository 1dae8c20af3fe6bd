import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { SOURCES } from "../evidence/index.js";
import { plan } from "../plan.js";
import { AGENT_TERMS, REGIMEN_SCHEDULE_TERMS, REGIMEN_TERMS } from "../vocabulary/index.js";
import { AGENT_CODES, AGENTS, REGIMEN_CODES, REGIMENS, regimenClasses } from "./catalogue.js";
import { checkRegimen } from "./contraindications.js";

/** case-001 (examples/) with a white-cell count: BCLC C by Vp2, Child-Pugh A, ECOG 0, 68 kg. */
const BASE = {
  sex: "male",
  ageYears: 63,
  height: { value: 170, unit: "cm" },
  weight: { value: 68, unit: "kg" },
  ecog: 0,
  cirrhosis: true,
  etiology: ["HBV"],
  labs: {
    bilirubin: { value: 20.5, unit: "umol/L" },
    albumin: { value: 36, unit: "g/L" },
    inr: { value: 1.1 },
    creatinine: { value: 80, unit: "umol/L" },
    sodium: { value: 138, unit: "mmol/L" },
    afp: { value: 420, unit: "ng/mL" },
    ast: { value: 52, unit: "U/L" },
    alt: { value: 41, unit: "U/L" },
    platelets: { value: 132, unit: "10*9/L" },
    wbc: { value: 5.2, unit: "10*9/L" },
  },
  ascites: "none",
  encephalopathy: "none",
  dialysis: false,
  tumors: [
    { id: "T1", diameterCm: 6.2, segment: "S7" },
    { id: "T2", diameterCm: 2.4, segment: "S8" },
    { id: "T3", diameterCm: 1.8, segment: "S5" },
  ],
  infiltrative: false,
  vascularInvasion: { present: true, portalVein: "Vp2" },
  extrahepaticSpread: false,
  transplantCandidate: false,
};

/** Every check IMbrave150 asked for before starting, recorded and normal. */
const CHECKED = {
  history: { priorLiverTransplant: false, autoimmuneDisease: false, systemicImmunosuppression: false },
  bloodPressure: { systolic: 128, diastolic: 80 },
  urineProteinGPer24h: 0.1,
  contraindications: { highRiskVaricesUntreated: false },
};

const parsed = (x: object) => parseCase({ ...BASE, ...CHECKED, ...x }).parsed;

describe("therapy catalogue", () => {
  it("holds every agent and regimen the issue lists, each with a class, a source and EN/ZH terms", () => {
    for (const r of [
      "atezolizumab-bevacizumab",
      "durvalumab-tremelimumab",
      "lenvatinib",
      "sorafenib",
      "donafenib",
      "camrelizumab-rivoceranib",
      "sintilimab-bevacizumab-biosimilar",
      "tislelizumab",
      "folfox4",
      "cik-cells",
    ])
      expect(REGIMEN_CODES).toContain(r);
    for (const code of REGIMEN_CODES) {
      const r = REGIMENS[code];
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(SOURCES[s]).toBeDefined();
      for (const a of r.agents) expect(AGENT_CODES).toContain(a);
      expect(REGIMEN_TERMS[code].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(REGIMEN_SCHEDULE_TERMS[code].en.length).toBeGreaterThan(0);
    }
    for (const a of AGENT_CODES) expect(AGENT_TERMS[a].zh).toMatch(/[\u4e00-\u9fff]/);
    expect(AGENTS["cik-cells"].class).toBe("cell-therapy");
    expect(REGIMEN_TERMS["cik-cells"].zh).toBe("CIK 细胞治疗");
    expect(regimenClasses("atezolizumab-bevacizumab")).toEqual([
      "checkpoint-inhibitor",
      "anti-vegf-antibody",
    ]);
    expect(regimenClasses("camrelizumab-rivoceranib")).toEqual([
      "checkpoint-inhibitor",
      "multikinase-inhibitor",
    ]);
  });
});

describe("contraindications read from the record", () => {
  it("finds none when every pre-treatment check is recorded and normal", () => {
    const r = checkRegimen("atezolizumab-bevacizumab", parsed({}));
    expect(r.verdict).toBe("no-contraindication-found");
    expect(r.missing).toEqual([]);
  });

  it("asks for the checks IMbrave150 required before bevacizumab instead of assuming them normal", () => {
    const r = checkRegimen("atezolizumab-bevacizumab", parseCase(BASE).parsed);
    expect(r.verdict).toBe("cannot-determine");
    expect(r.missing).toEqual([
      "history.priorLiverTransplant",
      "history.autoimmuneDisease",
      "history.systemicImmunosuppression",
      "contraindications.highRiskVaricesUntreated",
      "bloodPressure.systolic",
      "bloodPressure.diastolic",
      "urineProteinGPer24h",
    ]);
    expect(r.reason).toContain("cannot determine — missing");
  });

  it("a prior liver transplant excludes checkpoint inhibitors (IMbrave150/HIMALAYA exclusion), not lenvatinib", () => {
    const c = parsed({ history: { ...CHECKED.history, priorLiverTransplant: true } });
    expect(checkRegimen("atezolizumab-bevacizumab", c).verdict).toBe("contraindicated");
    expect(checkRegimen("durvalumab-tremelimumab", c).verdict).toBe("contraindicated");
    expect(checkRegimen("cik-cells", c).verdict).toBe("no-contraindication-found");
    const lenva = checkRegimen("lenvatinib", c);
    expect(lenva.verdict).toBe("no-contraindication-found");
    const f = checkRegimen("tislelizumab", c).findings[0];
    expect(f?.rule).toBe("ici-prior-liver-transplant");
    expect(f?.sources).toContain("finn2020Imbrave150");
  });

  it("untreated high-risk varices exclude bevacizumab but not durvalumab–tremelimumab", () => {
    const c = parsed({ contraindications: { highRiskVaricesUntreated: true } });
    expect(checkRegimen("atezolizumab-bevacizumab", c).verdict).toBe("contraindicated");
    expect(checkRegimen("sintilimab-bevacizumab-biosimilar", c).verdict).toBe("contraindicated");
    expect(checkRegimen("durvalumab-tremelimumab", c).verdict).toBe("no-contraindication-found");
  });

  it("IMbrave150's hypertension threshold (≥ 150/100 mmHg) at its boundary", () => {
    const at = (s: number, d: number) =>
      checkRegimen("atezolizumab-bevacizumab", parsed({ bloodPressure: { systolic: s, diastolic: d } }))
        .verdict;
    expect(at(149, 99)).toBe("no-contraindication-found");
    expect(at(150, 80)).toBe("contraindicated");
    expect(at(130, 100)).toBe("contraindicated");
    // A kinase inhibitor asks for the pressure to be controlled first: a caution, not an exclusion.
    const lenva = checkRegimen("lenvatinib", parsed({ bloodPressure: { systolic: 160, diastolic: 95 } }));
    expect(lenva.verdict).toBe("caution");
    expect(lenva.findings[0]?.sources).toEqual(["lenvatinibLabel"]);
  });

  it("proteinuria: ≥ 1 g/24 h excludes bevacizumab (IMbrave150); ≥ 2 g/24 h withholds lenvatinib (label)", () => {
    const p = (g: number, r: "atezolizumab-bevacizumab" | "lenvatinib") =>
      checkRegimen(r, parsed({ urineProteinGPer24h: g })).verdict;
    expect(p(0.99, "atezolizumab-bevacizumab")).toBe("no-contraindication-found");
    expect(p(1, "atezolizumab-bevacizumab")).toBe("contraindicated");
    expect(p(1.5, "lenvatinib")).toBe("no-contraindication-found");
    expect(p(2, "lenvatinib")).toBe("caution");
  });

  it("rejects a blood pressure typed in kPa and a diastolic not below the systolic, naming the field", () => {
    const { errors } = parseCase({ ...BASE, bloodPressure: { systolic: 16, diastolic: 10.7 } });
    expect(errors.map((e) => e.path)).toEqual(["bloodPressure.systolic", "bloodPressure.diastolic"]);
    expect(errors[0]?.message).toContain("was it kPa (× 7.5 = 120 mmHg)");
    const swapped = parseCase({ ...BASE, bloodPressure: { systolic: 80, diastolic: 120 } }).errors;
    expect(swapped).toEqual([
      expect.objectContaining({ path: "bloodPressure.diastolic", code: "inconsistent" }),
    ]);
  });
});

describe("the plan: systemic options and combinations", () => {
  it("BCLC C with untreated high-risk varices lists atezolizumab–bevacizumab last, contraindicated, with its reason", () => {
    const p = plan({ ...BASE, ...CHECKED, contraindications: { highRiskVaricesUntreated: true } });
    expect(p.bclc.stage).toBe("C");
    const codes = p.bclc.options.map((o) => o.code);
    expect(codes.at(-1)).toBe("atezolizumab-bevacizumab");
    const atezo = p.bclc.options.find((o) => o.code === "atezolizumab-bevacizumab");
    expect(atezo?.verdict).toBe("contraindicated");
    expect(atezo?.contraindications?.[0]).toContain("contraindications.highRiskVaricesUntreated");
    expect(p.bclc.options.find((o) => o.code === "durvalumab-tremelimumab")?.verdict).toBe("eligible");
  });

  it("missing pre-treatment checks of a systemic option reach missingToDecide", () => {
    const p = plan(BASE);
    expect(p.missingToDecide).toEqual(
      expect.arrayContaining(["urineProteinGPer24h", "history.priorLiverTransplant"]),
    );
  });

  it("TACE + lenvatinib (LAUNCH): worth discussing for case-001, lenvatinib 12 mg at 68 kg, with both guideline positions", () => {
    const launch = plan({ ...BASE, ...CHECKED }).combinations.find((x) => x.id === "launch");
    expect(launch?.status).toBe("worth-discussing");
    expect(launch?.population).toContain("12 mg/day (≥ 60 kg)");
    expect(launch?.fit?.map((f) => [f.criterion, f.met])).toEqual([
      ["advanced-stage", true],
      ["child-pugh", true],
      ["ecog", true],
      ["tace-cn", true],
    ]);
    expect(launch?.positions?.map((p) => [p.guideline, p.stance])).toEqual([
      ["BCLC 2022", "not-addressed"],
      ["CNLC 2024", "endorsed"],
    ]);
    expect(launch?.regimen?.regimen).toBe("lenvatinib");
  });

  it("LAUNCH and LEAP-012 do not fit ECOG 2 (trials: 0–1); LEAP-012 does not fit extrahepatic spread", () => {
    const ecog2 = plan({ ...BASE, ...CHECKED, ecog: 2 }).combinations;
    expect(ecog2.find((x) => x.id === "launch")?.status).toBe("not-applicable");
    expect(ecog2.find((x) => x.id === "leap012")?.status).toBe("not-applicable");
    const ehs = plan({ ...BASE, ...CHECKED, extrahepaticSpread: true }).combinations;
    expect(
      ehs.find((x) => x.id === "leap012")?.fit?.find((f) => f.criterion === "no-extrahepatic-spread")?.met,
    ).toBe(false);
  });

  it("adjuvant options apply only after a curative treatment, and say so", () => {
    const c = plan({ ...BASE, ...CHECKED }).combinations;
    for (const id of ["adjuvant-atezolizumab-bevacizumab", "adjuvant-cik"]) {
      const x = c.find((y) => y.id === id);
      expect(x?.status).toBe("not-applicable");
      expect(x?.why).toContain("curativeTreatment.modality");
    }
  });

  const resected = (tumors: object[], extra: object = {}) =>
    plan({
      ...BASE,
      ...CHECKED,
      tumors,
      vascularInvasion: { present: false, microvascular: false },
      histologicGrade: 2,
      curativeTreatment: { modality: "resection", complete: true },
      ...extra,
    }).combinations;

  it("IMbrave050 high risk after resection: > 5 cm fits; a single 3 cm grade-2 tumour without vascular invasion does not", () => {
    const big = resected([{ diameterCm: 6 }]).find((x) => x.id === "adjuvant-atezolizumab-bevacizumab");
    expect(big?.status).toBe("worth-discussing");
    expect(big?.evidence).toContain("HR 0.90");
    const small = resected([{ diameterCm: 3 }]).find((x) => x.id === "adjuvant-atezolizumab-bevacizumab");
    expect(small?.status).toBe("not-applicable");
    const mvi = resected([{ diameterCm: 3 }], {
      vascularInvasion: { present: false, microvascular: true },
    }).find((x) => x.id === "adjuvant-atezolizumab-bevacizumab");
    expect(mvi?.status).toBe("worth-discussing");
  });

  it("IMbrave050 high risk after ablation: single 2–5 cm; a single 1.8 cm tumour does not fit", () => {
    const abl = (d: number) =>
      resected([{ diameterCm: d }], { curativeTreatment: { modality: "ablation", complete: true } }).find(
        (x) => x.id === "adjuvant-atezolizumab-bevacizumab",
      )?.status;
    expect(abl(1.8)).toBe("not-applicable");
    expect(abl(3)).toBe("worth-discussing");
  });

  it("adjuvant CIK (Lee 2015) fits after a complete ablation without macrovascular invasion; BCLC does not recommend it", () => {
    const cik = resected([{ diameterCm: 2.5 }], {
      curativeTreatment: { modality: "ablation", complete: true },
    }).find((x) => x.id === "adjuvant-cik");
    expect(cik?.status).toBe("worth-discussing");
    expect(cik?.evidence).toContain("HR 0.63");
    expect(cik?.positions?.map((p) => [p.guideline, p.stance])).toEqual([
      ["BCLC 2022", "not-recommended"],
      ["CNLC 2024", "in-trials"],
    ]);
    const incomplete = resected([{ diameterCm: 2.5 }], {
      curativeTreatment: { modality: "ablation", complete: false },
    }).find((x) => x.id === "adjuvant-cik");
    expect(incomplete?.status).toBe("not-applicable");
  });
});
