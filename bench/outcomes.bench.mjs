/**
 * Outcomes benchmark against R in the same run (see bench/OUTCOMES.md):
 * - competing risks at 100k rows: cumulative incidence per group and cause with its variance and
 *   Gray's test, as the CLI computes it (`competingRisksReport`) against `cmprsk::cuminc(time,
 *   status, group)`; Fine–Gray (`crr`, 3 covariates) at the sizes R can
 *   finish (its variance is O(n³)), and Hepatica alone at 100k;
 * - Cox at 1M intervals: stratified by centre (`coxph(Surv(stop, event) ~ x1 + x2 + albi +
 *   strata(centre))`) and counting process (`Surv(start, stop, event)`, same terms and strata).
 *
 *   npm run bench:outcomes            (builds dist first)
 *   OUTCOMES_BENCH_COMPETING=100000 OUTCOMES_BENCH_CRR=1000,2000 OUTCOMES_BENCH_COUNTING=1000000
 *
 * Times are the fastest of a few runs of the computation alone (both sides read the CSV first).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { competingRisksReport } from "../dist/analytics/competing-report.js";
import { coxPh } from "../dist/analytics/cox.js";
import { fineGray } from "../dist/analytics/fine-gray.js";
import { generateCompetingCsv, generateCountingCsv } from "./generate-outcomes.mjs";

const list = (v, d) => (v ?? d).split(",").filter(Boolean).map(Number);
const competingSizes = list(process.env.OUTCOMES_BENCH_COMPETING, "100000");
const crrSizes = list(process.env.OUTCOMES_BENCH_CRR, "1000,2000,4000,100000");
const countingSizes = list(process.env.OUTCOMES_BENCH_COUNTING, "1000000");
/** Above this R's crr is not run (cubic variance: hours at 100k). */
const CRR_R_MAX = Number(process.env.OUTCOMES_BENCH_CRR_R_MAX ?? 4000);
mkdirSync("bench/out", { recursive: true });

function readColumns(path, names) {
  const lines = readFileSync(path, "utf8").split("\n");
  const header = lines[0].split(",");
  const n = lines.length - 2;
  const idx = names.map((c) => header.indexOf(c));
  const cols = names.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1].split(",");
    idx.forEach((k, j) => {
      cols[j][i] = Number(f[k]);
    });
  }
  return { n, ...Object.fromEntries(names.map((c, j) => [c, cols[j]])) };
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

const hasR = spawnSync("Rscript", ["-e", "library(cmprsk)"], { stdio: "ignore" }).status === 0;
const runR = (args) =>
  JSON.parse(
    execFileSync("Rscript", ["bench/outcomes.bench.R", ...args], { encoding: "utf8", maxBuffer: 1 << 22 })
      .trim()
      .split("\n")
      .pop(),
  );
const results = { competing: [], crr: [], counting: [] };

/** The request `hepatica survival --competing --group` builds from the table (untimed, as R's read.csv). */
const requestOf = (d) => ({
  timeName: "time",
  statusName: "status",
  time: Array.from(d.time),
  status: Array.from(d.status),
  group: { name: "group", values: Array.from(d.group), factor: true },
  covariates: [],
});

/** What it then computes: every curve with its variance and Gray's tests. */
function cuminc(req) {
  const r = competingRisksReport(req);
  return { gray: ["1", "2"].map((c) => r.grayTest?.[c]?.stat) };
}

for (const n of competingSizes) {
  const csv = `bench/out/competing-${n}.csv`;
  if (!existsSync(csv)) await generateCompetingCsv(n, csv);
  const d = readColumns(csv, ["time", "status", "group", "x1", "x2", "x3"]);
  const reps = n <= 10_000 ? 5 : 3;
  const req = requestOf(d);
  const ci = best(reps, () => cuminc(req));
  const row = { n, node: ci.seconds, gray: ci.value.gray };
  if (hasR) {
    const r = runR(["competing", csv, String(reps), "0"]);
    row.r = r.cuminc;
    row.ratio = ci.seconds / r.cuminc;
    row.grayRelDiff = Math.max(...row.gray.map((s, i) => Math.abs(s / r.gray[i] - 1)));
    row.version = `${r.r}, cmprsk ${r.cmprsk}`;
  }
  results.competing.push(row);
  console.error(`cuminc n = ${n}: done`);
}

