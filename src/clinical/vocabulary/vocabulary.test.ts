import { describe, expect, it } from "vitest";
import { assess } from "../assess.js";
import { MODALITIES } from "../eligibility/index.js";
import { OPTION_CODES } from "../staging/options.js";
import {
  BCLC_STAGE_TERMS,
  CNLC_STAGE_TERMS,
  inputLabel,
  inputTerm,
  joinList,
  MODALITY_TERMS,
  OPTION_TERMS,
  pickLang,
  RESPONSE_TERMS,
  type Term,
} from "./index.js";

const HAN = /\p{Script=Han}/u;

function everyTerm(table: Readonly<Record<string, Term>>) {
  for (const [code, t] of Object.entries(table)) {
    expect(t.en.length, code).toBeGreaterThan(0);
    expect(t.zh, code).toMatch(HAN);
  }
}

describe("vocabulary", () => {
  it("labels every modality and option code in both languages", () => {
    expect(Object.keys(MODALITY_TERMS)).toEqual([...MODALITIES]);
    expect(Object.keys(OPTION_TERMS)).toEqual([...OPTION_CODES]);
    for (const t of [MODALITY_TERMS, OPTION_TERMS, BCLC_STAGE_TERMS, CNLC_STAGE_TERMS, RESPONSE_TERMS])
      everyTerm(t);
  });

  it("writes the guideline's Chinese terms (原发性肝癌诊疗指南 2024)", () => {
    expect(OPTION_TERMS.tace.zh).toBe("经动脉化疗栓塞（TACE）");
    expect(OPTION_TERMS.haic.zh).toBe("肝动脉灌注化疗（HAIC）");
    expect(MODALITY_TERMS.cryoablation.zh).toBe("氩氦刀冷冻消融");
    expect(inputLabel("vascularInvasion.portalVein", "zh")).toBe("门静脉癌栓分型（Vp）");
    expect(inputLabel("childPughClass", "zh")).toBe("肝功能Child-Pugh分级");
  });

  it("names every input an assessment of an empty case asks for", () => {
    const a = assess({}) as unknown as Readonly<Record<string, unknown>>;
    const paths = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === "object" && v !== null)
        for (const [k, x] of Object.entries(v)) {
          if ((k === "missing" || k === "alsoMissing" || k === "optionsMissing") && Array.isArray(x))
            for (const p of x) paths.add(String(p));
          else walk(x);
        }
    };
    walk(a);
    expect(paths.size).toBeGreaterThan(20);
    const unnamed = [...paths].filter((p) => inputTerm(p) === undefined);
    expect(unnamed).toEqual([]);
  });

  it("names lab paths and tumour rows", () => {
    expect(inputLabel("labs.bilirubin", "en")).toBe("total bilirubin");
    expect(inputLabel("labs.bilirubin", "zh")).toBe("总胆红素");
    expect(inputLabel("tumors.1.diameterCm", "en")).toBe("tumour 2 diameter");
    expect(inputLabel("tumors.0.diameterCm", "zh")).toBe("第1个肿瘤直径");
    expect(inputLabel("no.such.path", "en")).toBe("no.such.path");
  });

  it("picks the language from Accept-Language by quality, English by default", () => {
    expect(pickLang(undefined)).toBe("en");
    expect(pickLang("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(pickLang("en-GB,zh;q=0.5")).toBe("en");
    expect(pickLang("fr, zh;q=0.3")).toBe("zh");
    expect(pickLang("fr")).toBe("en");
    expect(joinList(["a", "b"], "zh")).toBe("a、b");
  });
});
