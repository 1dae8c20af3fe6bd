import { describe, expect, it } from "vitest";
import { logRank } from "./log-rank.js";

describe("log-rank with no information", () => {
  it("two groups whose only events are tied at one time: no test (R's survdiff stops: singular), not a crash", () => {
    // R: survdiff(Surv(c(10, 10), c(1, 1)) ~ c(1, 2)) → "system is exactly singular".
    const r = logRank([10, 10], [1, 1], [0, 1], ["a", "b"]);
    expect(r.observed).toEqual([1, 1]);
    expect(r.expected).toEqual([1, 1]);
    expect(r.df).toBe(1);
    expect(r.chisq).toBeNaN();
    expect(r.p).toBeNaN();
  });

  it("still tests an informative comparison (R: chisq 1 for one death at 10 vs one censored at 20)", () => {
    // R: survdiff(Surv(c(10, 20), c(1, 0)) ~ c(1, 2)): O = (1, 0), E = (0.5, 0.5), V = 0.25, chisq = 1.
    const r = logRank([10, 20], [1, 0], [0, 1], ["a", "b"]);
    expect(r.chisq).toBeCloseTo(1, 12);
  });
});
