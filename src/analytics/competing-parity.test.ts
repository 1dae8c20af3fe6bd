/**
 * Parity with R's cmprsk 2.2-11 and survival 3.5.3 (R 4.2.2) on two real competing-risk
 * cohorts: Mayo PBC (transplant vs death) and Mayo MGUS (plasma-cell malignancy vs death).
 * Oracle: test/fixtures/analytics/competing-oracle.R → competing.expected.json (data exported by
 * competing-export.R). Tolerance from the issue: 1e-6 relative (1e-12 absolute near zero).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../cli/csv-table.js";
import { readCompetingRequest } from "../cli/survival.js";
import { type CompetingReport, competingRisksReport } from "./competing-report.js";

const FIXTURES = new URL("../../test/fixtures/analytics/", import.meta.url);
type Json = null | number | string | boolean | Json[] | { [k: string]: Json };
const oracle = JSON.parse(readFileSync(new URL("competing.expected.json", FIXTURES), "utf8")) as {
  [k: string]: { [k: string]: Json };
};

function expectClose(actual: unknown, expected: Json, path: string, abs = 1e-12, rel = 1e-6): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose(a[i], e, `${path}[${i}]`, abs, rel);
    });
    return;
  }
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    const diff = Math.abs((actual as number) - expected);
    expect(diff <= abs + rel * Math.abs(expected), `${path}: ${actual} vs ${expected} (diff ${diff})`).toBe(
      true,
    );
    return;
  }
  expect(actual, path).toEqual(expected);
}

function table(name: string) {
  return parseCsv(readFileSync(new URL(name, FIXTURES), "utf8"));
}

const PBC_COV = ["age", "edema", "log_bili", "log_albumin", "log_protime"];
const MGUS_COV = ["age", "male", "hgb", "mspike"];

function pbc(group?: string, strata?: string, covariates: string[] = []): CompetingReport {
  return competingRisksReport(
    readCompetingRequest(table("pbc-competing.csv"), {
      time: "time",
      status: "status",
      ...(group ? { group } : {}),
      ...(strata ? { strata } : {}),
      covariates,
    }),
  );
}

function mgus(group?: string, covariates: string[] = []): CompetingReport {
  const t = table("mgus2.csv");
  const sex = t.header.indexOf("sex");
  const withMale = {
    header: [...t.header, "male"],
    rows: t.rows.map((r) => [...r, r[sex] === "M" ? "1" : "0"]),
  };
  return competingRisksReport(
    readCompetingRequest(withMale, {
      time: "etime",
      status: "event",
      ...(group ? { group } : {}),
      covariates,
    }),
  );
}

function expectCuminc(report: CompetingReport, key: string): void {
  const e = oracle[key] as {
    cuminc: { [k: string]: { [k: string]: Json } };
    grayTest?: { [k: string]: Json };
  };
  expect(Object.keys(report.cuminc)).toEqual(Object.keys(e.cuminc));
  for (const [name, curve] of Object.entries(e.cuminc)) {
    const mine = report.cuminc[name];
    for (const k of ["time", "est", "var"] as const) expectClose(mine?.[k], curve[k] as Json, `${name}.${k}`);
  }
  if (e.grayTest) {
    expect(Object.keys(report.grayTest ?? {})).toEqual(Object.keys(e.grayTest));
    for (const [cause, test] of Object.entries(e.grayTest)) {
      const t = test as { [k: string]: Json };
      const mine = report.grayTest?.[cause];
      expect(mine?.df).toBe(t.df);
      expectClose(mine?.stat, t.stat as Json, `gray ${cause}.stat`);
      expectClose(mine?.pv, t.pv as Json, `gray ${cause}.pv`);
    }
  } else {
    expect(report.grayTest).toBeNull();
  }
}

describe("cumulative incidence and Gray's test = cmprsk::cuminc", () => {
  it("PBC overall (418 patients): transplant and death curves with variances", () => {
    expectCuminc(pbc(), "pbc_overall");
  });
  it("PBC by treatment arm (312 randomised)", () => {
    const r = pbc("trt");
    expect(r.rows.withGroup).toBe(312);
    expectCuminc(r, "pbc_by_trt");
  });
  it("PBC by arm, Gray's test stratified by sex", () => {
    expectCuminc(pbc("trt", "sex"), "pbc_by_trt_strata_sex");
  });
  it("PBC by oedema (3 groups, 2 df)", () => {
    expectCuminc(pbc("edema"), "pbc_by_edema");
  });
  it("MGUS by sex (1384 patients): PCM and death", () => {
    expectCuminc(mgus("sex"), "mgus2_by_sex");
  });
});

describe("Fine–Gray regression = cmprsk::crr; cause-specific Cox = coxph", () => {
  const cases = [
    ["pbc", 1, "pbc_crr_transplant", "pbc_cs_transplant"],
    ["pbc", 2, "pbc_crr_death", "pbc_cs_death"],
    ["mgus2", 1, "mgus2_crr_pcm", "mgus2_cs_pcm"],
    ["mgus2", 2, "mgus2_crr_death", "mgus2_cs_death"],
  ] as const;
  const reports = { pbc: pbc(undefined, undefined, PBC_COV), mgus2: mgus(undefined, MGUS_COV) };
  for (const [data, cause, crrKey, csKey] of cases) {
    it(`${data}, event ${cause}: crr coef, se, z, p, var, log-likelihoods`, () => {
      const e = oracle[crrKey] as { [k: string]: Json };
      const fit = reports[data].crr?.[String(cause)];
      expect(fit?.status).toBe("ok");
      if (fit?.status !== "ok") return;
      expect(fit.terms).toEqual(e.terms);
      expect(fit.n).toBe(e.n);
      expect(fit.converged).toBe(e.converged);
      for (const k of ["coef", "se", "z", "p", "var", "loglik", "loglikNull"] as const) {
        expectClose(fit[k], e[k] as Json, k);
      }
    });
    it(`${data}, event ${cause}: cause-specific Cox`, () => {
      const e = oracle[csKey] as { [k: string]: Json };
      const fit = reports[data].causeSpecificCox?.[String(cause)];
      expect(fit?.status).toBe("ok");
      if (fit?.status !== "ok") return;
      expect(fit.n).toBe(e.n);
      expect(fit.nevent).toBe(e.nevent);
      expectClose(fit.coef, e.coef as Json, "coef");
      expectClose(fit.se, e.se as Json, "se");
      expectClose([fit.loglikNull, fit.loglik], e.loglik as Json, "loglik");
    });
  }
});
