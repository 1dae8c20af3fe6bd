import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { lungDoseGy, resinLungShuntFactor, y90Dosimetry, y90Glass, y90Resin } from "./y90.js";

const body = { height: { value: 170, unit: "cm" }, weight: { value: 70, unit: "kg" } };
const parsed = (x: Record<string, unknown>) => parseCase(x).parsed;

describe("resin LSF bands (IFU; exactly 10 % reduces, exactly 20 % still treatable)", () => {
  it.each([
    [0, 1],
    [9.99, 1],
    [10, 0.8],
    [15, 0.8],
    [15.01, 0.6],
    [20, 0.6],
    [20.01, 0],
  ])("LSF %s %% → × %s", (lsf, f) => expect(resinLungShuntFactor(lsf)).toBe(f));
});

describe("resin BSA method (staging-treatment.md §5 worked examples)", () => {
  it("whole liver: 170 cm, 70 kg, tumour 300 of 1500 mL, LSF 5 % → 1.8097 GBq, lung 4.49 Gy", () => {
    const r = y90Resin(
      parsed({ ...body, y90: { lungShuntFractionPercent: 5, liverVolumeMl: 1500, tumorVolumeMl: 300 } }),
    );
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.method).toBe("bsa");
    expect(r.bsaM2).toBeCloseTo(1.8097, 3);
    expect(r.activityGBq).toBeCloseTo(1.8097, 3);
    expect(r.lungDoseGy).toBeCloseTo(4.494, 3);
    expect(r.lungDoseWithinLimits).toBe(true);
    expect(r.assumptions).toContain("lung mass 1 kg (standard; y90.lungMassKg not given)");
  });
  it("lobar 900 of 1500 mL, LSF 12 % → 0.8686 GBq (× 0.6 × 0.8)", () => {
    const r = y90Resin(
      parsed({
        ...body,
        y90: { lungShuntFractionPercent: 12, liverVolumeMl: 1500, tumorVolumeMl: 300, perfusedVolumeMl: 900 },
      }),
    );
    expect(r.status === "ok" && r.activityGBq).toBeCloseTo(0.8686, 3);
    expect(r.status === "ok" && r.lungShuntFactor).toBe(0.8);
  });
  it("US twin (66.929 in, 154.324 lb) gives the same activity", () => {
    const us = { height: { value: 170 / 2.54, unit: "in" }, weight: { value: 70 / 0.45359237, unit: "lb" } };
    const r = y90Resin(
      parsed({ ...us, y90: { lungShuntFractionPercent: 5, liverVolumeMl: 1500, tumorVolumeMl: 300 } }),
    );
    expect(r.status === "ok" && r.activityGBq).toBeCloseTo(1.8097, 3);
  });
  it("LSF > 20 % → do not treat (activity null)", () => {
    const r = y90Resin(
      parsed({ ...body, y90: { lungShuntFractionPercent: 20.5, liverVolumeMl: 1500, tumorVolumeMl: 300 } }),
    );
    expect(r.status === "ok" && [r.treatable, r.activityGBq]).toEqual([false, null]);
  });
  it("missing height/weight and volumes are listed", () => {
    const r = y90Resin(parsed({ y90: { lungShuntFractionPercent: 5 } }));
    expect(r.status === "indeterminate" && r.missing).toEqual([
      "height",
      "weight",
      "y90.liverVolumeMl",
      "y90.tumorVolumeMl",
    ]);
  });
  it("tumour larger than the liver is invalid; a bad field is invalid", () => {
    expect(
      y90Resin(
        parsed({ ...body, y90: { lungShuntFractionPercent: 5, liverVolumeMl: 100, tumorVolumeMl: 300 } }),
      ).status,
    ).toBe("invalid");
    expect(y90Resin(parsed({ y90: { lungShuntFractionPercent: "5" } })).status).toBe("invalid");
  });
});

