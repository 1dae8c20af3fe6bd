import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { ALBI_CUTOFFS, albi, albiGrade, mAlbiGrade } from "./albi.js";

const run = (input: unknown) => albi(parseCase(input).parsed);
const labs = (bilirubin: [number, string], albumin: [number, string]) => ({
  labs: {
    bilirubin: { value: bilirubin[0], unit: bilirubin[1] },
    albumin: { value: albumin[0], unit: albumin[1] },
  },
});
const ok = (input: unknown) => {
  const r = run(input);
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}: ${r.reason}`);
  return r;
};

describe("ALBI worked examples (scores.md §2)", () => {
  it("1.2 mg/dL and 3.5 g/dL → −2.109, grade 2, mALBI 2b (the calculator pages disagreed)", () => {
    const r = ok(labs([1.2, "mg/dL"], [3.5, "g/dL"]));
    expect(r.score).toBeCloseTo(-2.109, 3);
    expect(r.grade).toBe("2");
    expect(r.mAlbiGrade).toBe("2b");
    expect(r.bilirubinUmolL).toBe(20.52);
    expect(r.albuminGL).toBe(35);
    expect(r.rule).toBe("albi");
    expect(r.citation).toContain("Johnson PJ");
    expect(r.reason).toContain("1.2 mg/dL");
    expect(r.reason).toContain("3.5 g/dL");
    expect(r.reason).toContain("grade 2");
  });

  it("the SI twin (20.52 umol/L, 35 g/L) gives the identical result", () => {
    const us = ok(labs([1.2, "mg/dL"], [3.5, "g/dL"]));
    const si = ok(labs([20.52, "umol/L"], [35, "g/L"]));
    expect({ ...si, reason: "" }).toEqual({ ...us, reason: "" });
  });

  it("12 umol/L and 42 g/L → −2.858, grade 1", () => {
    const r = ok(labs([12, "umol/L"], [42, "g/L"]));
    expect(r.score).toBeCloseTo(-2.858, 3);
    expect([r.grade, r.mAlbiGrade]).toEqual(["1", "1"]);
  });

  it("12 umol/L and 36 g/L → −2.348, grade 2, mALBI 2a", () => {
    const r = ok(labs([12, "umol/L"], [36, "g/L"]));
    expect(r.score).toBeCloseTo(-2.348, 3);
    expect([r.grade, r.mAlbiGrade]).toEqual(["2", "2a"]);
  });
});

describe("ALBI cut-offs, both sides (bilirubin 10 umol/L, so 0.66 × log10 = 0.66)", () => {
  it.each([
    [38.36, -2.6006, "1", "1"],
    [38.35, -2.59975, "2", "2a"],
    [34.48, -2.2708, "2", "2a"],
    [34.47, -2.26995, "2", "2b"],
    [24.12, -1.3902, "2", "2b"],
    [24.11, -1.38935, "3", "3"],
  ] as const)("albumin %s g/L → %s, grade %s, mALBI %s", (albumin, score, grade, m) => {
    const r = ok(labs([10, "umol/L"], [albumin, "g/L"]));
    expect(r.score).toBeCloseTo(score, 3);
    expect(r.grade).toBe(grade);
    expect(r.mAlbiGrade).toBe(m);
  });

  it("a score exactly at a cut-off takes the lower grade (≤): 1000 umol/L and 50 g/L give −2.27 → 2a", () => {
    const r = ok(labs([1000, "umol/L"], [50, "g/L"]));
    expect(r.score).toBe(-2.27);
    expect(r.mAlbiGrade).toBe("2a");
  });

  it("grade functions are inclusive at each cut-off", () => {
    expect(mAlbiGrade(ALBI_CUTOFFS.grade1)).toBe("1");
    expect(mAlbiGrade(ALBI_CUTOFFS.grade1 + 1e-9)).toBe("2a");
    expect(mAlbiGrade(ALBI_CUTOFFS.malbi2a)).toBe("2a");
    expect(mAlbiGrade(ALBI_CUTOFFS.malbi2a + 1e-9)).toBe("2b");
    expect(mAlbiGrade(ALBI_CUTOFFS.grade2)).toBe("2b");
    expect(mAlbiGrade(ALBI_CUTOFFS.grade2 + 1e-9)).toBe("3");
    expect(albiGrade(-2.6)).toBe("1");
    expect(albiGrade(-2.27)).toBe("2");
    expect(albiGrade(-1.39)).toBe("2");
    expect(albiGrade(-1.3899)).toBe("3");
  });
});

describe("ALBI missing and invalid inputs", () => {
  it("lists every missing input", () => {
    const r = run({});
    expect(r.status).toBe("indeterminate");
    if (r.status === "indeterminate") expect(r.missing).toEqual(["labs.bilirubin", "labs.albumin"]);
    const onlyAlbumin = run({ labs: { bilirubin: { value: 1, unit: "mg/dL" } } });
    expect(onlyAlbumin.status === "indeterminate" && onlyAlbumin.missing).toEqual(["labs.albumin"]);
  });

  it("bilirubin 0 is invalid (log10 undefined)", () => {
    const r = run(labs([0, "mg/dL"], [3.5, "g/dL"]));
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") expect(r.errors[0]?.code).toBe("must-be-positive");
  });

  it("an unsupported unit is invalid", () => {
    expect(run(labs([2, "mmol/L"], [3.5, "g/dL"])).status).toBe("invalid");
  });

  it("albumin 35 g/dL is implausible, hence invalid, even when bilirubin is missing", () => {
    const r = run({ labs: { albumin: { value: 35, unit: "g/dL" } } });
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") expect(r.errors.map((e) => e.path)).toEqual(["labs.albumin"]);
  });
});

describe("ALBI properties", () => {
  // Within the plausibility guards (units/analytes.ts): outside them both twins are invalid.
  const bilirubinMgDl = fc.integer({ min: 10, max: 5000 }).map((n) => n / 100);
  const albuminGDl = fc.integer({ min: 100, max: 1000 }).map((n) => n / 100);

  it("US units and their SI conversion give the identical result", () => {
    fc.assert(
      fc.property(bilirubinMgDl, albuminGDl, (b, a) => {
        const us = run(labs([b, "mg/dL"], [a, "g/dL"]));
        const si = run(labs([b * 17.1, "umol/L"], [a * 10, "g/L"]));
        expect({ ...si, reason: "" }).toEqual({ ...us, reason: "" });
      }),
    );
  });

  it("never throws, whatever the values and units", () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null));
    const unit = fc.oneof(fc.constantFrom("mg/dL", "umol/L", "µmol/L", "g/dL", "g/L", "mmol/L"), fc.string());
    fc.assert(
      fc.property(value, unit, value, unit, (bv, bu, av, au) => {
        const r = run({ labs: { bilirubin: { value: bv, unit: bu }, albumin: { value: av, unit: au } } });
        expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        if (r.status === "ok") expect(Number.isFinite(r.score)).toBe(true);
      }),
    );
  });
});
