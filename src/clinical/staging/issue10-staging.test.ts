/**
 * Infiltrative HCC and untreated varices (issue §2), from BCLC 2022 (Reig 2022: "diffuse,
 * infiltrative, extensive bilobar liver involvement" in stage B, treated systemically), IMbrave150
 * (Finn 2020: untreated or incompletely treated varices with bleeding or high risk excluded),
 * HIMALAYA, and the UNOS-DS protocol (AASLD 2023 Table 4: infiltrative growth pattern excludes).
 * CNLC with a missing bilirubin (issue §6): the other four Child-Pugh items can already decide
 * "A or B".
 */
import { describe, expect, it } from "vitest";
import { assess } from "../assess.js";

const BASE = {
  sex: "male",
  ageYears: 60,
  ecog: 0,
  labs: {
    bilirubin: { value: 0.8, unit: "mg/dL" },
    albumin: { value: 4.0, unit: "g/dL" },
    inr: { value: 1.1 },
    creatinine: { value: 0.9, unit: "mg/dL" },
  },
  ascites: "none",
  encephalopathy: "none",
  tumors: [{ id: "T1", diameterCm: 6.5 }],
  infiltrative: false,
  vascularInvasion: { present: false },
  extrahepaticSpread: false,
  transplantCandidate: false,
  clinicallySignificantPortalHypertension: false,
} as const;

describe("infiltrative HCC", () => {
  it("a single infiltrative tumour is BCLC B, systemic subgroup (B3), not A", () => {
    const a = assess({ ...BASE, infiltrative: true });
    expect(a.bclc.status === "ok" && [a.bclc.stage, a.bclc.bSubgroup]).toEqual(["B", "B3-systemic"]);
    expect(a.bclc.status === "ok" && a.bclc.options).toEqual([
      "atezolizumab-bevacizumab",
      "durvalumab-tremelimumab",
    ]);
    const nodular = assess(BASE);
    expect(nodular.bclc.status === "ok" && nodular.bclc.stage).toBe("A");
  });
  it("is excluded from UNOS downstaging at inclusion", () => {
    const a = assess({ ...BASE, infiltrative: true });
    expect(
      a.unosDownstaging.status === "ok" && [a.unosDownstaging.category, a.unosDownstaging.eligible],
    ).toEqual(["excluded-infiltrative", false]);
    const nodular = assess(BASE);
    expect(nodular.unosDownstaging.status === "ok" && nodular.unosDownstaging.category).toBe("eligible");
  });
});

describe("untreated high-risk varices at BCLC C", () => {
  it("durvalumab-tremelimumab first, atezolizumab-bevacizumab only after the varices are treated", () => {
    const a = assess({
      ...BASE,
      vascularInvasion: { present: true, portalVein: "Vp2" },
      contraindications: { highRiskVaricesUntreated: true },
    });
    expect(a.bclc.status === "ok" && a.bclc.stage).toBe("C");
    expect(a.bclc.status === "ok" && a.bclc.options).toEqual(["durvalumab-tremelimumab"]);
    expect(a.bclc.status === "ok" && a.bclc.optionsReason).toMatch(/IMbrave150 excluded/);
  });
});

describe("CNLC without bilirubin", () => {
  it("four other items at 1 point: 5–7 points whatever the bilirubin → A or B, staged Ia", () => {
    const { bilirubin: _omit, ...labs } = BASE.labs;
    const a = assess({ ...BASE, tumors: [{ diameterCm: 3 }], labs });
    expect(a.childPugh.status).toBe("indeterminate");
    expect(a.cnlc.status === "ok" && a.cnlc.stage).toBe("Ia");
    expect(a.cnlc.reason).toMatch(/5–7 points whatever labs\.bilirubin/);
  });
  it("when the others give 7 points (8–10 with bilirubin), it stays indeterminate naming the bilirubin", () => {
    const a = assess({
      ...BASE,
      ascites: "mild",
      encephalopathy: "grade-1-2",
      labs: { albumin: { value: 3.0, unit: "g/dL" }, inr: { value: 1.1 } },
    });
    expect(a.cnlc.status === "indeterminate" && a.cnlc.missing).toContain("labs.bilirubin");
  });
  it("when the others already give 9 points (10–12 with bilirubin), CNLC IV (Child-Pugh C)", () => {
    const a = assess({
      ...BASE,
      ascites: "moderate-severe",
      encephalopathy: "grade-1-2",
      labs: { albumin: { value: 2.5, unit: "g/dL" }, inr: { value: 1.1 } },
    });
    expect(a.cnlc.status === "ok" && a.cnlc.stage).toBe("IV");
  });
});
