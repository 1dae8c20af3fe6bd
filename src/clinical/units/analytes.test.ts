import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { ANALYTES, type AnalyteDef, LAB_ANALYTES } from "./analytes.js";
import { formatQuantity, inUnit, round6 } from "./quantity.js";
import { isUcum, ucumConvert } from "./ucum.js";

const rows = Object.entries(ANALYTES as Readonly<Record<string, AnalyteDef>>).flatMap(([analyte, d]) =>
  Object.entries(d.units).map(([spelling, u]) => ({ analyte, spelling, canonical: d.canonical, ...u })),
);

describe("the analyte table against UCUM (@lhncbc/ucum-lhc)", () => {
  it.each(rows.filter((r) => r.convention === undefined).map((r) => [r.analyte, r.spelling, r] as const))(
    "%s %s: the factor is UCUM's own arithmetic",
    (_a, _s, r) => {
      const ucum = ucumConvert(1, r.ucum, r.canonical);
      expect(ucum).toBeDefined();
      expect(ucum as number).toBeCloseTo(r.factor, 12);
    },
  );

  it.each(rows.map((r) => [r.analyte, r.spelling, r.ucum] as const))(
    "%s %s: %s is valid UCUM",
    (_a, _s, code) => {
      expect(isUcum(code)).toBe(true);
    },
  );

  const table: Readonly<Record<string, AnalyteDef>> = ANALYTES;
  it.each(Object.entries(table).map(([a, d]) => [a, d.canonical, d] as const))(
    "%s: the canonical unit %s is valid UCUM and accepted",
    (_a, canonical, d) => {
      expect(isUcum(canonical)).toBe(true);
      expect(Object.values(d.units).some((u) => u.ucum === canonical && u.factor === 1)).toBe(true);
    },
  );

  it("every convention is one UCUM cannot derive (molar ↔ mass, IU, eq) and is explained", () => {
    for (const r of rows.filter((x) => x.convention !== undefined)) {
      expect(ucumConvert(1, r.ucum, r.canonical)).toBeUndefined();
      expect(r.convention?.length).toBeGreaterThan(10);
    }
  });

  it("the conventions are the exact factors of scores.md §0.1", () => {
    expect(1 / ANALYTES.bilirubin.units["umol/L"].factor).toBeCloseTo(17.1, 12);
    expect(1 / ANALYTES.creatinine.units["umol/L"].factor).toBeCloseTo(88.4, 12);
    expect(ANALYTES.afp.units["IU/mL"].factor).toBe(1.21);
    expect(ANALYTES.albumin.units["g/L"].factor).toBe(0.1);
  });

  it("plausibility guards are ordered and only INR accepts a bare number", () => {
    for (const d of Object.values(ANALYTES as Readonly<Record<string, AnalyteDef>>))
      expect(d.min).toBeLessThan(d.max);
    const unitless = Object.entries(ANALYTES as Readonly<Record<string, AnalyteDef>>).filter(
      ([, d]) => d.unitless,
    );
    expect(unitless.map(([a]) => a)).toEqual(["inr"]);
    expect(LAB_ANALYTES).not.toContain("height");
    expect(LAB_ANALYTES).toContain("bilirubin");
  });
});

describe("round6 and conversions (scores.md §0.1 [DECISION])", () => {
  // In IEEE doubles 34.2 / 17.1 happens to be exactly 2, but 51.3 / 17.1 is 2.9999999999999996 and
  // 132.6 / 88.4 is 1.4999999999999998: round6 makes them exact whichever way the factor is applied.
  it("34.2 / 17.1 → 2 and 132.6 / 88.4 → 1.5 exactly", () => {
    expect(round6(34.2 / 17.1)).toBe(2);
    expect(round6(34.2 * ANALYTES.bilirubin.units["umol/L"].factor)).toBe(2);
    expect(51.3 / 17.1).not.toBe(3);
    expect(round6(51.3 * ANALYTES.bilirubin.units["umol/L"].factor)).toBe(3);
    expect(132.6 / 88.4).not.toBe(1.5);
    expect(round6(132.6 / 88.4)).toBe(1.5);
    expect(round6(132.6 * ANALYTES.creatinine.units["umol/L"].factor)).toBe(1.5);
  });

  it("inUnit converts through the canonical value: 2 mg/dL bilirubin is 34.2 umol/L", () => {
    const q = { analyte: "bilirubin", value: 2, unit: "mg/dL", canonical: 2 } as const;
    expect(inUnit(q, "umol/L")).toBe(34.2);
    expect(() => inUnit(q, "g/L")).toThrow();
    expect(formatQuantity({ analyte: "bilirubin", value: 34.2, unit: "umol/L", canonical: 2 })).toBe(
      "34.2 umol/L (2 mg/dL)",
    );
    expect(formatQuantity({ analyte: "inr", value: 1.2, unit: "1", canonical: 1.2 })).toBe("1.2");
  });

  it("a value with up to 4 decimals survives a round trip to the other unit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 10_000),
        (v) => {
          const f = ANALYTES.bilirubin.units["umol/L"].factor;
          expect(round6(round6(v / f) * f)).toBe(v);
        },
      ),
    );
  });
});

describe("the UCUM wrapper", () => {
  it("rejects names that resolve through Object.prototype instead of throwing", () => {
    for (const s of ["constructor", "valueOf", "__proto__", "mg/valueOf"]) {
      expect(isUcum(s)).toBe(false);
      expect(ucumConvert(1, s, "mg/dL")).toBeUndefined();
    }
  });

  it("never throws and never writes to the console, whatever the string", () => {
    const log = vi.spyOn(console, "log");
    try {
      fc.assert(
        fc.property(fc.string(), (s) => {
          expect(typeof isUcum(s)).toBe("boolean");
          ucumConvert(1, s, "mg/dL");
        }),
      );
      expect(isUcum("mg per dL")).toBe(false);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
