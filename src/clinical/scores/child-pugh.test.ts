import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { childPugh, childPughClass } from "./child-pugh.js";

type V = number | [number, string];
interface Case {
  bili?: V;
  alb?: V;
  inr?: number;
  pt?: number;
  ascites?: string;
  he?: string;
  cholestatic?: boolean;
}
const qty = (x: V, unit: string) =>
  typeof x === "number" ? { value: x, unit } : { value: x[0], unit: x[1] };
/** A class-A patient (5 points) unless overridden; `undefined` removes a field. */
const input = (over: Case) => {
  const c: Case = { bili: 1, alb: 4, inr: 1, ascites: "none", he: "none", ...over };
  return {
    ...(c.cholestatic === undefined ? {} : { cholestaticDisease: c.cholestatic }),
    ...(c.ascites === undefined ? {} : { ascites: c.ascites }),
    ...(c.he === undefined ? {} : { encephalopathy: c.he }),
    labs: {
      ...(c.bili === undefined ? {} : { bilirubin: qty(c.bili, "mg/dL") }),
      ...(c.alb === undefined ? {} : { albumin: qty(c.alb, "g/dL") }),
      ...(c.inr === undefined ? {} : { inr: { value: c.inr } }),
      ...(c.pt === undefined ? {} : { ptProlongation: { value: c.pt, unit: "s" } }),
    },
  };
};
const run = (c: Case) => childPugh(parseCase(input(c)).parsed);
const ok = (c: Case) => {
  const r = run(c);
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}: ${r.reason}`);
  return r;
};
const noReason = <T extends { reason: string }>(r: T) => ({ ...r, reason: "" });

describe("Child-Pugh worked examples (scores.md §1)", () => {
  it("1: bilirubin 2.4, albumin 3.1, INR 1.4, mild ascites, no HE → 8, class B", () => {
    const r = ok({ bili: 2.4, alb: 3.1, inr: 1.4, ascites: "mild" });
    expect(r.points).toEqual({ bilirubin: 2, albumin: 2, coagulation: 1, ascites: 2, encephalopathy: 1 });
    expect([r.score, r.class]).toEqual([8, "B"]);
    expect(r.rule).toBe("childPugh");
    expect(r.citation).toContain("Pugh RNH");
    expect(r.reason).toContain("2.4 mg/dL");
  });

  it("2: SI units 25 umol/L, 38 g/L, INR 1.2 → 5, class A", () => {
    const r = ok({ bili: [25, "umol/L"], alb: [38, "g/L"], inr: 1.2 });
    expect([r.score, r.class]).toEqual([5, "A"]);
  });

  it("3: PBC, bilirubin 5.0 → 2 on the cholestatic scale (6, A), 3 unflagged (7, B)", () => {
    const pbc = ok({ bili: 5, alb: 3.6, cholestatic: true });
    expect([pbc.points.bilirubin, pbc.score, pbc.class, pbc.bilirubinScale]).toEqual([
      2,
      6,
      "A",
      "cholestatic",
    ]);
    const unflagged = ok({ bili: 5, alb: 3.6, cholestatic: false });
    expect([unflagged.points.bilirubin, unflagged.score, unflagged.class]).toEqual([3, 7, "B"]);
    expect(unflagged.assumptions).toBeUndefined();
  });

  it("4: bilirubin 2.0, albumin 3.5, INR 1.7 each score 2 (and the SI twin 34.2 / 35 agrees)", () => {
    const us = ok({ bili: 2, alb: 3.5, inr: 1.7 });
    expect(us.points).toMatchObject({ bilirubin: 2, albumin: 2, coagulation: 2 });
    const si = ok({ bili: [34.2, "umol/L"], alb: [35, "g/L"], inr: 1.7 });
    expect(noReason(si)).toEqual(noReason(us));
  });
});

describe("Child-Pugh boundaries, both sides", () => {
  it.each([
    [1.99, 1],
    [2.0, 2],
    [3.0, 2],
    [3.01, 3],
  ])("bilirubin %s mg/dL → %s", (bili, pts) => {
    expect(ok({ bili }).points.bilirubin).toBe(pts);
  });

  it.each([
    [34, 1],
    [34.2, 2],
    [51.3, 2],
    [51.4, 3],
  ])("bilirubin %s umol/L → %s (exact 17.1 conversion: 34 umol/L is 1.99 mg/dL)", (bili, pts) => {
    expect(ok({ bili: [bili, "umol/L"] }).points.bilirubin).toBe(pts);
  });

  it.each([
    [3.99, 1],
    [4.0, 2],
    [10.0, 2],
    [10.01, 3],
  ])("cholestatic bilirubin %s mg/dL → %s", (bili, pts) => {
    expect(ok({ bili, cholestatic: true }).points.bilirubin).toBe(pts);
  });

  it("cholestatic SI edges 68.4 and 171 umol/L score 2", () => {
    expect(ok({ bili: [68.4, "umol/L"], cholestatic: true }).points.bilirubin).toBe(2);
    expect(ok({ bili: [171, "umol/L"], cholestatic: true }).points.bilirubin).toBe(2);
  });

  it.each([
    [3.51, 1],
    [3.5, 2],
    [2.8, 2],
    [2.79, 3],
  ])("albumin %s g/dL → %s", (alb, pts) => {
    expect(ok({ alb }).points.albumin).toBe(pts);
  });

  it.each([
    [35.1, 1],
    [35, 2],
    [28, 2],
    [27.9, 3],
  ])("albumin %s g/L → %s", (alb, pts) => {
    expect(ok({ alb: [alb, "g/L"] }).points.albumin).toBe(pts);
  });

  it.each([
    [1.69, 1],
    [1.7, 2],
    [2.3, 2],
    [2.31, 3],
  ])("INR %s → %s", (inr, pts) => {
    const r = ok({ inr });
    expect([r.points.coagulation, r.coagulationBasis]).toEqual([pts, "INR"]);
  });

  it.each([
    [3.9, 1],
    [4, 2],
    [6, 2],
    [6.1, 3],
  ])("PT prolongation %s s → %s", (pt, pts) => {
    const r = ok({ inr: undefined, pt });
    expect([r.points.coagulation, r.coagulationBasis]).toEqual([pts, "PT"]);
  });

  it("categories: none 1, mild / grade 1–2 2, moderate-severe / grade 3–4 3", () => {
    expect(ok({ ascites: "mild", he: "grade-1-2" }).points).toMatchObject({ ascites: 2, encephalopathy: 2 });
    expect(ok({ ascites: "moderate-severe", he: "grade-3-4" }).points).toMatchObject({
      ascites: 3,
      encephalopathy: 3,
    });
  });

  it("class edges: 6 A / 7 B, 9 B / 10 C; 5 and 15 are the extremes", () => {
    expect(ok({ alb: 3.4 }).score).toBe(6);
    expect(ok({ alb: 3.4 }).class).toBe("A");
    expect(ok({ alb: 3.4, inr: 1.7 }).class).toBe("B");
    const nine = ok({ bili: 2, alb: 3, inr: 2, ascites: "mild" });
    expect([nine.score, nine.class]).toEqual([9, "B"]);
    const ten = ok({ bili: 3, alb: 2.8, inr: 2.3, ascites: "mild", he: "grade-1-2" });
    expect([ten.score, ten.class]).toEqual([10, "C"]);
    const max = ok({ bili: 3.01, alb: 2.79, inr: 2.31, ascites: "moderate-severe", he: "grade-3-4" });
    expect([max.score, max.class]).toEqual([15, "C"]);
    expect([childPughClass(5), childPughClass(6), childPughClass(7)]).toEqual(["A", "A", "B"]);
    expect([childPughClass(9), childPughClass(10), childPughClass(15)]).toEqual(["B", "C", "C"]);
  });
});

describe("Child-Pugh coagulation basis, defaults, missing and invalid inputs", () => {
  it("INR is used when both INR and PT are given", () => {
    const r = ok({ inr: 1.0, pt: 10 });
    expect([r.coagulationBasis, r.points.coagulation]).toEqual(["INR", 1]);
  });

  it("an invalid INR is not replaced by a valid PT", () => {
    expect(run({ inr: 25, pt: 2 }).status).toBe("invalid");
  });

  it("absent cholestaticDisease → standard bands, said in assumptions", () => {
    const r = ok({});
    expect(r.bilirubinScale).toBe("standard");
    expect(r.assumptions?.[0]).toContain("cholestaticDisease");
  });

  it("missing coagulation is named as INR or PT; missing categories are listed", () => {
    const coag = run({ inr: undefined });
    expect(coag.status === "indeterminate" && coag.missing).toEqual(["labs.inr (or labs.ptProlongation)"]);
    const cats = run({ ascites: undefined, he: undefined });
    expect(cats.status === "indeterminate" && cats.missing).toEqual(["ascites", "encephalopathy"]);
  });

  it("a category outside the list, or albumin 35 g/dL, is invalid", () => {
    expect(run({ ascites: "severe" }).status).toBe("invalid");
    const r = run({ alb: 35 });
    expect(r.status === "invalid" && r.errors[0]?.path).toBe("labs.albumin");
  });
});

describe("Child-Pugh properties", () => {
  // Within the plausibility guards (units/analytes.ts): outside them both twins are invalid.
  const h = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
  const ascites = fc.constantFrom("none", "mild", "moderate-severe");
  const he = fc.constantFrom("none", "grade-1-2", "grade-3-4");

  it("SI twins are identical, and the score is the sum of the points", () => {
    fc.assert(
      fc.property(
        h(0.1, 100),
        h(1, 10),
        h(0.5, 20),
        ascites,
        he,
        fc.boolean(),
        (bili, alb, inr, a, e, chol) => {
          const us = run({ bili, alb, inr, ascites: a, he: e, cholestatic: chol });
          const si = run({
            bili: [bili * 17.1, "umol/L"],
            alb: [alb * 10, "g/L"],
            inr,
            ascites: a,
            he: e,
            cholestatic: chol,
          });
          expect(noReason(si)).toEqual(noReason(us));
          expect(us.status).toBe("ok");
          if (us.status === "ok") {
            const p = us.points;
            expect(us.score).toBe(p.bilirubin + p.albumin + p.coagulation + p.ascites + p.encephalopathy);
            expect(us.class).toBe(childPughClass(us.score));
          }
        },
      ),
    );
  });

  it("never throws", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (bilirubin, inr, ascites, chol) => {
          const r = childPugh(
            parseCase({ ascites, cholestaticDisease: chol, labs: { bilirubin, inr } }).parsed,
          );
          expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        },
      ),
    );
  });
});
