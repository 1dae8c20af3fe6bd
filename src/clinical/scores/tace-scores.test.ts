import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { abcr } from "./abcr.js";
import { hap } from "./hap.js";
import { mhap2 } from "./mhap2.js";
import { state } from "./state.js";

const p = (x: Record<string, unknown>) => parseCase(x).parsed;
const hapCase = (alb: [number, string], bili: [number, string], afp: number, sizes: number[]) =>
  p({
    labs: {
      albumin: { value: alb[0], unit: alb[1] },
      bilirubin: { value: bili[0], unit: bili[1] },
      afp: { value: afp, unit: "ng/mL" },
    },
    tumors: sizes.map((d) => ({ diameterCm: d })),
  });

describe("HAP (scores.md §7.1)", () => {
  it("every value exactly at its cut-off → 0 (A)", () => {
    const r = hap(hapCase([36, "g/L"], [17, "umol/L"], 400, [7]));
    expect(r.status === "ok" && [r.score, r.class]).toEqual([0, "A"]);
  });
  it("just past each cut-off → 4 (D)", () => {
    const r = hap(hapCase([35.9, "g/L"], [17.1, "umol/L"], 401, [7.1]));
    expect(r.status === "ok" && [r.score, r.class, r.points]).toEqual([
      4,
      "D",
      { albumin: 1, afp: 1, bilirubin: 1, size: 1 },
    ]);
  });
  it("US twins: albumin 3.6 g/dL = 36 g/L scores 0; bilirubin 1.0 mg/dL = 17.1 µmol/L scores 1", () => {
    const r = hap(hapCase([3.6, "g/dL"], [1.0, "mg/dL"], 10, [3]));
    expect(r.status === "ok" && r.points).toEqual({ albumin: 0, afp: 0, bilirubin: 1, size: 0 });
  });
  it("AFP in IU/mL is converted (×1.21) and the assumption stated", () => {
    const r = hap(
      p({
        labs: {
          albumin: { value: 40, unit: "g/L" },
          bilirubin: { value: 10, unit: "umol/L" },
          afp: { value: 331, unit: "IU/mL" },
        },
        tumors: [{ diameterCm: 2 }],
      }),
    );
    expect(r.status === "ok" && r.points.afp).toBe(1);
    expect(r.status === "ok" && r.assumptions?.[0]).toMatch(/1\.21/);
  });
  it.each([
    [0, "A"],
    [1, "B"],
    [2, "C"],
    [3, "D"],
  ])("class for %s points", (n, cls) => {
    const afp = n >= 1 ? 500 : 10;
    const r = hap(hapCase([n >= 2 ? 30 : 40, "g/L"], [n >= 3 ? 30 : 10, "umol/L"], afp, [3]));
    expect(r.status === "ok" && r.class).toBe(cls);
  });
  it("missing and invalid", () => {
    const r = hap(p({}));
    expect(r.status === "indeterminate" && r.missing).toEqual([
      "labs.albumin",
      "labs.bilirubin",
      "afp",
      "tumors",
    ]);
    expect(hap(p({ labs: { albumin: { value: 40, unit: "mg" } } })).status).toBe("invalid");
  });
  it("an unmeasured nodule is decided when a known one is > 7 cm", () => {
    const c = p({
      labs: {
        albumin: { value: 40, unit: "g/L" },
        bilirubin: { value: 10, unit: "umol/L" },
        afp: { value: 10, unit: "ng/mL" },
      },
      tumors: [{ diameterCm: 8 }, {}],
    });
    expect(hap(c).status).toBe("ok");
    const d = p({
      labs: {
        albumin: { value: 40, unit: "g/L" },
        bilirubin: { value: 10, unit: "umol/L" },
        afp: { value: 10, unit: "ng/mL" },
      },
      tumors: [{ diameterCm: 6 }, {}],
    });
    expect(hap(d).status).toBe("indeterminate");
  });
});

describe("mHAP-II (scores.md §7.2)", () => {
  it("HAP 1 with 2 nodules → 2 (C); one nodule → 1 (B)", () => {
    const two = mhap2(hapCase([40, "g/L"], [10, "umol/L"], 500, [3, 2]));
    expect(two.status === "ok" && [two.score, two.class, two.points.number]).toEqual([2, "C", 1]);
    const one = mhap2(hapCase([40, "g/L"], [10, "umol/L"], 500, [3]));
    expect(one.status === "ok" && [one.score, one.class]).toEqual([1, "B"]);
  });
  it("all four factors with three nodules → 5 (D)", () => {
    const r = mhap2(hapCase([30, "g/L"], [30, "umol/L"], 1000, [8, 2, 1]));
    expect(r.status === "ok" && [r.score, r.class]).toEqual([5, "D"]);
  });
});