for (const n of crrSizes) {
  const csv = `bench/out/competing-${n}.csv`;
  if (!existsSync(csv)) await generateCompetingCsv(n, csv);
  const d = readColumns(csv, ["time", "status", "group", "x1", "x2", "x3"]);
  const reps = n <= 10_000 ? 3 : 2;
  const design = { terms: ["x1", "x2", "x3"], columns: [d.x1, d.x2, d.x3] };
  const fg = best(reps, () => fineGray(d.time, d.status, 1, design));
  if (fg.value.status !== "ok") throw new Error("crr failed");
  const row = { n, node: fg.seconds, coef: fg.value.coef, se: fg.value.se };
  if (hasR && n <= CRR_R_MAX) {
    const r = runR(["competing", csv, "1", "1"]);
    row.r = r.crr;
    row.ratio = fg.seconds / r.crr;
    row.coefRelDiff = Math.max(...row.coef.map((b, i) => Math.abs(b / r.coef[i] - 1)));
    row.seRelDiff = Math.max(...row.se.map((s, i) => Math.abs(s / r.se[i] - 1)));
  }
  results.crr.push(row);
  console.error(`crr n = ${n}: done`);
}

for (const n of countingSizes) {
  const csv = `bench/out/counting-${n}.csv`;
  if (!existsSync(csv)) await generateCountingCsv(n, csv);
  const d = readColumns(csv, ["start", "stop", "event", "centre", "x1", "x2", "albi"]);
  const design = { terms: ["x1", "x2", "albi"], columns: [d.x1, d.x2, d.albi] };
  const strata = Uint32Array.from(d.centre, (c) => c - 1);
  const reps = 2;
  const options = { ties: "efron", strata, concordance: false };
  const st = best(reps, () => coxPh(d.stop, d.event, design, options));
  const cp = best(reps, () => coxPh(d.stop, d.event, design, { ...options, start: d.start }));
  const row = {
    n,
    events: cp.value.nevent,
    node: { strata: st.seconds, counting: cp.seconds },
    coef: cp.value.coef,
    se: cp.value.se,
    coefStrata: st.value.coef,
  };
  if (hasR) {
    const r = runR(["counting", csv, String(reps)]);
    row.r = { strata: r.strata, counting: r.counting };
    row.ratio = { strata: st.seconds / r.strata, counting: cp.seconds / r.counting };
    row.coefRelDiff = Math.max(
      ...row.coef.map((b, i) => Math.abs(b / r.coefCounting[i] - 1)),
      ...row.coefStrata.map((b, i) => Math.abs(b / r.coefStrata[i] - 1)),
    );
    row.seRelDiff = Math.max(...row.se.map((s, i) => Math.abs(s / r.seCounting[i] - 1)));
    row.version = `${r.r}, survival ${r.survival}`;
  }
  results.counting.push(row);
  console.error(`counting n = ${n}: done`);
}

const machine = `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, Node ${process.version}`;
writeFileSync(
  "bench/out/outcomes-results.json",
  `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`,
);
const f = (s) => (s === undefined ? "—" : s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const x = (v) => (v === undefined ? "—" : v.toFixed(3));
const e = (v) => (v === undefined ? "—" : v.toExponential(1));
console.log(`Machine: ${machine}\n`);
console.log(
  "| cumulative incidence + Gray, rows | Hepatica | R cuminc | ratio | max rel Δ Gray stat |\n|---:|---:|---:|---:|---:|",
);
for (const r of results.competing)
  console.log(
    `| ${r.n.toLocaleString("en-US")} | ${f(r.node)} | ${f(r.r)} | ${x(r.ratio)} | ${e(r.grayRelDiff)} |`,
  );
console.log(
  "\n| Fine–Gray, rows | Hepatica | R crr | ratio | max rel Δcoef | max rel Δse |\n|---:|---:|---:|---:|---:|---:|",
);
for (const r of results.crr)
  console.log(
    `| ${r.n.toLocaleString("en-US")} | ${f(r.node)} | ${f(r.r)} | ${x(r.ratio)} | ${e(r.coefRelDiff)} | ${e(r.seRelDiff)} |`,
  );
console.log(
  "\n| intervals | events | stratified Hepatica | R | ratio | counting process Hepatica | R | ratio | max rel Δcoef | max rel Δse |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
);
for (const r of results.counting) {
  console.log(
    `| ${r.n.toLocaleString("en-US")} | ${r.events.toLocaleString("en-US")} | ${f(r.node.strata)} | ${f(r.r?.strata)} | ${x(r.ratio?.strata)} | ${f(r.node.counting)} | ${f(r.r?.counting)} | ${x(r.ratio?.counting)} | ${e(r.coefRelDiff)} | ${e(r.seRelDiff)} |`,
  );
}
