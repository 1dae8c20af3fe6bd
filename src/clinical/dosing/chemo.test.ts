import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { chemoDoses, hepaticAdjustment } from "./chemo.js";

describe("chemotherapy doses by BSA", () => {
  it("180 cm / 80 kg (Mosteller 2.0 m²): doxorubicin 100–150 mg, FOLFOX oxaliplatin 170 / 260 mg", () => {
    const r = chemoDoses(
      parseCase({
        height: { value: 180, unit: "cm" },
        weight: { value: 80, unit: "kg" },
        tumors: [{ diameterCm: 4 }, { diameterCm: 2 }],
      }).parsed,
    );
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.ctace.doxorubicinByBsa).toMatchObject({ lowMg: 100, highMg: 150, factor: null });
    expect(r.ctace.doxorubicinByBsa.band).toMatch(/bilirubin not given/);
    expect(r.debtace.doxorubicinByBsaCapped.highMg).toBe(150);
    expect(r.debtace.beadVolumeMlForMax).toEqual({ low: 4, high: 6 });
    expect(r.haic.he2019.oxaliplatinMg).toBe(170);
    expect(r.haic.fohaic1.oxaliplatinMg).toBe(260);
    expect(r.ctace.lipiodolMl.suggested).toBe(6);
    expect(r.hepaticAdjustment.doseFactor).toBeNull();
    expect(r.assumptions[0]).toMatch(/Mosteller/);
  });
  it("DEB cap 150 mg applies above 2 m²", () => {
    const r = chemoDoses(
      parseCase({ height: { value: 200, unit: "cm" }, weight: { value: 110, unit: "kg" } }).parsed,
    );
    expect(r.status === "ok" && r.debtace.doxorubicinByBsaCapped.highMg).toBe(150);
    expect(r.status === "ok" && r.ctace.lipiodolMl.suggested).toBeNull();
  });
  // Doxorubicin label, hepatic impairment: "serum bilirubin 1.2 to 3 mg/dL: 50 % of normal dose;
  // 3.1 to 5 mg/dL: 25 %; > 5 mg/dL: do not administer" — 1.2 and 3 belong to the 50 % band.
  it.each([
    [1.19, 1],
    [1.2, 0.5],
    [3.0, 0.5],
    [3.01, 0.25],
    [3.1, 0.25],
    [5.0, 0.25],
    [5.01, 0],
  ])("bilirubin %s mg/dL → dose factor %s", (b, f) => expect(hepaticAdjustment(b).factor).toBe(f));
  it("the reduced amounts are the amounts returned, each stating its band", () => {
    const r = chemoDoses(
      parseCase({
        height: { value: 180, unit: "cm" },
        weight: { value: 80, unit: "kg" },
        labs: { bilirubin: { value: 1.2, unit: "mg/dL" } },
      }).parsed,
    );
    if (r.status !== "ok") throw new Error(r.reason);
    expect(r.ctace.doxorubicinByBsa).toEqual({
      lowMg: 50,
      highMg: 75,
      factor: 0.5,
      band: "bilirubin 1.2–3 mg/dL: give 50 % of the dose",
    });
    expect(r.ctace.doxorubicinFixed).toMatchObject({ lowMg: 15, highMg: 37.5, factor: 0.5 });
    expect(r.debtace.doxorubicinByBsaCapped).toMatchObject({ lowMg: 50, highMg: 75, factor: 0.5 });
    expect(r.debtace.doxorubicinMaxMg).toBe(75);
    expect(r.ctace.epirubicinFixed.band).toMatch(/not adjusted/);
    expect(r.reason).toContain("50–75 mg (50 % of the full range)");
    expect(r.reason).not.toContain("100–150");
  });
  it("bilirubin above 5 mg/dL: no doxorubicin amount is returned", () => {
    const r = chemoDoses(
      parseCase({
        height: { value: 180, unit: "cm" },
        weight: { value: 80, unit: "kg" },
        labs: { bilirubin: { value: 5.5, unit: "mg/dL" } },
      }).parsed,
    );
    if (r.status !== "ok") throw new Error(r.reason);
    expect([r.ctace.doxorubicinByBsa.highMg, r.debtace.doxorubicinByBsaCapped.highMg]).toEqual([0, 0]);
  });
  it("missing height is indeterminate", () => {
    const r = chemoDoses(parseCase({ weight: { value: 80, unit: "kg" } }).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual(["height"]);
  });
});