const abcrCase = (afp: number, stage: string, before: number, after: number, response: boolean) =>
  p({
    labs: { afp: { value: afp, unit: "ng/mL" } },
    bclcStage: stage,
    tace: {
      childPughScoreBeforeFirst: before,
      childPughScoreBeforeSecond: after,
      mrecistObjectiveResponse: response,
    },
  });

describe("ABCR (scores.md §7.4, points [recalled])", () => {
  it.each([
    [250, "B", 5, 7, true, 2, "1-3"],
    [300, "C", 5, 7, false, 6, ">=4"],
    [20, "A", 5, 5, true, -3, "<=0"],
    [199, "B", 5, 6, false, 2, "1-3"],
    [200, "B", 5, 6, false, 3, "1-3"],
    [200, "C", 5, 5, false, 4, ">=4"],
    [10, "A", 5, 5, false, 0, "<=0"],
  ])("AFP %s, BCLC %s, CP %s→%s, response %s → %s (%s)", (afp, stage, b1, b2, resp, score, group) => {
    const r = abcr(abcrCase(afp, stage, b1, b2, resp));
    expect(r.status === "ok" && [r.score, r.group]).toEqual([score, group]);
  });
  it("BCLC 0 and D are rejected as not applicable", () => {
    for (const s of ["0", "D"]) {
      const r = abcr(abcrCase(10, s, 5, 5, true));
      expect(r.status === "invalid" && r.errors[0]?.code).toBe("not-applicable");
    }
  });
  it("missing response is listed", () => {
    const r = abcr(
      p({
        labs: { afp: { value: 300, unit: "ng/mL" } },
        bclcStage: "B",
        tace: { childPughScoreBeforeFirst: 5, childPughScoreBeforeSecond: 5 },
      }),
    );
    expect(r.status === "indeterminate" && r.missing).toEqual(["tace.mrecistObjectiveResponse"]);
  });
});

const stateCase = (alb: [number, string], crp: [number, string], sizes: number[]) =>
  p({
    labs: { albumin: { value: alb[0], unit: alb[1] }, crp: { value: crp[0], unit: crp[1] } },
    tumors: sizes.map((d) => ({ diameterCm: d })),
  });

describe("STATE (scores.md §7.5)", () => {
  it("albumin 40, within up-to-seven, CRP 0.5 → 40 high", () => {
    const r = state(stateCase([40, "g/L"], [0.5, "mg/dL"], [3]));
    expect(r.status === "ok" && [r.score, r.group]).toEqual([40, "high"]);
  });
  it("albumin 35, sum 8, CRP 12 mg/L → 11 low", () => {
    const r = state(stateCase([35, "g/L"], [12, "mg/L"], [6, 1]));
    expect(r.status === "ok" && [r.score, r.group, r.beyondUpToSeven, r.crpAtLeast1mgdl]).toEqual([
      11,
      "low",
      true,
      true,
    ]);
  });
  it("exactly 18 → high; 17.9 → low; CRP 10 mg/L twin of 1 mg/dL counts", () => {
    const hi = state(stateCase([30, "g/L"], [0.9, "mg/dL"], [7, 1]));
    expect(hi.status === "ok" && [hi.score, hi.group]).toEqual([18, "high"]);
    const lo = state(stateCase([29.9, "g/L"], [0.9, "mg/dL"], [7, 1]));
    expect(lo.status === "ok" && lo.group).toBe("low");
    const twin = state(stateCase([3.0, "g/dL"], [10, "mg/L"], [3]));
    expect(twin.status === "ok" && [twin.score, twin.crpAtLeast1mgdl]).toEqual([18, true]);
    expect(hi.status === "ok" && hi.start).toMatch(/ART/);
  });
  it("missing inputs", () => {
    const r = state(p({}));
    expect(r.status === "indeterminate" && r.missing).toEqual(["labs.albumin", "tumors", "labs.crp"]);
  });
});

describe("properties", () => {
  it("TACE scores never throw", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 80, noNaN: true }),
        fc.double({ min: -5, max: 3000, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 60, noNaN: true }), { maxLength: 6 }),
        fc.constantFrom("0", "A", "B", "C", "D", "E"),
        (alb, afp, sizes, stage) => {
          const c = p({
            labs: {
              albumin: { value: alb, unit: "g/L" },
              bilirubin: { value: 10, unit: "umol/L" },
              afp: { value: afp, unit: "ng/mL" },
              crp: { value: 1, unit: "mg/dL" },
            },
            tumors: sizes.map((d) => ({ diameterCm: d })),
            bclcStage: stage,
            tace: {
              childPughScoreBeforeFirst: 5,
              childPughScoreBeforeSecond: 6,
              mrecistObjectiveResponse: false,
            },
          });
          for (const r of [hap(c), mhap2(c), abcr(c), state(c)])
            expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});
