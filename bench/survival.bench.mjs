/**
 * Survival benchmark: Kaplan–Meier (by group), log-rank and Cox (Efron, 5 covariates) on
 * synthetic cohorts of 10k / 100k / 1M rows (bench/generate-survival.mjs), against R's
 * survival on the same CSV in the same run when Rscript is on the PATH.
 *
 *   npm run bench:survival                      (builds dist first)
 *   SURVIVAL_BENCH_SIZES=10000,100000 node bench/survival.bench.mjs
 *
 * Times are the fastest of a few runs of the computation alone (both sides read the CSV
 * first, untimed). Results: bench/out/survival-results.json and a markdown table on stdout.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { coxPh } from "../dist/analytics/cox.js";
import { kaplanMeier } from "../dist/analytics/kaplan-meier.js";
import { logRank } from "../dist/analytics/log-rank.js";
import { generateSurvivalCsv } from "./generate-survival.mjs";

const sizes = (process.env.SURVIVAL_BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const reps = (n) => (n <= 10_000 ? 7 : n <= 100_000 ? 3 : 2);
mkdirSync("bench/out", { recursive: true });

function readCohort(path) {
  const lines = readFileSync(path, "utf8").split("\n");
  const n = lines.length - 2; // header and final newline
  const cols = Array.from({ length: 8 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1].split(",");
    for (let j = 0; j < 8; j++) cols[j][i] = Number(f[j]);
  }
  const [time, status, group, ...x] = cols;
  return { n, time, status, group: Uint32Array.from(group, (g) => g - 1), x };
}

function best(times, fn) {
  let min = Number.POSITIVE_INFINITY;
  let value;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    value = fn();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return { seconds: min, value };
}

const hasR = spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
const results = [];
for (const n of sizes) {
  const csv = `bench/out/survival-${n}.csv`;
  if (!existsSync(csv)) await generateSurvivalCsv(n, csv);
  const d = readCohort(csv);
  const r = reps(n);
  const km = best(r, () => {
    const curves = [];
    for (let g = 0; g < 2; g++) {
      const idx = [];
      for (let i = 0; i < d.n; i++) if (d.group[i] === g) idx.push(i);
      curves.push(
        kaplanMeier(
          Float64Array.from(idx, (i) => d.time[i]),
          Float64Array.from(idx, (i) => d.status[i]),
        ),
      );
    }
    return curves;
  });
  const lr = best(r, () => logRank(d.time, d.status, d.group, ["1", "2"]));
  const design = { terms: ["x1", "x2", "x3", "x4", "x5"], columns: d.x };
  const cox = best(r, () => coxPh(d.time, d.status, design, { ties: "efron" }));
  if (cox.value.status !== "ok") throw new Error(`Cox failed: ${cox.value.message}`);
  const row = {
    n,
    events: cox.value.nevent,
    node: { km: km.seconds, logrank: lr.seconds, cox: cox.seconds },
    coef: cox.value.coef,
    se: cox.value.se,
    loglik: cox.value.loglik,
    chisq: lr.value.chisq,
  };
  if (hasR) {
    const out = execFileSync("Rscript", ["bench/survival.bench.R", csv, String(r)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const rr = JSON.parse(out.trim().split("\n").pop());
    row.r = { km: rr.km, logrank: rr.logrank, cox: rr.cox, version: `${rr.r}, survival ${rr.survival}` };
    row.ratio = { km: km.seconds / rr.km, logrank: lr.seconds / rr.logrank, cox: cox.seconds / rr.cox };
    row.maxCoefAbsDiff = Math.max(...row.coef.map((b, i) => Math.abs(b - rr.coef[i])));
    row.maxCoefRelDiff = Math.max(...row.coef.map((b, i) => Math.abs(b / rr.coef[i] - 1)));
    row.maxSeRelDiff = Math.max(...row.se.map((s, i) => Math.abs(s / rr.se[i] - 1)));
    row.loglikDiff = Math.abs(row.loglik - rr.loglik);
    row.chisqRelDiff = Math.abs(row.chisq / rr.chisq - 1);
  }
  results.push(row);
  console.error(`n = ${n}: done`);
}

const machine = `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, Node ${process.version}`;
writeFileSync(
  "bench/out/survival-results.json",
  `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`,
);
const f = (s) => (s === undefined ? "—" : s < 0.01 ? `${(s * 1000).toFixed(2)} ms` : `${s.toFixed(3)} s`);
const x = (v) => (v === undefined ? "—" : v.toFixed(2));
const e = (v) => (v === undefined ? "—" : v.toExponential(1));
console.log(`Machine: ${machine}${results[0]?.r ? `; ${results[0].r.version}` : "; R not found"}\n`);
console.log(
  "| rows | events | KM node | KM R | ratio | log-rank node | log-rank R | ratio | Cox node | Cox R | ratio | max |Δcoef| | max rel Δcoef | max rel Δse |",
);
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.n.toLocaleString("en-US")} | ${r.events.toLocaleString("en-US")} | ${f(r.node.km)} | ${f(r.r?.km)} | ${x(r.ratio?.km)} | ${f(r.node.logrank)} | ${f(r.r?.logrank)} | ${x(r.ratio?.logrank)} | ${f(r.node.cox)} | ${f(r.r?.cox)} | ${x(r.ratio?.cox)} | ${e(r.maxCoefAbsDiff)} | ${e(r.maxCoefRelDiff)} | ${e(r.maxSeRelDiff)} |`,
  );
}
