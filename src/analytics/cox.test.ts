import { describe, expect, it } from "vitest";
import { coxPh } from "./cox.js";

// Small cases printed by R 4.2.2 / survival 3.5.3 (coxph defaults).
const t = [1, 2, 3, 4, 5, 6, 7, 8];
const s = [1, 1, 0, 1, 0, 1, 1, 0];
const z = [2.1, 0.4, 1.3, 0.2, 2.2, 1.1, 0.5, 0.9];
const rel = (a: number | undefined, b: number): number => Math.abs((a as number) / b - 1);

describe("Cox edge cases against R", () => {
  it("monotone likelihood: R's coefficient after 20 iterations, with its warning", () => {
    const x = [1, 1, 1, 1, 0, 0, 0, 0];
    const fit = coxPh(t, s, { terms: ["x", "z"], columns: [x, z] });
    expect(fit.status).toBe("ok");
    if (fit.status !== "ok") return;
    expect(fit.iterations).toBe(20);
    expect(rel(fit.coef[0], 22.96199781)).toBeLessThan(1e-6);
    expect(rel(fit.coef[1], 1.031361874)).toBeLessThan(1e-6);
    expect(rel(fit.se[1], 1.118742204)).toBeLessThan(1e-6);
    expect(rel(fit.loglik, -3.805537831)).toBeLessThan(1e-9);
    // R: "Loglik converged before variable 1; coefficient may be infinite." Also 5 events for 2
    // coefficients, below Peduzzi's 10 per coefficient.
    expect(fit.warnings.map((w) => w.code)).toEqual(["infinite-coefficient", "few-events-per-parameter"]);
    expect(fit.warnings[0]).toEqual({ code: "infinite-coefficient", terms: ["x"] });
  });

  it("an ordinary small fit", () => {
    const x = [1, 1, 1, 0, 1, 0, 0, 0];
    const fit = coxPh(t, s, { terms: ["x", "z"], columns: [x, z] });
    expect(fit.status === "ok" && fit.iterations).toBe(4);
    if (fit.status !== "ok") return;
    expect(rel(fit.coef[0], 2.1967454)).toBeLessThan(1e-7);
    expect(rel(fit.coef[1], -0.9126251)).toBeLessThan(1e-7);
    expect(rel(fit.se[0], 1.6352866)).toBeLessThan(1e-7);
    expect(fit.warnings.filter((w) => w.code !== "few-events-per-parameter")).toEqual([]);
  });

  it("a constant covariate is refused by name (R: NA coefficient)", () => {
    const fit = coxPh(t, s, { terms: ["z", "k"], columns: [z, t.map(() => 3)] });
    expect(fit.status).toBe("invalid");
    if (fit.status === "invalid") expect(fit.terms).toEqual(["k"]);
  });

  it("no events, no covariates", () => {
    expect(
      coxPh(
        t,
        t.map(() => 0),
        { terms: ["z"], columns: [z] },
      ).status,
    ).toBe("no-events");
    expect(coxPh(t, s, { terms: [], columns: [] }).status).toBe("invalid");
  });
});
