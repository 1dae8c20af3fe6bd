/**
 * Cox with strata, (start, stop] data, clusters (robust variance) and case weights against R's
 * coxph (survival 3.5.3, R 4.2.2) on real data: lung, veteran, pbc, and the Stanford heart
 * transplant, CGD and rats data (oracle: test/fixtures/analytics/cox-extended-oracle.R).
 * Tolerance from the issue: 1e-6 relative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../cli/csv-table.js";
import { coxPh } from "./cox.js";
import { factorLevels } from "./report.js";

const FIXTURES = new URL("../../test/fixtures/analytics/", import.meta.url);
interface Model {
  file: string;
  time: string;
  status: string;
  terms: string[];
  start: string | null;
  strata: string | null;
  cluster: string | null;
  weights: string | null;
  ties: "efron" | "breslow";
  n: number;
  nevent: number;
  coef: number[];
  se: number[];
  naive_se: number[] | null;
  loglik: number[];
  wald: number;
  score: number;
  robust_score: number | null;
  iter: number;
}
const oracle = JSON.parse(readFileSync(new URL("cox-extended.expected.json", FIXTURES), "utf8")) as Record<
  string,
  Model | string
>;

/** The derived weight columns of the oracle script. */
const DERIVED: Record<string, (row: (name: string) => string) => string> = {
  w_ecog: (r) => (r("ph.ecog") === "" ? "" : String(Number(r("ph.ecog")) + 1)),
  w_alb: (r) => (r("albumin") === "" ? "" : String(Number(r("albumin")) / 3.5)),
  w_karno: (r) => (r("karno") === "" ? "" : String(Number(r("karno")) / 50)),
};

function fitModel(m: Model) {
  const table = parseCsv(readFileSync(new URL(`${m.file}.csv`, FIXTURES), "utf8"));
  const cell = (row: readonly string[], name: string): string => {
    const k = table.header.indexOf(name);
    if (k >= 0) return (row[k] as string).trim();
    const derive = DERIVED[name];
    if (!derive) throw new Error(`no column ${name}`);
    return derive((c) => cell(row, c));
  };
  const vars = [m.start, m.time, m.status, ...m.terms, m.strata, m.cluster, m.weights].filter(
    (v): v is string => v !== null,
  );
  const rows = table.rows.filter((r) => vars.every((v) => cell(r, v) !== "" && cell(r, v) !== "NA"));
  const num = (name: string) => Float64Array.from(rows, (r) => Number(cell(r, name)));
  const index = (name: string) => {
    const values = rows.map((r) => cell(r, name));
    const levels = factorLevels(values);
    return Uint32Array.from(values, (v) => levels.indexOf(v));
  };
  return coxPh(
    num(m.time),
    num(m.status),
    { terms: m.terms, columns: m.terms.map(num) },
    {
      ties: m.ties,
      ...(m.start ? { start: num(m.start) } : {}),
      ...(m.strata ? { strata: index(m.strata) } : {}),
      ...(m.cluster ? { cluster: index(m.cluster) } : {}),
      ...(m.weights ? { weights: num(m.weights) } : {}),
    },
  );
}

const close = (a: number | undefined, e: number, path: string): void => {
  const diff = Math.abs((a as number) - e);
  expect(diff <= 1e-6 * Math.abs(e) + 1e-12, `${path}: ${a} vs ${e} (diff ${diff})`).toBe(true);
};

describe("coxph with strata, counting process, cluster and weights = R", () => {
  for (const [name, m] of Object.entries(oracle)) {
    if (typeof m === "string") continue;
    it(`${name}: ${m.file} ${m.terms.join(" + ")}${m.strata ? ` + strata(${m.strata})` : ""}${m.start ? " (start, stop]" : ""}${m.cluster ? `, cluster ${m.cluster}` : ""}${m.weights ? `, weights ${m.weights}` : ""} (${m.ties})`, () => {
      const f = fitModel(m);
      expect(f.status).toBe("ok");
      if (f.status !== "ok") return;
      expect(f.n).toBe(m.n);
      expect(f.nevent).toBe(m.nevent);
      expect(f.iterations).toBe(m.iter);
      for (const [i, c] of m.coef.entries()) close(f.coef[i], c, `coef[${i}]`);
      for (const [i, c] of m.se.entries()) close(f.se[i], c, `se[${i}]`);
      close(f.loglikNull, m.loglik[0] as number, "loglik null");
      close(f.loglik, m.loglik[1] as number, "loglik");
      close(f.waldTest.chisq, m.wald, "wald");
      close(f.scoreTest.chisq, m.score, "score");
      if (m.naive_se) {
        expect(f.robust).not.toBeNull();
        for (const [i, c] of m.naive_se.entries()) close(f.robust?.naiveSe[i], c, `naive se[${i}]`);
        close(f.robust?.scoreTest.chisq, m.robust_score as number, "robust score");
      } else {
        expect(f.robust).toBeNull();
      }
    });
  }
});
