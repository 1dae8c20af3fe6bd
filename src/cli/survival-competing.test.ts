import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT } from "./io.js";
import { main } from "./main.js";

const ANALYTICS = new URL("../../test/fixtures/analytics/", import.meta.url);
const oracle = JSON.parse(readFileSync(new URL("competing.expected.json", ANALYTICS), "utf8"));
const pbc = new URL("pbc-competing.csv", ANALYTICS).pathname;

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

const close = (a: number, e: number): boolean => Math.abs(a - e) <= 1e-12 + 1e-6 * Math.abs(e);

describe("hepatica survival --competing", () => {
  it("--json gives cuminc, grayTest and crr in cmprsk's structure (PBC, transplant vs death)", async () => {
    const { code, out, err } = await run([
      "survival",
      pbc,
      "--time",
      "time",
      "--status",
      "status",
      "--competing",
      "--group",
      "trt",
      "--covariates",
      "age,edema,log_bili,log_albumin,log_protime",
      "--json",
    ]);
    expect(err).toBe("");
    expect(code).toBe(EXIT.ok);
    const j = JSON.parse(out);
    expect(j.causes).toEqual([1, 2]);
    expect(Object.keys(j.cuminc)).toEqual(["1 1", "2 1", "1 2", "2 2"]);
    const e = oracle.pbc_by_trt;
    for (const [k, curve] of Object.entries(e.cuminc) as [string, { est: number[] }][]) {
      expect(j.cuminc[k].est.every((v: number, i: number) => close(v, curve.est[i] as number))).toBe(true);
    }
    expect(close(j.grayTest["2"].stat, e.grayTest["2"].stat)).toBe(true);
    expect(j.grayTest["2"].df).toBe(1);
    // crr on the 416 rows with every covariate (protime missing for 2).
    expect(j.crr["2"].nDroppedMissing).toBe(2);
    expect(j.crr["2"].coef.every((v: number, i: number) => close(v, oracle.pbc_crr_death.coef[i]))).toBe(
      true,
    );
    expect(j.crr["1"].se.every((v: number, i: number) => close(v, oracle.pbc_crr_transplant.se[i]))).toBe(
      true,
    );
    expect(j.causeSpecificCox["2"].linearPredictors).toBeUndefined();
  });

  it("prints cumulative incidence at times, Gray's test and subdistribution hazard ratios", async () => {
    const { code, out } = await run([
      "survival",
      pbc,
      "--time",
      "time",
      "--status",
      "status",
      "--competing",
      "--group",
      "trt",
      "--covariates",
      "log_bili",
      "--times",
      "1825,3650",
    ]);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/event types 1, 2/);
    expect(out).toMatch(/Gray's test/);
    expect(out).toMatch(
      /Fine–Gray subdistribution hazards \(event 2\): n = 418, events = 161, competing = 25/,
    );
    expect(out).toMatch(/Cause-specific Cox \(event 1, other events censored\)/);
  });

  it("refuses a status that is not 0, 1, 2, … naming the column and lines", async () => {
    const { code, err } = await run(["survival", pbc, "--time", "age", "--status", "edema", "--competing"]);
    expect(code).toBe(EXIT.invalidInput);
    expect(err).toMatch(
      /column "edema": competing-risk status must be 0 \(censored\) or 1, 2, … .* on lines 4, 5, 20, 28, 58 and 39 more/,
    );
  });

  it("a live R run of the oracle script reproduces the committed oracle file", () => {
    let live: string;
    try {
      live = execFileSync("Rscript", ["competing-oracle.R"], { cwd: ANALYTICS.pathname, encoding: "utf8" });
    } catch (e) {
      // R is installed in CI (.ci/run); a machine without it keeps the committed oracle.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    const l = JSON.parse(live);
    expect(l.cmprsk_version).toBe(oracle.cmprsk_version);
    for (const key of Object.keys(oracle).filter((k) => k.includes("crr") || k.includes("by"))) {
      expect(JSON.stringify(l[key]).length, key).toBe(JSON.stringify(oracle[key]).length);
    }
    expect(l.pbc_crr_death.coef).toEqual(oracle.pbc_crr_death.coef);
  });
});
