import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { survivalReport } from "../analytics/report.js";
import { parseCsv } from "./csv-table.js";
import { EXIT } from "./io.js";
import { main } from "./main.js";
import { readSurvivalRequest, statusColumn, survivalCommand } from "./survival.js";

const DATA = new URL("../../test/fixtures/data/hcc-tace-seg/", import.meta.url);
const ANALYTICS = new URL("../../test/fixtures/analytics/", import.meta.url);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

describe("hepatica survival on the real HCC-TACE-Seg table, as it is", () => {
  const file = new URL("HCC-TACE-Seg_clinical_data-V2.csv", DATA).pathname;
  const expected = JSON.parse(readFileSync(new URL("expected.json", DATA), "utf8"));
  const choice = {
    time: "OS",
    status: "Death_1_StillAliveorLostToFU_0",
    group: "CPS",
    covariates: ["age", "AFP", "chemotherapy"],
    groupInCox: true,
  };
  const report = survivalReport(readSurvivalRequest(parseCsv(readFileSync(file, "utf8")), choice));

  it("reads BOM, quoted commas, NA and empty cells, no final newline", () => {
    expect(report.rows).toEqual({ read: 105, used: 105, droppedMissingTimeOrStatus: 0, withGroup: 105 });
    expect(report.groupLevels).toEqual(["A", "B", "C"]);
  });

  it("matches R: KM, median, log-rank", () => {
    const km = report.km.overall;
    expect(km.time).toEqual(expected.km.time);
    km.surv.forEach((s, i) => {
      expect(Math.abs(s - expected.km.surv[i])).toBeLessThan(1e-9);
      const lower = km.lower[i] as number;
      if (expected.km.lower[i] === null) expect(Number.isNaN(lower)).toBe(true);
      else expect(Math.abs(lower - expected.km.lower[i])).toBeLessThan(1e-9);
    });
    expect(report.median.overall).toMatchObject(expected.median);
    expect(report.logrank?.observed).toEqual(expected.logrank.observed);
    expect(Math.abs((report.logrank?.chisq ?? 0) / expected.logrank.chisq - 1)).toBeLessThan(1e-6);
  });

  for (const ties of ["efron", "breslow"] as const) {
    it(`matches R's coxph (${ties}) with a text factor and NA rows dropped`, () => {
      const fit = report.cox?.[ties];
      const e = expected.cox[ties];
      expect(fit?.status).toBe("ok");
      if (fit?.status !== "ok") return;
      expect([fit.n, fit.nevent, fit.nDroppedMissing]).toEqual([e.n, e.nevent, e.n_dropped_missing]);
      expect(fit.terms).toEqual(e.terms);
      fit.coef.forEach((b, i) => {
        expect(Math.abs(b / e.coef[i] - 1)).toBeLessThan(1e-6);
        expect(Math.abs((fit.se[i] as number) / e.se[i] - 1)).toBeLessThan(1e-6);
      });
      expect(Math.abs(fit.loglik / e.loglik[1] - 1)).toBeLessThan(1e-9);
      expect(Math.abs(fit.scoreTest.chisq / e.score_test - 1)).toBeLessThan(1e-6);
      expect(Math.abs((fit.concordance?.c ?? 0) / e.concordance - 1)).toBeLessThan(1e-9);
    });
  }

  it("cox.zph with multi-level factors where R needs AFP rescaled to compute it", () => {
    const fit = report.cox?.efron;
    const e = expected.zph_efron_afp_scaled;
    expect(fit?.status).toBe("ok");
    if (fit?.status !== "ok") return;
    expect(fit.zph?.terms).toEqual(e.terms);
    expect(fit.zph?.df).toEqual(e.df);
    fit.zph?.chisq.forEach((c, i) => {
      expect(Math.abs(c / e.chisq[i] - 1)).toBeLessThan(1e-6);
      expect(Math.abs((fit.zph?.p[i] as number) / e.p[i] - 1)).toBeLessThan(1e-6);
    });
  });

  it("prints readable tables and JSON through the command table", async () => {
    const text = await run([
      "survival",
      file,
      "--time",
      "OS",
      "--status",
      "Death_1_StillAliveorLostToFU_0",
      "--group",
      "CPS",
    ]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.out).toContain("Log-rank test");
    expect(text.out).toContain("at risk");
    const json = await run([
      "survival",
      file,
      "--time",
      "OS",
      "--status",
      "Death_1_StillAliveorLostToFU_0",
      "--group",
      "CPS",
      "--covariates",
      "age,AFP",
      "--json",
    ]);
    expect(json.code).toBe(EXIT.ok);
    const parsed = JSON.parse(json.out);
    expect(Object.keys(parsed.cox)).toEqual(["formula", "extended", "efron", "breslow"]);
    expect(parsed.cox.efron.terms).toEqual(["age", "AFP", "CPSB", "CPSC"]);
    expect(parsed.km.byGroup.A.nRisk[0]).toBe(86);
    expect(parsed.cox.efron).toHaveProperty("hrLower");
    expect(parsed.cox.efron).toHaveProperty("lrTest");
    expect(parsed.cox.efron.linearPredictors).toBeUndefined();
  });
});

