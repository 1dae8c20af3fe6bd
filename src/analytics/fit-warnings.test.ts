import { describe, expect, it } from "vitest";
import { coxPh } from "./cox.js";
import {
  eventsPerParameter,
  fitWarningText,
  MIN_EVENTS_PER_PARAMETER,
  unreliableTerms,
} from "./fit-warnings.js";

describe("fit warnings", () => {
  it("events per coefficient: Peduzzi's 10, both sides of the boundary", () => {
    expect(MIN_EVENTS_PER_PARAMETER).toBe(10);
    expect(eventsPerParameter(20, 2)).toEqual([]);
    const [w] = eventsPerParameter(19, 2);
    expect(w).toMatchObject({ code: "few-events-per-parameter", events: 19, parameters: 2, minimum: 10 });
    expect(fitWarningText(w as never)).toMatch(
      /19 events for 2 coefficients \(9\.5 per coefficient, fewer than 10\).*Peduzzi/,
    );
  });

  it("monotone likelihood (all events in one group): the HR is flagged, not shown", () => {
    // 12 patients, every event in group x = 1: R's coxph warns "Loglik converged before
    // variable 1; coefficient may be infinite" and prints exp(coef) in the millions.
    const time = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const status = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const x = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const fit = coxPh(time, status, { terms: ["x"], columns: [x] });
    expect(fit.status).toBe("ok");
    if (fit.status !== "ok") return;
    expect(fit.hr[0]).toBeGreaterThan(1e6);
    expect(fit.warnings[0]).toEqual({ code: "infinite-coefficient", terms: ["x"] });
    expect([...unreliableTerms(fit.warnings)]).toEqual(["x"]);
    expect(fitWarningText(fit.warnings[0] as never)).toMatch(/coefficient of x may be infinite/);
  });
});
