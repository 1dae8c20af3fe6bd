/**
 * npm run bench:assess
 * (a) assessments per second in process;
 * (b) `hepatica assess --ndjson` over N synthetic cases (default 1,000,000) against the JSON
 *     floor (bench/ndjson-floor.mjs) on the same file in the same run: throughput ratio and
 *     peak RSS (VmHWM, polled from /proc).
 * Options: BENCH_N=200000 npm run bench:assess
 */
import { spawn } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { assess } from "../dist/clinical/assess.js";
import { syntheticCases } from "./generate-cases.mjs";

const root = join(import.meta.dirname, "..");
const outDir = join(root, "bench", "out");
mkdirSync(outDir, { recursive: true });
const N = Number(process.env.BENCH_N ?? 1_000_000);

// (a) in process
const sample = [...syntheticCases(20_000, 7)];
for (const c of sample.slice(0, 2000)) assess(c); // warm-up
const t0 = performance.now();
for (const c of sample) assess(c);
const inProcess = sample.length / ((performance.now() - t0) / 1000);

// (b) through the CLI
const file = join(outDir, `cases-${N}.ndjson`);
if (!existsSync(file)) {
  const out = createWriteStream(file);
  for (const c of syntheticCases(N)) {
    if (!out.write(`${JSON.stringify(c)}\n`)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
}

function run(args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // Both programs run as executables, through their shebang, with the same V8 flags.
    const child = spawn(args[0], args.slice(1), { stdio: ["pipe", "pipe", "inherit"] });
    let peakKb = 0;
    let bytes = 0;
    let lines = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {}
    }, 50);
    child.stdout.on("data", (b) => {
      bytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    createReadStream(file).pipe(child.stdin);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - start) / 1000;
      resolve({ code, seconds, lines, bytes, peakMb: peakKb / 1024, perSecond: lines / seconds });
    });
  });
}

const cli = await run([join(root, "bin", "hepatica.js"), "assess", "--ndjson"]);
const floor = await run([join(root, "bench", "ndjson-floor.mjs")]);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cases: N,
  inputMb: statSync(file).size / 1e6,
  inProcessPerSecond: Math.round(inProcess),
  cli: {
    ...cli,
    seconds: +cli.seconds.toFixed(1),
    perSecond: Math.round(cli.perSecond),
    peakMb: +cli.peakMb.toFixed(0),
  },
  floor: {
    ...floor,
    seconds: +floor.seconds.toFixed(1),
    perSecond: Math.round(floor.perSecond),
    peakMb: +floor.peakMb.toFixed(0),
  },
  ratioToFloor: +(cli.perSecond / floor.perSecond).toFixed(3),
  goals: { ratioToFloor: ">= 0.6", peakRssMb: "< 200" },
};
writeFileSync(join(outDir, "assess.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
if (cli.lines !== N || floor.lines !== N) {
  console.error(`line count mismatch: cli ${cli.lines}, floor ${floor.lines}, expected ${N}`);
  process.exitCode = 1;
}
