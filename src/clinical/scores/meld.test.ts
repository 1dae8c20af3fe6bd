import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { DIALYSIS_ASSUMPTION, meld } from "./meld.js";

interface Labs {
  bili?: number | [number, string];
  cr?: number | [number, string];
  inr?: number;
  dialysis?: unknown;
}
const qty = (x: number | [number, string]) =>
  typeof x === "number" ? { value: x, unit: "mg/dL" } : { value: x[0], unit: x[1] };
/** `dialysis` defaults to false; "absent" leaves it out of the case. */
const input = ({ bili, cr, inr, dialysis = false }: Labs) => ({
  ...(dialysis === "absent" ? {} : { dialysis }),
  labs: {
    ...(bili === undefined ? {} : { bilirubin: qty(bili) }),
    ...(cr === undefined ? {} : { creatinine: qty(cr) }),
    ...(inr === undefined ? {} : { inr: { value: inr } }),
  },
});
const run = (l: Labs) => meld(parseCase(input(l)).parsed);
const ok = (l: Labs) => {
  const r = run(l);
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}: ${r.reason}`);
  return r;
};
const noReason = <T extends { reason: string }>(r: T) => ({ ...r, reason: "" });

describe("MELD worked examples (scores.md §3.5, OPTN Policy 9)", () => {
  it("bilirubin 2.0, INR 1.5, creatinine 1.2 → 10 × 1.53361 → 15", () => {
    const r = ok({ bili: 2, inr: 1.5, cr: 1.2 });
    expect(r.unrounded).toBeCloseTo(15.3361, 3);
    expect([r.score, r.uncappedScore]).toEqual([15, 15]);
    expect(r.rule).toBe("meld");
    expect(r.citation).toContain("Kamath PS");
    expect(r.reason).toContain("bilirubin 2 mg/dL");
    expect(r.reason).toContain("0.957·ln(Cr)");
  });

  it("creatinine 1.9, bilirubin 4.2, INR 1.2 → 20.04 → 20 (ameld)", () => {
    const r = ok({ bili: 4.2, inr: 1.2, cr: 1.9 });
    expect(r.unrounded).toBeCloseTo(20.0392, 3);
    expect(r.score).toBe(20);
  });

  it("bilirubin 2.0, INR 1.5, creatinine 1.5 → 17.47 → 17 (clincalc)", () => {
    const r = ok({ bili: 2, inr: 1.5, cr: 1.5 });
    expect(r.unrounded).toBeCloseTo(17.47, 2);
    expect(r.score).toBe(17);
  });

  it("dialysis sets creatinine to 4.0: bilirubin 3.0, INR 1.5, creatinine 1.0 → 28.3908 → 28", () => {
    const r = ok({ bili: 3, inr: 1.5, cr: 1, dialysis: true });
    expect(r.creatinineUsed).toBe(4);
    expect(r.dialysisApplied).toBe(true);
    expect(r.unrounded).toBeCloseTo(28.3908, 4);
    expect(r.score).toBe(28);
    expect(r.assumptions).toBeUndefined();
  });
});

describe("MELD bounds, both sides", () => {
  it("labs below 1.0 are floored: all 0.5 → 6.43 → 6 (the minimum)", () => {
    const r = ok({ bili: 0.5, inr: 0.5, cr: 0.5 });
    expect([r.bilirubinUsed, r.inrUsed, r.creatinineUsed]).toEqual([1, 1, 1]);
    expect(r.unrounded).toBeCloseTo(6.43, 6);
    expect(r.score).toBe(6);
  });

  it("floor at 1.0: 0.99 scores as 1.0, 1.01 does not", () => {
    expect(noReason(ok({ bili: 0.99, inr: 1, cr: 1 }))).toEqual(noReason(ok({ bili: 1, inr: 1, cr: 1 })));
    expect(ok({ bili: 1.01, inr: 1, cr: 1 }).bilirubinUsed).toBe(1.01);
    expect(ok({ bili: 1, inr: 0.99, cr: 1 }).inrUsed).toBe(1);
    expect(ok({ bili: 1, inr: 1, cr: 0.99 }).creatinineUsed).toBe(1);
  });

  it("creatinine cap at 4.0: 4.0 and 4.01 and 5.0 use 4.0; 3.99 is used as given", () => {
    expect(ok({ bili: 3, inr: 1.5, cr: 4 }).creatinineUsed).toBe(4);
    expect(ok({ bili: 3, inr: 1.5, cr: 4.01 }).creatinineUsed).toBe(4);
    expect(ok({ bili: 3, inr: 1.5, cr: 3.99 }).creatinineUsed).toBe(3.99);
    const capped = ok({ bili: 3, inr: 1.5, cr: 5 });
    expect([capped.creatinineUsed, capped.score, capped.unrounded]).toEqual([4, 28, 28.3908]);
  });

  it("round half up of 10 × MELD(i): 11.496 → 11, 11.506 → 12", () => {
    expect(ok({ bili: 3.82, inr: 1, cr: 1 }).score).toBe(11);
    expect(ok({ bili: 3.83, inr: 1, cr: 1 }).score).toBe(12);
  });

  it("cap at 40: 39.93 → 40; 40.74 → 41 uncapped, 40 reported", () => {
    const at = ok({ bili: 10, inr: 2.8, cr: 4 });
    expect([at.uncappedScore, at.score]).toEqual([40, 40]);
    const above = ok({ bili: 10, inr: 3.01, cr: 4 });
    expect([above.uncappedScore, above.score]).toEqual([41, 40]);
    expect(above.reason).toContain("capped at 40");
  });
});

describe("MELD dialysis default, missing and invalid inputs", () => {
  it("absent dialysis → not on dialysis, said in assumptions (scores.md §0.3)", () => {
    const r = ok({ bili: 2, inr: 1.5, cr: 1.2, dialysis: "absent" });
    expect(r.dialysisApplied).toBe(false);
    expect(r.assumptions).toEqual([DIALYSIS_ASSUMPTION]);
    expect(ok({ bili: 2, inr: 1.5, cr: 1.2, dialysis: false }).assumptions).toBeUndefined();
  });

  it("lists every missing lab, never dialysis", () => {
    const r = meld(parseCase({}).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual([
      "labs.bilirubin",
      "labs.creatinine",
      "labs.inr",
    ]);
    const two = run({ bili: 2 });
    expect(two.status === "indeterminate" && two.missing).toEqual(["labs.creatinine", "labs.inr"]);
  });

  it("a bare-number creatinine, an invalid dialysis value or an implausible creatinine is invalid", () => {
    const bare = meld(parseCase({ labs: { bilirubin: qty(1), creatinine: 1, inr: 1 } }).parsed);
    expect(bare.status).toBe("invalid");
    expect(run({ bili: 1, inr: 1, cr: 1, dialysis: "yes" }).status).toBe("invalid");
    const r = run({ bili: 1, inr: 1, cr: 31 });
    expect(r.status === "invalid" && r.errors[0]?.path).toBe("labs.creatinine");
  });

  it("invalid wins over missing", () => {
    expect(run({ bili: 0 }).status).toBe("invalid");
  });
});

describe("MELD SI/US twins and properties", () => {
  it("34.2 umol/L bilirubin and 132.6 umol/L creatinine equal 2.0 and 1.5 mg/dL", () => {
    const si = ok({ bili: [34.2, "umol/L"], inr: 1.5, cr: [132.6, "umol/L"] });
    expect(noReason(si)).toEqual(noReason(ok({ bili: 2, inr: 1.5, cr: 1.5 })));
  });

  // Within the plausibility guards (units/analytes.ts): outside them both twins are invalid.
  const mgdl = (min: number, max: number) =>
    fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
  it("a lab converted to its other unit gives the identical result", () => {
    fc.assert(
      fc.property(mgdl(0.1, 100), mgdl(0.1, 30), mgdl(0.5, 20), fc.boolean(), (b, c, i, d) => {
        const us = run({ bili: b, cr: c, inr: i, dialysis: d });
        const si = run({ bili: [b * 17.1, "umol/L"], cr: [c * 88.4, "umol/L"], inr: i, dialysis: d });
        expect(noReason(si)).toEqual(noReason(us));
        if (us.status === "ok") {
          expect(Number.isInteger(us.score)).toBe(true);
          expect(us.score).toBeGreaterThanOrEqual(6);
          expect(us.score).toBeLessThanOrEqual(40);
        }
      }),
    );
  });

  it("never throws on random values, units and dialysis", () => {
    const lab = fc.oneof(
      fc.record({ value: fc.oneof(fc.double(), fc.string()), unit: fc.constantFrom("mg/dL", "umol/L", "x") }),
      fc.double(),
      fc.constant(null),
      fc.anything(),
    );
    fc.assert(
      fc.property(lab, lab, lab, fc.anything(), (bilirubin, creatinine, inr, dialysis) => {
        const r = meld(parseCase({ dialysis, labs: { bilirubin, creatinine, inr } }).parsed);
        expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
      }),
    );
  });
});
