import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT } from "./io.js";
import { main } from "./main.js";

const ANALYTICS = new URL("../../test/fixtures/analytics/", import.meta.url);
const oracle = JSON.parse(readFileSync(new URL("cox-extended.expected.json", ANALYTICS), "utf8"));
const file = (name: string): string => new URL(name, ANALYTICS).pathname;

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

const close = (a: readonly number[], e: readonly number[]): boolean =>
  a.length === e.length &&
  a.every((v, i) => Math.abs(v - (e[i] as number)) <= 1e-6 * Math.abs(e[i] as number));

describe("hepatica survival: Cox with --strata, --start/--stop, --cluster, --weights = R's coxph", () => {
  it("(start, stop] with a time-varying transplant and patients as clusters (Stanford heart)", async () => {
    const { code, out, err } = await run([
      "survival",
      file("heart.csv"),
      "--start",
      "start",
      "--stop",
      "stop",
      "--status",
      "event",
      "--covariates",
      "age,year,surgery,transplant",
      "--cluster",
      "id",
      "--json",
    ]);
    expect(err).toBe("");
    expect(code).toBe(EXIT.ok);
    const j = JSON.parse(out);
    expect(j.km).toBeUndefined();
    expect(j.cox.formula).toBe("Surv(start, stop, event) ~ age + year + surgery + transplant, cluster = id");
    const e = oracle.cluster_heart;
    expect(close(j.cox.efron.coef, e.coef)).toBe(true);
    expect(close(j.cox.efron.se, e.se)).toBe(true);
    expect(close(j.cox.efron.robust.naiveSe, e.naive_se)).toBe(true);
    expect(j.cox.efron.robust.clusters).toBe(103);
  });

  it("recurrent infections: (start, stop], strata, cluster (CGD) — text output shows both SEs", async () => {
    const argv = [
      "survival",
      file("cgd.csv"),
      "--start",
      "tstart",
      "--time",
      "tstop",
      "--status",
      "status",
      "--covariates",
      "rifn,age",
      "--strata",
      "hos_cat",
      "--cluster",
      "id",
    ];
    const json = JSON.parse((await run([...argv, "--json"])).out);
    expect(close(json.cox.efron.coef, oracle.all_cgd.coef)).toBe(true);
    expect(close(json.cox.efron.se, oracle.all_cgd.se)).toBe(true);
    const { out } = await run(argv);
    expect(out).toMatch(/Kaplan–Meier and log-rank: not computed for \(start, stop\] data/);
    expect(out).toMatch(/robust variance over 128 clusters/);
    expect(out).toMatch(/term\s+coef\s+se\s+robust se/);
  });

  it("--strata stratifies the Cox model (veteran, strata(celltype)) and the KM is still computed", async () => {
    const { code, out } = await run([
      "survival",
      file("veteran.csv"),
      "--time",
      "time",
      "--status",
      "status",
      "--covariates",
      "karno,age,diagtime",
      "--strata",
      "celltype",
      "--json",
    ]);
    expect(code).toBe(EXIT.ok);
    const j = JSON.parse(out);
    expect(j.km.overall.time.length).toBeGreaterThan(0);
    expect(close(j.cox.efron.coef, oracle.strata_veteran.coef)).toBe(true);
    expect(close(j.cox.efron.se, oracle.strata_veteran.se)).toBe(true);
    expect(j.cox.efron.zph).toBeNull();
  });

  it("refuses an empty interval and a non-positive weight, naming the column and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "h18-"));
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, "start,stop,event,x,w\n0,5,1,1,1\n5,5,0,2,1\n0,3,1,0,0\n");
    const a = await run([
      "survival",
      csv,
      "--start",
      "start",
      "--stop",
      "stop",
      "--status",
      "event",
      "--covariates",
      "x",
    ]);
    expect(a.code).toBe(EXIT.invalidInput);
    expect(a.err).toMatch(/column "start": the start must be before the stop \(stop\).* on line 3/);
    const b = await run([
      "survival",
      csv,
      "--time",
      "stop",
      "--status",
      "event",
      "--covariates",
      "x",
      "--weights",
      "w",
    ]);
    expect(b.code).toBe(EXIT.invalidInput);
    expect(b.err).toMatch(/column "w": a case weight must be a finite number > 0 on line 4/);
  });
});
