import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { DIALYSIS_ASSUMPTION } from "./meld.js";
import { MELD3_SEX_TERM, meld3, NO_AGE_ASSUMPTION } from "./meld3.js";

type V = number | [number, string];
interface Case {
  sex?: "male" | "female";
  age?: unknown;
  listing?: unknown;
  bili?: V;
  na?: V;
  inr?: number;
  cr?: V;
  alb?: V;
  dialysis?: unknown;
}
const qty = (x: V, unit: string) =>
  typeof x === "number" ? { value: x, unit } : { value: x[0], unit: x[1] };
/** `dialysis` defaults to false; "absent" leaves it out. */
const input = (c: Case) => ({
  ...(c.sex ? { sex: c.sex } : {}),
  ...(c.age === undefined ? {} : { ageYears: c.age }),
  ...(c.listing === undefined ? {} : { ageAtListingYears: c.listing }),
  ...((c.dialysis ?? false) === "absent" ? {} : { dialysis: c.dialysis ?? false }),
  labs: {
    ...(c.bili === undefined ? {} : { bilirubin: qty(c.bili, "mg/dL") }),
    ...(c.cr === undefined ? {} : { creatinine: qty(c.cr, "mg/dL") }),
    ...(c.inr === undefined ? {} : { inr: { value: c.inr } }),
    ...(c.na === undefined ? {} : { sodium: qty(c.na, "mmol/L") }),
    ...(c.alb === undefined ? {} : { albumin: qty(c.alb, "g/dL") }),
  },
});
const run = (c: Case) => meld3(parseCase(input(c)).parsed);
const ok = (c: Case) => {
  const r = run(c);
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}: ${r.reason}`);
  return r;
};
const noReason = <T extends { reason: string }>(r: T) => ({ ...r, reason: "" });
const row1: Case = { sex: "male", age: 50, bili: 2.5, na: 131, inr: 1.0, cr: 1.2, alb: 3.8 };

describe("MELD 3.0: Kim 2021 Table 4 (as encoded in the clincalc tests; scores.md §3.5)", () => {
  it.each([
    ["male", 2.5, 131, 1.0, 1.2, 3.8, 16],
    ["female", 2.5, 131, 1.0, 1.2, 3.8, 17],
    ["male", 6.0, 131, 1.5, 1.5, 3.5, 25],
    ["male", 6.0, 131, 1.5, 1.5, 2.2, 26],
    ["female", 6.0, 131, 1.5, 1.5, 2.2, 27],
    ["male", 12.0, 128, 2.2, 1.8, 2.0, 34],
    ["male", 12.0, 128, 2.2, 2.8, 2.0, 38],
    ["female", 12.0, 128, 2.2, 2.8, 2.0, 39],
  ] as const)(
    "%s, bilirubin %s, Na %s, INR %s, creatinine %s, albumin %s → %s",
    (sex, bili, na, inr, cr, alb, want) => {
      const r = ok({ sex, age: 50, bili, na, inr, cr, alb });
      expect([r.score, r.allocationScore]).toEqual([want, want]);
    },
  );

  it("raw values agree to 4 decimals: row 1 15.8099, row 8 39.2595", () => {
    const r1 = ok(row1);
    expect(r1.raw).toBeCloseTo(15.8099, 4);
    expect([r1.albuminUsed, r1.sexTerm]).toEqual([3.5, 0]);
    const r8 = ok({ sex: "female", age: 50, bili: 12, na: 128, inr: 2.2, cr: 2.8, alb: 2.0 });
    expect(r8.raw).toBeCloseTo(39.2595, 4);
    expect(r8.sexTerm).toBe(MELD3_SEX_TERM);
    expect(r8.rule).toBe("meld3");
    expect(r8.citation).toContain("Kim WR");
    expect(r8.reason).toContain("female");
    expect(r8.reason).toContain("11.14·ln(Cr)");
  });

  it("SI twin of row 1 (42.75 umol/L, 106.08 umol/L, 38 g/L, 131 mEq/L) is identical", () => {
    const si = ok({
      ...row1,
      bili: [42.75, "umol/L"],
      cr: [106.08, "umol/L"],
      alb: [38, "g/L"],
      na: [131, "mEq/L"],
    });
    expect(noReason(si)).toEqual(noReason(ok(row1)));
  });
});

describe("MELD 3.0 bounds, both sides", () => {
  const base: Case = { sex: "male", age: 50, bili: 3, na: 130, inr: 1.5, alb: 3.0 };

  it("creatinine cap 3.0 (not 4.0): 3.0, 3.01 and 5.0 use 3.0; 2.99 is used as given", () => {
    const capped = ok({ ...base, cr: 5 });
    expect([capped.creatinineUsed, capped.score, capped.raw]).toEqual([3, 31, 30.748]);
    expect(ok({ ...base, cr: 3.01 }).creatinineUsed).toBe(3);
    expect(ok({ ...base, cr: 3 }).creatinineUsed).toBe(3);
    expect(ok({ ...base, cr: 2.99 }).creatinineUsed).toBe(2.99);
  });

  it("qualifying dialysis sets creatinine to 3.0: 30.75 → 31", () => {
    const r = ok({ ...base, cr: 1, dialysis: true });
    expect([r.creatinineUsed, r.dialysisApplied, r.score]).toEqual([3, true, 31]);
    expect(r.raw).toBeCloseTo(30.748, 3);
  });

  it("floors at 1.0 for bilirubin, INR and creatinine; 1.01 is used as given", () => {
    const r = ok({ ...base, bili: 0.99, inr: 0.99, cr: 0.99 });
    expect([r.bilirubinUsed, r.inrUsed, r.creatinineUsed]).toEqual([1, 1, 1]);
    expect(ok({ ...base, bili: 1.01, inr: 1.01, cr: 1.01 }).bilirubinUsed).toBe(1.01);
  });

  it("sodium bounds 125–137: 124 ≡ 125, 138 ≡ 137; 126 and 136 are used as given", () => {
    expect(ok({ ...base, cr: 1, na: 124 }).sodiumUsed).toBe(125);
    expect(ok({ ...base, cr: 1, na: 124 }).raw).toBe(ok({ ...base, cr: 1, na: 125 }).raw);
    expect(ok({ ...base, cr: 1, na: 126 }).sodiumUsed).toBe(126);
    expect(ok({ ...base, cr: 1, na: 138 }).raw).toBe(ok({ ...base, cr: 1, na: 137 }).raw);
    expect(ok({ ...base, cr: 1, na: 136 }).sodiumUsed).toBe(136);
  });

  it("albumin bounds 1.5–3.5 g/dL: 3.6 ≡ 3.5, 1.4 ≡ 1.5; 3.4 and 1.6 are used as given", () => {
    expect(ok({ ...base, cr: 1.5, alb: 3.6 }).albuminUsed).toBe(3.5);
    expect(ok({ ...base, cr: 1.5, alb: 3.6 }).raw).toBe(ok({ ...base, cr: 1.5, alb: 3.5 }).raw);
    expect(ok({ ...base, cr: 1.5, alb: 3.4 }).albuminUsed).toBe(3.4);
    expect(ok({ ...base, cr: 1.5, alb: 1.4 }).raw).toBe(ok({ ...base, cr: 1.5, alb: 1.5 }).raw);
    expect(ok({ ...base, cr: 1.5, alb: 1.6 }).albuminUsed).toBe(1.6);
  });

  it("no '> 11' gate: sodium contributes at the minimum; all normal → 6", () => {
    const normal = ok({ sex: "male", age: 50, bili: 1, na: 137, inr: 1, cr: 1, alb: 3.5 });
    expect([normal.raw, normal.score, normal.allocationScore]).toEqual([6, 6, 6]);
    expect(ok({ sex: "male", age: 50, bili: 1, na: 136, inr: 1, cr: 1, alb: 3.5 }).raw).toBeCloseTo(6.82, 6);
  });

  it("round half up: 11.494 → 11, 11.502 → 12", () => {
    const n = { sex: "male", age: 50, bili: 1, inr: 1, cr: 1, alb: 3.5 } as const;
    expect(ok({ ...n, na: 130.3 }).score).toBe(11);
    expect(ok({ ...n, na: 130.29 }).score).toBe(12);
  });

  it("40 is the allocation cap only: 40.06 → 40/40; 40.75 → score 41, allocation 40", () => {
    const n = { sex: "male", age: 50, bili: 12, na: 128, cr: 2.8, alb: 2.0 } as const;
    const at = ok({ ...n, inr: 2.78 });
    expect([at.score, at.allocationScore]).toEqual([40, 40]);
    const above = ok({ ...n, inr: 3.0 });
    expect([above.score, above.allocationScore]).toEqual([41, 40]);
    const extreme = ok({ sex: "female", age: 50, bili: 100, na: 125, inr: 10, cr: 3, alb: 1.5 });
    expect(extreme.score).toBeGreaterThan(40);
    expect(extreme.allocationScore).toBe(40);
  });
});

describe("MELD 3.0 sex and age rules", () => {
  it("12 and 17 get +1.33 whatever the sex; 18 does not", () => {
    for (const age of [12, 17]) {
      const r = ok({ ...row1, age });
      expect([r.sexTerm, r.adolescentTermApplied, r.score]).toEqual([MELD3_SEX_TERM, true, 17]);
    }
    const adult = ok({ ...row1, age: 18 });
    expect([adult.sexTerm, adult.adolescentTermApplied, adult.score]).toEqual([0, false, 16]);
  });

  it("age 11 is invalid (PELD applies); 12 is not", () => {
    const r = run({ ...row1, age: 11 });
    expect(r.status).toBe("invalid");
    if (r.status === "invalid")
      expect(r.errors).toMatchObject([{ path: "ageYears", code: "not-applicable" }]);
    expect(run({ ...row1, age: 12 }).status).toBe("ok");
    expect(run({ age: 10 }).status).toBe("invalid");
  });

  it("ageAtListingYears takes precedence over current age", () => {
    expect(ok({ ...row1, age: 19, listing: 16 }).sexTerm).toBe(MELD3_SEX_TERM);
    expect(ok({ ...row1, age: 17, listing: 18 }).sexTerm).toBe(0);
    const r = run({ ...row1, age: 13, listing: 11 });
    expect(r.status === "invalid" && r.errors[0]?.path).toBe("ageAtListingYears");
  });

  it("an age of 12–17 does not need sex; an adult does", () => {
    const { sex: _sex, ...noSex } = row1;
    expect(ok({ ...noSex, age: 15 }).sexTerm).toBe(MELD3_SEX_TERM);
    const adult = run({ ...noSex, age: 40 });
    expect(adult.status === "indeterminate" && adult.missing).toEqual(["sex"]);
  });

  it("without an age the adult formula applies, and says so; an invalid age is invalid", () => {
    const { age: _age, ...noAge } = row1;
    const r = ok({ ...noAge, dialysis: "absent" });
    expect(r.sexTerm).toBe(0);
    expect(r.assumptions).toEqual([DIALYSIS_ASSUMPTION, NO_AGE_ASSUMPTION]);
    expect(run({ ...row1, age: "fifty" }).status).toBe("invalid");
  });
});

describe("MELD 3.0 missing inputs and properties", () => {
  it("lists every missing input", () => {
    const r = meld3(parseCase({}).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual([
      "labs.bilirubin",
      "labs.creatinine",
      "labs.inr",
      "labs.sodium",
      "labs.albumin",
      "sex",
    ]);
  });

  const h = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
  it("a lab converted to its other unit gives the identical result; allocation within 6–40", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("male", "female"),
        fc.integer({ min: 12, max: 100 }),
        h(0.1, 100),
        h(90, 200),
        h(0.5, 20),
        h(0.1, 30),
        h(1, 10),
        fc.boolean(),
        (sex, age, bili, na, inr, cr, alb, dialysis) => {
          const us = run({ sex, age, bili, na, inr, cr, alb, dialysis });
          const si = run({
            sex,
            age,
            bili: [bili * 17.1, "umol/L"],
            na: [na, "mEq/L"],
            inr,
            cr: [cr * 88.4, "umol/L"],
            alb: [alb * 10, "g/L"],
            dialysis,
          });
          expect(noReason(si)).toEqual(noReason(us));
          expect(us.status).toBe("ok");
          if (us.status === "ok") {
            expect(us.score).toBeGreaterThanOrEqual(6);
            expect(us.allocationScore).toBeGreaterThanOrEqual(6);
            expect(us.allocationScore).toBeLessThanOrEqual(40);
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
        (sex, ageYears, albumin, dialysis) => {
          const r = meld3(parseCase({ sex, ageYears, dialysis, labs: { albumin } }).parsed);
          expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        },
      ),
    );
  });
});

describe("MELD 3.0 reports every reason not to compute at once", () => {
  it("age 11 together with an invalid albumin gives both errors", () => {
    const r = run({ ...row1, age: 11, alb: 35 });
    expect(r.status === "invalid" && r.errors.map((e) => [e.path, e.code])).toEqual([
      ["labs.albumin", "implausible"],
      ["ageYears", "not-applicable"],
    ]);
  });

  it("age 11 is invalid even when labs are missing", () => {
    const r = run({ age: 11 });
    expect(r.status === "invalid" && r.errors.map((e) => e.path)).toEqual(["ageYears"]);
  });
});
