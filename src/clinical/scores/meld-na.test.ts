import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { meld } from "./meld.js";
import { MELD_NA_GATE, meldNa } from "./meld-na.js";

interface Labs {
  bili?: number | [number, string];
  cr?: number | [number, string];
  inr?: number;
  na?: number | [number, string];
  dialysis?: unknown;
}
const qty = (x: number | [number, string], unit: string) =>
  typeof x === "number" ? { value: x, unit } : { value: x[0], unit: x[1] };
/** `dialysis` defaults to false; "absent" leaves it out of the case. */
const input = ({ bili, cr, inr, na, dialysis = false }: Labs) => ({
  ...(dialysis === "absent" ? {} : { dialysis }),
  labs: {
    ...(bili === undefined ? {} : { bilirubin: qty(bili, "mg/dL") }),
    ...(cr === undefined ? {} : { creatinine: qty(cr, "mg/dL") }),
    ...(inr === undefined ? {} : { inr: { value: inr } }),
    ...(na === undefined ? {} : { sodium: qty(na, "mmol/L") }),
  },
});
const run = (l: Labs) => meldNa(parseCase(input(l)).parsed);
const ok = (l: Labs) => {
  const r = run(l);
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}: ${r.reason}`);
  return r;
};
const noReason = <T extends { reason: string }>(r: T) => ({ ...r, reason: "" });

describe("MELD-Na worked examples (scores.md §3.5, OPTN 2016)", () => {
  it("MELD 15 at Na 135 → 15 + 2.64 − 0.99 = 16.65 → 17 (public calculator page)", () => {
    const r = ok({ bili: 2, inr: 1.5, cr: 1.2, na: 135 });
    expect(r.meldI).toBe(15);
    expect(r.unroundedMeldNa).toBeCloseTo(16.65, 4);
    expect(r.score).toBe(17);
    expect(r.sodiumTermApplied).toBe(true);
    expect(r.rule).toBe("meldNa");
    expect(r.citation).toContain("Kim WR");
    expect(r.reason).toContain("sodium 135 mmol/L");
  });

  it("MELD 20 at Na 125 → 27.92 → 28 (ameld); Na 120 is bounded to 125; Na 141 to 137", () => {
    const at125 = ok({ bili: 4.2, inr: 1.2, cr: 1.9, na: 125 });
    expect([at125.meldI, at125.score, at125.sodiumUsed]).toEqual([20, 28, 125]);
    expect(at125.unroundedMeldNa).toBeCloseTo(27.92, 4);
    const at120 = ok({ bili: 4.2, inr: 1.2, cr: 1.9, na: 120 });
    expect([at120.score, at120.sodiumUsed]).toEqual([28, 125]);
    const at141 = ok({ bili: 4.2, inr: 1.2, cr: 1.9, na: 141 });
    expect([at141.score, at141.sodiumUsed, at141.unroundedMeldNa]).toEqual([20, 137, 20]);
  });

  it("dialysis: MELD(i) 28 at Na 130 → 30.772 → 31", () => {
    const r = ok({ bili: 3, inr: 1.5, cr: 1, na: 130, dialysis: true });
    expect([r.meldI, r.creatinineUsed, r.dialysisApplied, r.score]).toEqual([28, 4, true, 31]);
    expect(r.unroundedMeldNa).toBeCloseTo(30.772, 4);
  });
});

describe("MELD-Na gate and bounds, both sides", () => {
  it("MELD(i) 11 (bilirubin 3.3): no sodium term, MELD-Na 11 even at Na 125", () => {
    const r = ok({ bili: 3.3, inr: 1, cr: 1, na: 125 });
    expect(r.meldI).toBe(MELD_NA_GATE);
    expect([r.score, r.sodiumTermApplied, r.unroundedMeldNa]).toEqual([11, false, 11]);
    expect(r.reason).toContain("≤ 11");
  });

  it("MELD(i) 12 (bilirubin 4.0): 12 + 15.84 − 4.752 = 23.088 → 23", () => {
    const r = ok({ bili: 4, inr: 1, cr: 1, na: 125 });
    expect([r.meldI, r.score, r.sodiumTermApplied]).toEqual([12, 23, true]);
    expect(r.unroundedMeldNa).toBeCloseTo(23.088, 4);
  });

  it("MELD-Na reuses MELD's MELD(i)", () => {
    const l = { bili: 6.1, inr: 1.7, cr: 2.2, na: 131 };
    const m = meld(parseCase(input(l)).parsed);
    expect(m.status === "ok" && m.uncappedScore).toBe(ok(l).meldI);
  });

  it("sodium lower bound 125: 124 scores as 125; 126 does not", () => {
    const base = { bili: 4.2, inr: 1.2, cr: 1.9 };
    expect(noReason(ok({ ...base, na: 124 }))).toEqual({
      ...noReason(ok({ ...base, na: 125 })),
    });
    expect(ok({ ...base, na: 126 }).sodiumUsed).toBe(126);
    expect(ok({ ...base, na: 126 }).score).toBeLessThan(ok({ ...base, na: 125 }).score);
  });

  it("sodium upper bound 137: 138 scores as 137; 136 adds a point", () => {
    const base = { bili: 4.2, inr: 1.2, cr: 1.9 };
    expect(ok({ ...base, na: 138 }).sodiumUsed).toBe(137);
    expect(ok({ ...base, na: 138 }).score).toBe(20);
    expect(ok({ ...base, na: 137 }).score).toBe(20);
    expect(ok({ ...base, na: 136 }).unroundedMeldNa).toBeCloseTo(20.66, 4);
    expect(ok({ ...base, na: 136 }).score).toBe(21);
  });

  it("cap at 40: MELD(i) 41 at Na 125 → 40.604 → 41 → reported 40", () => {
    const r = ok({ bili: 10, inr: 3.01, cr: 4, na: 125 });
    expect(r.meldI).toBe(41);
    expect(r.unroundedMeldNa).toBeCloseTo(40.604, 3);
    expect(r.score).toBe(40);
    const at40 = ok({ bili: 10, inr: 2.8, cr: 4, na: 125 });
    expect([at40.meldI, at40.score]).toEqual([40, 40]);
  });
});

describe("MELD-Na missing and invalid inputs, SI/US twins, properties", () => {
  it("lists every missing input", () => {
    const r = meldNa(parseCase({}).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual([
      "labs.bilirubin",
      "labs.creatinine",
      "labs.inr",
      "labs.sodium",
    ]);
    const na = run({ bili: 2, inr: 1, cr: 1 });
    expect(na.status === "indeterminate" && na.missing).toEqual(["labs.sodium"]);
  });

  it("an invalid sodium (unit or plausibility) is invalid", () => {
    expect(run({ bili: 2, inr: 1, cr: 1, na: [135, "g/L"] }).status).toBe("invalid");
    expect(run({ bili: 2, inr: 1, cr: 1, na: 80 }).status).toBe("invalid");
  });

  it("mEq/L is numerically mmol/L; umol/L labs equal their mg/dL twins", () => {
    const us = ok({ bili: 2, inr: 1.5, cr: 1.5, na: 130 });
    const si = ok({ bili: [34.2, "umol/L"], inr: 1.5, cr: [132.6, "umol/L"], na: [130, "mEq/L"] });
    expect(noReason(si)).toEqual(noReason(us));
  });

  // Within the plausibility guards (units/analytes.ts): outside them both twins are invalid.
  const hundredths = (min: number, max: number) =>
    fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
  it("a lab converted to its other unit gives the identical result; the gate holds", () => {
    fc.assert(
      fc.property(
        hundredths(0.1, 100),
        hundredths(0.1, 30),
        hundredths(0.5, 20),
        fc.integer({ min: 900, max: 2000 }).map((n) => n / 10),
        fc.boolean(),
        (b, c, i, na, d) => {
          const us = run({ bili: b, cr: c, inr: i, na, dialysis: d });
          const si = run({ bili: [b * 17.1, "umol/L"], cr: [c * 88.4, "umol/L"], inr: i, na, dialysis: d });
          expect(noReason(si)).toEqual(noReason(us));
          if (us.status === "ok") {
            expect(us.score).toBeGreaterThanOrEqual(6);
            expect(us.score).toBeLessThanOrEqual(40);
            if (us.meldI <= MELD_NA_GATE) expect(us.score).toBe(us.meldI);
          }
        },
      ),
    );
  });

  it("never throws on random inputs", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (bilirubin, sodium, inr, dialysis) => {
          const r = meldNa(
            parseCase({ dialysis, labs: { bilirubin, sodium, inr, creatinine: { value: 1, unit: "mg/dL" } } })
              .parsed,
          );
          expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        },
      ),
    );
  });
});
