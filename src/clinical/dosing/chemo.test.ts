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
    expect(r.ctace.doxorubicinByBsa).toEqual({ lowMg: 100, highMg: 150 });
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
  it.each([
    [1.2, 1],
    [1.21, 0.5],
    [3.0, 0.5],
    [3.01, 0.25],
    [5.0, 0.25],
    [5.01, 0],
  ])("bilirubin %s mg/dL → dose factor %s", (b, f) => expect(hepaticAdjustment(b).factor).toBe(f));
  it("missing height is indeterminate", () => {
    const r = chemoDoses(parseCase({ weight: { value: 80, unit: "kg" } }).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual(["height"]);
  });
});
