/**
 * The patient-level safety layer, from its sources: EASL 2018 TACE contraindication table
 * ("decompensated cirrhosis (Child-Pugh B ≥ 8) including jaundice, clinical hepatic
 * encephalopathy, refractory ascites and/or hepatorenal syndrome": absolute), Baveno VII
 * (decompensation = variceal bleeding, ascites, overt encephalopathy, jaundice; 6-week window of
 * an acute bleed), BCLC 2022 (decompensation → D), EANM 2022 (clinical liver failure; ECOG ≤ 2),
 * West Haven grades (grade 3 somnolence–semi-stupor, 4 coma) against ECOG 0 ("fully active").
 */
import { describe, expect, it } from "vitest";
import { assess } from "../assess.js";
import type { EligibilityResult } from "../eligibility/index.js";
import { MODALITIES } from "../eligibility/index.js";
import { plan } from "../plan.js";
import { RECENT_VARICEAL_BLEED_DAYS } from "./safety.js";

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
const caseWith = (over: Json = {}, labs: Json = {}): Json => ({
  ...BASE,
  ...over,
  labs: { ...BASE.labs, ...labs },
});
const v = (r: EligibilityResult) => (r.status === "ok" ? r.verdict : r.status);
const TRANSARTERIAL = ["ctace", "debtace", "tae", "haic", "tareResin", "tareGlass"] as const;
const LOCOREGIONAL = [...TRANSARTERIAL, "thermalAblation", "cryoablation"] as const;

describe("issue §1: decompensation reaches every modality", () => {
  it("grade 3–4 encephalopathy with Child-Pugh B7 labs: every locoregional modality contraindicated under both profiles", () => {
    // Pugh 1973: grade 3–4 = 3 points, every other item 1 point → 7 (B7).
    const a = assess(caseWith({ encephalopathy: "grade-3-4", ecog: 1 }));
    expect(a.childPugh.status === "ok" && `${a.childPugh.class}${a.childPugh.score}`).toBe("B7");
    for (const m of LOCOREGIONAL) {
      expect([m, v(a.eligibility[m].intl), v(a.eligibility[m].cn)]).toEqual([
        m,
        "contraindicated",
        "contraindicated",
      ]);
    }
    const r = a.eligibility.ctace.cn.reasons.find((x) => x.rule === "safety.encephalopathy");
    expect(r?.level).toBe("absolute");
    expect(r?.citation).toMatch(/xhyxzz\.2024-0304/);
    expect(a.bclc.status === "ok" && a.bclc.stage).toBe("D");
  });

  it("a variceal bleed 11 days ago: BCLC D and no locoregional modality eligible", () => {
    const a = assess(
      caseWith({
        assessmentDate: "2026-12-01",
        decompensation: { varicealBleeding: true, varicealBleedingDate: "2026-11-20" },
      }),
    );
    expect(a.bclc.status === "ok" && a.bclc.stage).toBe("D");
    for (const m of ["ctace", "haic", "thermalAblation", "cryoablation"] as const) {
      expect([m, v(a.eligibility[m].intl), v(a.eligibility[m].cn)]).toEqual([
        m,
        "contraindicated",
        "contraindicated",
      ]);
    }
    const sig = a.safety.signals[0];
    expect(sig?.daysAgo).toBe(11);
    expect(sig?.severity).toBe("severe");
  });

  it("the 6-week window: day 42 is recent (absolute under cn), day 43 is not (relative under cn, absolute under intl)", () => {
    const at = (days: number) =>
      assess(
        caseWith({
          assessmentDate: "2026-12-31",
          decompensation: {
            varicealBleeding: true,
            varicealBleedingDate: new Date(Date.UTC(2026, 11, 31 - days)).toISOString().slice(0, 10),
          },
        }),
      );
    expect(RECENT_VARICEAL_BLEED_DAYS).toBe(42);
    expect(v(at(42).eligibility.ctace.cn)).toBe("contraindicated");
    expect(v(at(43).eligibility.ctace.cn)).toBe("relative-contraindication");
    expect(v(at(43).eligibility.ctace.intl)).toBe("contraindicated");
  });

  it("a variceal bleed without a date: intl contraindicated; cn cannot decide its level and says which date is missing", () => {
    const a = assess(caseWith({ decompensation: { varicealBleeding: true } }));
    expect(v(a.eligibility.ctace.intl)).toBe("contraindicated");
    const cn = a.eligibility.ctace.cn;
    expect(cn.status).toBe("indeterminate");
    if (cn.status === "indeterminate")
      expect(cn.missing).toEqual(["decompensation.varicealBleedingDate", "assessmentDate"]);
  });

  it("clinical jaundice with Child-Pugh A labs: BCLC D, cTACE contraindicated, and the contradiction listed", () => {
    const a = assess(caseWith({ decompensation: { jaundice: true } }));
    expect(a.childPugh.status === "ok" && a.childPugh.class).toBe("A");
    expect(a.bclc.status === "ok" && a.bclc.stage).toBe("D");
    expect([v(a.eligibility.ctace.intl), v(a.eligibility.ctace.cn)]).toEqual([
      "contraindicated",
      "contraindicated",
    ]);
    expect(a.conflicts.map((c) => c.rule)).toEqual(["safety.conflict.jaundiceBilirubin"]);
    expect(a.conflicts[0]?.text).toMatch(/bilirubin 0\.8 mg\/dL .*< 2 mg\/dL/);
  });

  it("hepatorenal syndrome is an absolute contraindication (EASL) under both profiles", () => {
    const a = assess(caseWith({ decompensation: { hepatorenalSyndrome: true } }));
    for (const m of TRANSARTERIAL) expect([m, v(a.eligibility[m].intl)]).toEqual([m, "contraindicated"]);
    expect(v(a.eligibility.ctace.cn)).toBe("contraindicated");
  });

  it("mild ascites: intl relative (EASL lists only refractory ascites as absolute), never eligible beside BCLC D", () => {
    const a = assess(caseWith({ ascites: "mild" }));
    expect(a.bclc.status === "ok" && a.bclc.stage).toBe("D");
    expect(v(a.eligibility.ctace.intl)).toBe("relative-contraindication");
    expect(v(a.eligibility.thermalAblation.cn)).toBe("relative-contraindication");
  });

  it("no signal, every grade known: not decompensated, base patient still eligible", () => {
    const a = assess(
      caseWith({ decompensation: { jaundice: false, varicealBleeding: false, hepatorenalSyndrome: false } }),
    );
    expect(a.safety.decompensated).toBe(false);
    expect(v(a.eligibility.ctace.intl)).toBe("eligible");
    expect(a.conflicts).toEqual([]);
  });

  it("unknown encephalopathy grade: decompensation cannot be excluded — eligibility indeterminate, not eligible", () => {
    const { encephalopathy: _omit, ...rest } = caseWith();
    const a = assess({ ...rest, childPughClass: "A" });
    expect(a.safety.decompensated).toBeNull();
    const r = a.eligibility.thermalAblation.intl;
    expect(r.status).toBe("indeterminate");
    if (r.status === "indeterminate") expect(r.missing).toContain("encephalopathy");
  });
});

