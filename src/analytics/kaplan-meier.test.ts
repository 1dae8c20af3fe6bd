import { describe, expect, it } from "vitest";
import { kaplanMeier, medianSurvival, numberAtRisk, survivalAt } from "./kaplan-meier.js";

// R 4.2.2 / survival 3.5.3: survfit(Surv(t, s) ~ 1) with t = 1,2,2,3,4,4 and s = 1,0,1,1,1,1
// (everyone left at the last time dies, so std.err is Inf and the log band is NA there).
const t = [1, 2, 2, 3, 4, 4];
const s = [1, 0, 1, 1, 1, 1];

/** The first expected.length values of actual, to `digits` decimals (R printed 7 significant). */
function closeAll(actual: readonly number[], expected: readonly number[], digits: number): void {
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i] as number, digits);
}

describe("Kaplan–Meier edge cases against R", () => {
  it("curve, Greenwood SE and log band, last point all deaths", () => {
    const km = kaplanMeier(t, s);
    expect(km.time).toEqual([1, 2, 3, 4]);
    expect(km.nRisk).toEqual([6, 5, 3, 2]);
    expect(km.nEvent).toEqual([1, 1, 1, 2]);
    expect(km.nCensor).toEqual([0, 1, 0, 0]);
    const r = [0.8333333, 0.6666667, 0.4444444, 0];
    closeAll(km.surv, r, 7);
    closeAll(km.stdErr, [0.1825742, 0.2886751, 0.5], 7);
    expect(km.stdErr[3]).toBe(Number.POSITIVE_INFINITY);
    closeAll(km.lower, [0.5826548, 0.3786065, 0.1668079], 7);
    expect(km.upper.slice(0, 3)).toEqual([1, 1, 1]);
    expect(Number.isNaN(km.lower[3])).toBe(true);
  });

  it("log-log and plain bands", () => {
    const ll = kaplanMeier(t, s, { confType: "log-log" });
    closeAll(ll.lower, [0.27312285, 0.19461664, 0.06618675], 7);
    closeAll(ll.upper, [0.9747124, 0.9044342, 0.7849084], 7);
    const plain = kaplanMeier(t, s, { confType: "plain" });
    closeAll(plain.lower, [0.535134309, 0.289471422, 0.008896892], 8);
    expect(plain.upper[2]).toBeCloseTo(0.879992, 6);
  });

  it("log-log band is NA where S = 1 (a censoring before any event)", () => {
    const km = kaplanMeier([1, 2, 3, 4], [0, 1, 0, 1], { confType: "log-log" });
    expect(Number.isNaN(km.lower[0])).toBe(true);
    expect(km.lower[1]).toBeCloseTo(0.05407343, 7);
    expect(km.upper[1]).toBeCloseTo(0.9452064, 7);
  });

  it("summary at times and the number at risk (summary(fit, times = c(0, 1.5, 2, 3.5, 4)))", () => {
    const at = survivalAt(kaplanMeier(t, s), [0, 1.5, 2, 3.5, 4]);
    expect(at.map((a) => a.nRisk)).toEqual([6, 5, 5, 2, 2]);
    expect(at.map((a) => a.nEvent)).toEqual([0, 1, 1, 1, 2]);
    closeAll(
      at.map((a) => a.stdErr),
      [0, 0.152, 0.192, 0.222],
      3,
    );
    expect(Number.isNaN(at[4]?.stdErr)).toBe(true);
    expect(numberAtRisk(kaplanMeier(t, s), [0, 2, 5])).toEqual([6, 5, 0]);
  });

  it("median: reached, at exactly one half (midpoint), not reached", () => {
    expect(medianSurvival(kaplanMeier(t, s)).median).toBe(3);
    // S drops to exactly 0.5 at time 2, next drop at 4: R gives the midpoint 3.
    expect(medianSurvival(kaplanMeier([1, 2, 3, 4], [0, 1, 0, 1])).median).toBe(4);
    expect(medianSurvival(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1])).median).toBe(2.5);
    const none = medianSurvival(kaplanMeier([1, 2, 3], [0, 0, 1]));
    expect(none.median).toBe(3);
    expect(medianSurvival(kaplanMeier([1, 2, 3], [0, 0, 0])).median).toBeNull();
  });
});
