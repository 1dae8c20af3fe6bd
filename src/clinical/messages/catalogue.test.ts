import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { childPugh } from "../scores/child-pugh.js";
import { CATALOGUE, en, type MessageCode, message, render, t, translated } from "./catalogue.js";

const HAN = /\p{Script=Han}/u;

describe("message catalogue", () => {
  it("every entry renders in English and in Chinese (its variants, or sample params)", () => {
    const sample = { missing: ["labs.albumin"], paths: ["labs.albumin"], path: "labs.albumin" };
    for (const code of Object.keys(CATALOGUE) as MessageCode[]) {
      const e = CATALOGUE[code] as {
        en: (p: unknown) => string;
        zh: (p: unknown) => string;
        variants?: unknown[];
      };
      for (const p of e.variants ?? [sample]) {
        expect(e.en(p).length, code).toBeGreaterThan(0);
        expect(e.zh(p), code).toMatch(HAN);
      }
    }
  });

  it("renders input names from the vocabulary in Chinese and as paths in English", () => {
    const m = message("result.missing", { missing: ["labs.albumin", "vascularInvasion.portalVein"] });
    expect(render(m, "en")).toBe("Cannot determine — missing labs.albumin, vascularInvasion.portalVein.");
    expect(render(m, "zh")).toBe("无法判定——缺少白蛋白、门静脉癌栓分型（Vp）。");
    expect(t("zh", "field.implausible", { path: "labs.bilirubin" })).toBe(
      "总胆红素：数值不合理，请核对数值及单位",
    );
  });

  it("rules write their English from the catalogue, so the edge can render it in Chinese", () => {
    const r = childPugh(parseCase({ labs: { bilirubin: { value: 1, unit: "mg/dL" } } }).parsed);
    expect(r.status === "indeterminate" && r.reason).toBe(
      "Cannot determine — missing labs.albumin, ascites, encephalopathy. Also needed: labs.inr (or labs.ptProlongation).",
    );
    expect(translated(en("assumption.bsa-mosteller"), "zh")).toBe(
      "体表面积按Mosteller公式计算（公式由治疗方案确定）",
    );
    expect(translated(en("assumption.ecog-comorbidity", { ecog: 2 }), "zh")).toContain(
      "ECOG 2分由合并症所致",
    );
    expect(
      translated(
        en("assumption.decompensation-unreported", { unreported: ["decompensation.jaundice"] }),
        "zh",
      ),
    ).toContain("未提供黄疸");
    // A text not (yet) from the catalogue stays as written.
    expect(translated("free text", "zh")).toBe("free text");
  });
});
