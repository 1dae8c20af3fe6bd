import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { bsa, duboisBsa, mostellerBsa } from "./bsa.js";

const body = (h: [number, string], w: [number, string]) => ({
  height: { value: h[0], unit: h[1] },
  weight: { value: w[0], unit: w[1] },
});
const run = (input: unknown) => bsa(parseCase(input).parsed);
const ok = (input: unknown) => {
  const r = run(input);
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}: ${r.reason}`);
  return r;
};
const noReason = <T extends { reason: string }>(r: T) => ({ ...r, reason: "" });

describe("BSA worked examples (scores.md §5; clincalc tests)", () => {
  it("180 cm, 80 kg: Mosteller 2.00, DuBois 1.996", () => {
    const r = ok(body([180, "cm"], [80, "kg"]));
    expect(r.mosteller).toBe(2);
    expect(r.dubois).toBeCloseTo(1.996, 3);
    expect([r.heightCm, r.weightKg]).toEqual([180, 80]);
    expect(r.rule).toBe("bsa");
    expect(r.citation).toContain("Mosteller RD");
    expect(r.citation).toContain("Du Bois D");
    expect(r.reason).toContain("180 cm");
    expect(r.reason).toContain("80 kg");
  });

  it("175 cm, 70 kg: Mosteller 1.845 (1.84 to 2 dp), DuBois 1.848", () => {
    const r = ok(body([175, "cm"], [70, "kg"]));
    expect(r.mosteller).toBeCloseTo(1.8447, 4);
    expect(r.dubois).toBeCloseTo(1.848, 3);
  });

  it("100 cm, 36 kg: Mosteller 1.00, DuBois 0.93 (the formulas differ at small sizes)", () => {
    const r = ok(body([100, "cm"], [36, "kg"]));
    expect(r.mosteller).toBe(1);
    expect(r.dubois).toBeCloseTo(0.93, 2);
  });

  it("imperial (70.866142 in, 176.369810 lb) and metres reproduce 180 cm / 80 kg exactly", () => {
    const metric = ok(body([180, "cm"], [80, "kg"]));
    const imperial = ok(body([70.86614173228347, "in"], [176.36980974790205, "lb"]));
    const metres = ok(body([1.8, "m"], [80, "kg"]));
    expect(noReason(imperial)).toEqual(noReason(metric));
    expect(noReason(metres)).toEqual(noReason(metric));
  });
});

describe("BSA missing and invalid inputs", () => {
  it("lists every missing input", () => {
    const r = run({});
    expect(r.status === "indeterminate" && r.missing).toEqual(["height", "weight"]);
    const w = run({ height: { value: 170, unit: "cm" } });
    expect(w.status === "indeterminate" && w.missing).toEqual(["weight"]);
  });

  it("plausibility guards, both sides: height 30–272 cm, weight 1–500 kg", () => {
    expect(run(body([30, "cm"], [1, "kg"])).status).toBe("ok");
    expect(run(body([272, "cm"], [500, "kg"])).status).toBe("ok");
    expect(run(body([29.9, "cm"], [80, "kg"])).status).toBe("invalid");
    expect(run(body([272.1, "cm"], [80, "kg"])).status).toBe("invalid");
    expect(run(body([170, "cm"], [0.9, "kg"])).status).toBe("invalid");
    expect(run(body([170, "cm"], [500.1, "kg"])).status).toBe("invalid");
  });

  it("a missing or unsupported unit is invalid", () => {
    expect(run({ height: { value: 170 }, weight: { value: 70, unit: "kg" } }).status).toBe("invalid");
    expect(run(body([170, "ft"], [70, "kg"])).status).toBe("invalid");
    expect(run({ height: 170, weight: 70 }).status).toBe("invalid");
  });
});

describe("BSA properties", () => {
  const cm = fc.integer({ min: 3000, max: 27200 }).map((n) => n / 100);
  const kg = fc.integer({ min: 100, max: 50000 }).map((n) => n / 100);

  it("height in inches and weight in pounds give the identical result", () => {
    fc.assert(
      fc.property(cm, kg, (h, w) => {
        const metric = ok(body([h, "cm"], [w, "kg"]));
        const imperial = ok(body([h / 2.54, "in"], [w / 0.45359237, "lb"]));
        expect(noReason(imperial)).toEqual(noReason(metric));
      }),
    );
  });

  it("both formulas are positive and increase with weight", () => {
    fc.assert(
      fc.property(cm, kg, (h, w) => {
        expect(mostellerBsa(h, w)).toBeGreaterThan(0);
        expect(mostellerBsa(h, w + 1)).toBeGreaterThan(mostellerBsa(h, w));
        expect(duboisBsa(h, w + 1)).toBeGreaterThan(duboisBsa(h, w));
      }),
    );
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (height, weight) => {
        expect(["ok", "indeterminate", "invalid"]).toContain(run({ height, weight }).status);
      }),
    );
  });
});