describe("resin partition model", () => {
  it("tumour 200 mL, normal 800 mL, TNR 3, LSF 5 %, D_N 40 Gy → 1.222 GBq", () => {
    const r = y90Resin(
      parsed({
        y90: {
          lungShuntFractionPercent: 5,
          tumorVolumeMl: 200,
          perfusedVolumeMl: 1000,
          tumorToNormalRatio: 3,
          targetNormalLiverDoseGy: 40,
        },
      }),
    );
    expect(r.status === "ok" && r.method).toBe("partition");
    expect(r.status === "ok" && r.activityGBq).toBeCloseTo(1.222, 3);
    expect(r.status === "ok" && r.tumorDoseGy).toBe(120);
  });
});

describe("glass MIRD single compartment", () => {
  it("target 120 Gy, 1000 mL, LSF 5 % → 2.602 GBq (2.472 before shunt), lung 6.51 Gy", () => {
    const r = y90Glass(
      parsed({ y90: { lungShuntFractionPercent: 5, targetDoseGy: 120, perfusedVolumeMl: 1000 } }),
    );
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.activityGBq).toBeCloseTo(2.602, 3);
    expect(r.activityBeforeShuntGBq).toBeCloseTo(2.472, 3);
    expect(r.lungDoseGy).toBeCloseTo(6.51, 2);
    expect(r.perfusedDoseGy).toBeCloseTo(120, 6);
    expect(r.assumptions.join(" ")).toMatch(/1\.03 g\/mL/);
  });
  it("lung limits: 30 Gy single inclusive, 50 Gy cumulative inclusive", () => {
    const at = (a: number, prior?: number) =>
      y90Glass(
        parsed({
          y90: {
            lungShuntFractionPercent: 10,
            plannedActivityGBq: a,
            ...(prior === undefined ? {} : { priorLungDoseGy: prior }),
          },
        }),
      );
    const r30 = at(6);
    expect(r30.status === "ok" && [r30.lungDoseGy, r30.lungDoseWithinLimits]).toEqual([30, true]);
    const r31 = at(6.2);
    expect(r31.status === "ok" && r31.lungDoseWithinLimits).toBe(false);
    const c50 = at(6, 20);
    expect(c50.status === "ok" && [c50.cumulativeLungDoseGy, c50.lungDoseWithinLimits]).toEqual([50, true]);
    const c51 = at(6, 20.5);
    expect(c51.status === "ok" && c51.lungDoseWithinLimits).toBe(false);
  });
  it("lung mass given is used instead of the 1 kg default", () => {
    const r = y90Glass(
      parsed({ y90: { lungShuntFractionPercent: 10, plannedActivityGBq: 6, lungMassKg: 1.2 } }),
    );
    expect(r.status === "ok" && r.lungDoseGy).toBeCloseTo(25, 6);
  });
  it("constants: glass 50, resin 49.67", () => {
    expect(lungDoseGy(50, 1, 100, 1)).toBe(50);
    expect(lungDoseGy(49.67, 1, 100, 1)).toBe(49.67);
  });
});

describe("properties", () => {
  it("never throws on arbitrary y90 blocks", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            "lungShuntFractionPercent",
            "liverVolumeMl",
            "tumorVolumeMl",
            "perfusedVolumeMl",
            "targetDoseGy",
            "plannedActivityGBq",
            "tumorToNormalRatio",
            "targetNormalLiverDoseGy",
            "priorLungDoseGy",
            "lungMassKg",
          ),
          fc.oneof(fc.double({ min: -10, max: 5000, noNaN: true }), fc.string()),
        ),
        (y90) => {
          const d = y90Dosimetry(parsed({ ...body, y90 }));
          expect(["ok", "indeterminate", "invalid"]).toContain(d.resin.status);
          expect(["ok", "indeterminate", "invalid"]).toContain(d.glass.status);
          if (d.glass.status === "ok") expect(Number.isFinite(d.glass.activityGBq)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