describe("hepatica survival: JSON equals R's parity file for lung (camelCase keys)", () => {
  it("has R's structure and numbers", async () => {
    const { code, out } = await run([
      "survival",
      new URL("lung.csv", ANALYTICS).pathname,
      "--time",
      "time",
      "--status",
      "status",
      "--group",
      "group",
      "--covariates",
      "age,ph.ecog",
      "--json",
    ]);
    expect(code).toBe(EXIT.ok);
    const mine = JSON.parse(out);
    const r = JSON.parse(readFileSync(new URL("lung.expected.json", ANALYTICS), "utf8"));
    expect(mine.rows.droppedMissingTimeOrStatus).toBe(r.rows.dropped_missing_time_or_status);
    expect(mine.median.overall).toEqual(r.median.overall);
    expect(mine.median.byGroup).toEqual(r.median.by_group);
    expect(mine.km.byGroup["2"].stdErrSurv.length).toBe(r.km.by_group["2"].std_err_surv.length);
    expect(mine.cox.efron.hrUpper[2]).toBeCloseTo(r.cox.efron.hr_upper[2], 9);
    expect(mine.cox.breslow.waldTest.chisq).toBeCloseTo(r.cox.breslow.wald_test.chisq, 8);
    expect(mine.cox.efron.concordance.tiedRisk).toBe(r.cox.efron.concordance.tied_risk);
  });
});

describe("hepatica survival: edge cases", () => {
  const csv = (text: string) => parseCsv(text);

  it("status codings as R's Surv: 0/1, 1/2 (2 = event), TRUE/FALSE", () => {
    expect(statusColumn("s", ["0", "1", "NA", ""])).toEqual([0, 1, null, null]);
    expect(statusColumn("s", ["1", "2", "2"])).toEqual([0, 1, 1]);
    expect(statusColumn("s", ["TRUE", "FALSE"])).toEqual([1, 0]);
    expect(() => statusColumn("s", ["0", "3"])).toThrow(/status must be/);
    expect(() => statusColumn("s", ["dead", "alive"])).toThrow(/not a number/);
  });

  it("zero events: KM flat at 1, no median, Cox not estimated", () => {
    const t = csv("t,s,x\n1,0,1\n2,0,2\n3,0,5\n");
    const report = survivalReport(
      readSurvivalRequest(t, { time: "t", status: "s", covariates: ["x"], groupInCox: true }),
    );
    expect(report.km.overall.surv).toEqual([1, 1, 1]);
    expect(report.median.overall.median).toBeNull();
    expect(report.cox?.efron.status).toBe("no-events");
  });

  it("a single group: KM for it, no log-rank", () => {
    const t = csv("t,s,g\n1,1,a\n2,0,a\n3,1,a\n");
    const report = survivalReport(
      readSurvivalRequest(t, { time: "t", status: "s", group: "g", covariates: [], groupInCox: false }),
    );
    expect(report.groupLevels).toEqual(["a"]);
    expect(report.logrank).toBeNull();
    expect(report.km.byGroup.a?.surv).toEqual(report.km.overall.surv);
  });

  it("collinear covariates: a clear error naming the column", () => {
    const rows = ["t,s,a,b,c"];
    for (let i = 1; i <= 30; i++)
      rows.push(`${i},${i % 3 === 0 ? 0 : 1},${i % 7},${(i * 13) % 11},${(i % 7) + 2 * ((i * 13) % 11)}`);
    const report = survivalReport(
      readSurvivalRequest(csv(rows.join("\n")), {
        time: "t",
        status: "s",
        covariates: ["a", "b", "c"],
        groupInCox: true,
      }),
    );
    const fit = report.cox?.efron;
    expect(fit?.status).toBe("invalid");
    if (fit?.status === "invalid") {
      expect(fit.code).toBe("collinear");
      expect(fit.terms).toEqual(["c"]);
      expect(fit.message).toMatch(/collinear/);
    }
  });

  it("missing time, status or covariates: dropped and counted", () => {
    const t = csv('t,s,x\n1,1,1\nNA,1,2\n3,,3\n4,1,\n5,0,"4"\n6,1,1\n7,1,9\n');
    const report = survivalReport(
      readSurvivalRequest(t, { time: "t", status: "s", covariates: ["x"], groupInCox: true }),
    );
    expect(report.rows).toEqual({ read: 7, used: 5, droppedMissingTimeOrStatus: 2, withGroup: 0 });
    const fit = report.cox?.efron;
    expect(fit?.nDroppedMissing).toBe(1);
    expect(fit?.status === "ok" && fit.n).toBe(4);
  });

  it("invalid input and usage errors give exit codes 1 and 2", async () => {
    const lung = new URL("lung.csv", ANALYTICS).pathname;
    expect((await run(["survival", lung, "--time", "nope", "--status", "status"])).code).toBe(
      EXIT.invalidInput,
    );
    expect((await run(["survival", lung, "--time", "time"])).code).toBe(EXIT.usage);
    expect(
      (await run(["survival", lung, "--time", "time", "--status", "status", "--ties", "exact"])).code,
    ).toBe(EXIT.usage);
    expect((await run(["survival", "/nonexistent.csv", "--time", "t", "--status", "s"])).code).toBe(
      EXIT.invalidInput,
    );
  });

  it("--strata: stratified log-rank as survdiff(~ group + strata(celltype)) on veteran", async () => {
    const extra = JSON.parse(readFileSync(new URL("extra.expected.json", ANALYTICS), "utf8"));
    const { code, out } = await run([
      "survival",
      new URL("veteran.csv", ANALYTICS).pathname,
      "--time",
      "time",
      "--status",
      "status",
      "--group",
      "group",
      "--strata",
      "celltype",
      "--json",
    ]);
    expect(code).toBe(EXIT.ok);
    const lr = JSON.parse(out).logrank;
    const e = extra.logrank_veteran_group_strata_celltype;
    expect(Math.abs(lr.chisq / e.chisq - 1)).toBeLessThan(1e-9);
    expect(Math.abs(lr.p / e.p - 1)).toBeLessThan(1e-9);
  });

  it("exports the command", () => {
    expect(typeof survivalCommand).toBe("function");
  });
});