describe("conflicts between inputs", () => {
  it("a stated Child-Pugh class that the labs contradict is listed, and the computed class used", () => {
    const a = assess(caseWith({ childPughClass: "B" }));
    expect(a.conflicts.map((c) => c.rule)).toEqual(["safety.conflict.childPughClass"]);
    expect(a.conflicts[0]?.text).toMatch(/childPughClass B .* Child-Pugh A5; the computed class is used/);
    expect(v(a.eligibility.ctace.intl)).toBe("relative-contraindication");
  });
  it("ECOG 0 with grade 3–4 encephalopathy is flagged (West Haven 3–4 cannot be fully active)", () => {
    const a = assess(caseWith({ encephalopathy: "grade-3-4" }));
    expect(a.conflicts.map((c) => c.rule)).toContain("safety.conflict.ecogEncephalopathy");
  });
  it("liver function stated preserved despite jaundice is flagged", () => {
    const a = assess(caseWith({ liverFunctionPreserved: true, decompensation: { jaundice: true } }));
    expect(a.conflicts.map((c) => c.rule)).toContain("safety.conflict.liverFunctionPreserved");
  });
  it("an invalid date names the field", () => {
    const a = assess(caseWith({ assessmentDate: "2026-02-30" }));
    expect(a.errors?.map((e) => e.path)).toEqual(["assessmentDate"]);
  });
});

describe("issue §2: TARE performance status (EANM 2022: ECOG ≤ 2)", () => {
  it.each([
    [2, "eligible"],
    [3, "contraindicated"],
    [4, "contraindicated"],
  ])("ECOG %s → resin TARE %s", (ecog, verdict) => {
    const a = assess(caseWith({ ecog, ecogCancerRelated: true }));
    expect([v(a.eligibility.tareResin.intl), v(a.eligibility.tareResin.cn)]).toEqual([verdict, verdict]);
  });
});

describe("the plan reads the safety layer", () => {
  it("CNLC Ia resection beside jaundice carries the decompensation caveat on the line", () => {
    const p = plan(caseWith({ decompensation: { jaundice: true } }));
    const resection = p.cnlc.options.find((o) => o.code === "resection");
    expect(resection?.caveats?.map((c) => c.rule)).toContain("caveat.decompensation");
    expect(resection?.caveats?.find((c) => c.rule === "caveat.decompensation")?.citation).toMatch(
      /10\.1016\/j\.jhep\.2021\.11\.018/,
    );
  });
  it("every decompensated case: BCLC D never beside an eligible locoregional modality", () => {
    for (const over of [
      { ascites: "mild" },
      { encephalopathy: "grade-1-2" },
      { decompensation: { jaundice: true } },
      { liverFunctionPreserved: false },
    ]) {
      const a = assess(caseWith(over));
      expect(a.bclc.status === "ok" && a.bclc.stage).toBe("D");
      for (const m of MODALITIES)
        for (const p of ["intl", "cn"] as const) {
          expect([JSON.stringify(over), m, p, v(a.eligibility[m][p])]).not.toEqual([
            JSON.stringify(over),
            m,
            p,
            "eligible",
          ]);
        }
    }
  });
});
