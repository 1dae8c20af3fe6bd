/**
 * Parity with R's survival 3.5.3 (R 4.2.2) on lung, veteran and pbc: the oracle files in
 * test/fixtures/analytics (copied from shared/analytics, see its README) plus
 * extra.expected.json from extra-oracle.R (same R and survival versions).
 * Tolerances from the issue: KM 1e-9 absolute; Cox coefficients and SEs 1e-6 relative;
 * test statistics and p-values 1e-6 relative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../cli/csv-table.js";
import { readSurvivalRequest } from "../cli/survival.js";
import { kaplanMeier, medianSurvival, survivalAt } from "./kaplan-meier.js";
import { logRank } from "./log-rank.js";
import { factorLevels, survivalReport } from "./report.js";

const FIXTURES = new URL("../../test/fixtures/analytics/", import.meta.url);
type Json = null | number | string | boolean | Json[] | { [k: string]: Json };
const readJson = (name: string): { [k: string]: Json } =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
function camelKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x)]));
  }
  return v;
}

/** |a − e| ≤ abs + rel·|e|, with R's NA/Inf (null in JSON) matching any non-finite value. */
function expectClose(actual: unknown, expected: Json, abs: number, rel: number, path: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose(a[i], e, abs, rel, `${path}[${i}]`);
    });
    return;
  }
  if (expected === null) {
    expect(
      actual === null || (typeof actual === "number" && !Number.isFinite(actual)),
      `${path}: ${actual} vs NA`,
    ).toBe(true);
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
  if (typeof expected === "object") {
    const a = actual as Record<string, unknown>;
    for (const [k, e] of Object.entries(expected)) expectClose(a?.[k], e, abs, rel, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const KM_KEYS = ["time", "nRisk", "nEvent", "nCensor", "surv", "stdErr", "stdErrSurv", "lower", "upper"];
const COX_REL = [
  "coef",
  "se",
  "z",
  "p",
  "hr",
  "hrLower",
  "hrUpper",
  "var",
  "loglikNull",
  "loglik",
  "lrTest",
  "waldTest",
  "scoreTest",
];

for (const name of ["lung", "veteran", "pbc"]) {
  describe(`parity with R survival 3.5.3: ${name}`, () => {
    const expected = camelKeys(readJson(`${name}.expected.json`)) as { [k: string]: Json };
    const options = expected.options as { covariates: string[]; groupInCox: boolean };
    const table = parseCsv(readFileSync(new URL(`${name}.csv`, FIXTURES), "utf8"));
    const request = readSurvivalRequest(table, {
      time: "time",
      status: "status",
      group: "group",
      covariates: options.covariates,
      groupInCox: options.groupInCox,
    });
    const report = survivalReport(request);

    it("reads and counts rows as R", () => {
      expect(report.rows).toEqual(expected.rows);
      expect(report.groupLevels).toEqual(expected.groupLevels);
    });

    it("Kaplan–Meier overall and by group: estimates and log CIs to 1e-9", () => {
      const km = expected.km as {
        overall: { [k: string]: Json };
        byGroup: { [g: string]: { [k: string]: Json } };
      };
      for (const key of KM_KEYS) {
        expectClose(
          report.km.overall[key as keyof typeof report.km.overall],
          km.overall[key] as Json,
          1e-9,
          0,
          key,
        );
      }
      for (const [level, curve] of Object.entries(km.byGroup)) {
        const mine = report.km.byGroup[level];
        expect(mine).toBeDefined();
        for (const key of KM_KEYS) {
          expectClose(mine?.[key as keyof typeof mine], curve[key] as Json, 1e-9, 0, `${level}.${key}`);
        }
      }
    });

    it("median survival with CI", () => {
      expect(report.median).toEqual(expected.median);
    });

    it("log-rank: O, E, V, chi-square and p to 1e-6 relative", () => {
      const lr = expected.logrank as { [k: string]: Json };
      expect(report.logrank?.groups).toEqual(lr.groups);
      expect(report.logrank?.n).toEqual(lr.n);
      expect(report.logrank?.df).toBe(lr.df);
      for (const key of ["observed", "expected", "variance", "chisq", "p"] as const) {
        expectClose(report.logrank?.[key], lr[key] as Json, 1e-12, 1e-6, key);
      }
    });

    for (const ties of ["efron", "breslow"] as const) {
      it(`Cox (${ties}): coefficients, SEs, HRs, variance, tests to 1e-6 relative; concordance`, () => {
        const cox = expected.cox as {
          formula: string;
          efron: { [k: string]: Json };
          breslow: { [k: string]: Json };
        };
        const exp = cox[ties];
        const fit = report.cox?.[ties];
        expect(report.cox?.formula).toBe(cox.formula);
        expect(fit?.status).toBe("ok");
        if (fit?.status !== "ok") return;
        expect(fit.n).toBe(exp.n);
        expect(fit.nevent).toBe(exp.nevent);
        expect(fit.nDroppedMissing).toBe(exp.nDroppedMissing);
        expect(fit.iterations).toBe(exp.iterations);
        expect(fit.terms).toEqual(exp.terms);
        for (const key of COX_REL)
          expectClose(fit[key as keyof typeof fit], exp[key] as Json, 1e-15, 1e-6, key);
        const c = exp.concordance as { [k: string]: number };
        const mine = fit.concordance;
        expect(mine).not.toBeNull();
        expect([mine?.concordant, mine?.discordant, mine?.tiedRisk, mine?.tiedTime, mine?.tiedBoth]).toEqual([
          c.concordant,
          c.discordant,
          c.tiedRisk,
          c.tiedTime,
          c.tiedBoth,
        ]);
        expectClose(mine?.c, c.c as number, 0, 1e-9, "concordance.c");
        expectClose(mine?.se, c.se as number, 0, 1e-6, "concordance.se");
      });
    }
  });
}

describe("parity with R: extra oracle (extra-oracle.R)", () => {
  const extra = camelKeys(readJson("extra.expected.json")) as { [k: string]: { [k: string]: Json } };
  const lung = readSurvivalRequest(parseCsv(readFileSync(new URL("lung.csv", FIXTURES), "utf8")), {
    time: "time",
    status: "status",
    group: "group",
    covariates: ["age", "ph.ecog"],
    groupInCox: true,
  });
  const lungTime = lung.time as number[];
  const lungStatus = lung.status as number[];
  const vet = parseCsv(readFileSync(new URL("veteran.csv", FIXTURES), "utf8"));
  const col = (name: string): string[] => vet.rows.map((r) => r[vet.header.indexOf(name)] as string);
  const vTime = col("time").map(Number);
  const vStatus = col("status").map(Number);

  for (const [key, confType] of [
    ["kmLoglogLung", "log-log"],
    ["kmPlainLung", "plain"],
  ] as const) {
    it(`KM ${confType} bands to 1e-9`, () => {
      const curve = kaplanMeier(lungTime, lungStatus, { confType });
      for (const k of ["time", "nRisk", "surv", "stdErr", "lower", "upper"]) {
        expectClose(curve[k as keyof typeof curve], extra[key]?.[k] as Json, 1e-9, 0, k);
      }
    });
  }

  it("KM log-log by group (veteran arm 2)", () => {
    const keep = col("group")
      .map((g, i) => (g === "2" ? i : -1))
      .filter((i) => i >= 0);
    const curve = kaplanMeier(
      keep.map((i) => vTime[i] as number),
      keep.map((i) => vStatus[i] as number),
      { confType: "log-log" },
    );
    for (const k of ["time", "nRisk", "surv", "stdErr", "lower", "upper"]) {
      expectClose(curve[k as keyof typeof curve], extra.kmLoglogVeteranGroup2?.[k] as Json, 1e-9, 0, k);
    }
  });

  it("median CI under log-log and plain bands", () => {
    for (const [key, confType] of [
      ["medianLoglogLung", "log-log"],
      ["medianPlainLung", "plain"],
    ] as const) {
      const m = medianSurvival(kaplanMeier(lungTime, lungStatus, { confType }));
      expect({ median: m.median, lower: m.lower, upper: m.upper }).toEqual(extra[key]);
    }
  });

  it("survival at fixed times and the number at risk", () => {
    const e = extra.atTimesLung as { [k: string]: Json };
    const rows = survivalAt(kaplanMeier(lungTime, lungStatus), e.times as number[]);
    expect(rows.map((r) => r.nRisk)).toEqual(e.nRisk);
    expect(rows.map((r) => r.nEvent)).toEqual(e.nEvent);
    for (const k of ["surv", "stdErr", "lower", "upper"] as const) {
      expectClose(
        rows.map((r) => r[k]),
        e[k] as Json,
        1e-9,
        0,
        k,
      );
    }
  });

  it("log-rank with k = 4 groups (veteran cell type)", () => {
    const cell = col("celltype");
    const levels = factorLevels(cell);
    const lr = logRank(
      vTime,
      vStatus,
      cell.map((c) => levels.indexOf(c)),
      levels,
    );
    const e = extra.logrankVeteranCelltype as { [k: string]: Json };
    expect(lr.df).toBe(e.df);
    for (const k of ["observed", "expected", "variance", "chisq", "p"] as const) {
      expectClose(lr[k], e[k] as Json, 1e-12, 1e-6, k);
    }
  });

  it("stratified log-rank (veteran arm, strata cell type)", () => {
    const cell = col("celltype");
    const levels = factorLevels(cell);
    const lr = logRank(
      vTime,
      vStatus,
      col("group").map((g) => Number(g) - 1),
      ["1", "2"],
      cell.map((c) => levels.indexOf(c)),
    );
    const e = extra.logrankVeteranGroupStrataCelltype as { [k: string]: Json };
    for (const k of ["observed", "expected", "variance", "chisq", "p"] as const) {
      expectClose(lr[k], e[k] as Json, 1e-12, 1e-6, k);
    }
  });

  for (const [key, file, ties] of [
    ["zphLungEfron", "lung", "efron"],
    ["zphLungBreslow", "lung", "breslow"],
    ["zphVeteranEfron", "veteran", "efron"],
    ["zphPbcEfron", "pbc", "efron"],
  ] as const) {
    it(`cox.zph ${file} (${ties}) to 1e-6 relative`, () => {
      const expected = readJson(`${file}.expected.json`) as {
        options: { covariates: string[]; group_in_cox: boolean };
      };
      const report = survivalReport(
        readSurvivalRequest(parseCsv(readFileSync(new URL(`${file}.csv`, FIXTURES), "utf8")), {
          time: "time",
          status: "status",
          group: "group",
          covariates: expected.options.covariates,
          groupInCox: expected.options.group_in_cox,
        }),
      );
      const fit = report.cox?.[ties];
      expect(fit?.status).toBe("ok");
      if (fit?.status !== "ok") return;
      const e = extra[key] as { [k: string]: Json };
      expect(fit.zph?.terms).toEqual(e.terms);
      expect(fit.zph?.df).toEqual(e.df);
      expectClose(fit.zph?.chisq, e.chisq as Json, 1e-15, 1e-6, "chisq");
      expectClose(fit.zph?.p, e.p as Json, 1e-15, 1e-6, "p");
    });
  }
});
