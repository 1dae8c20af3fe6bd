/**
 * Synthetic cohorts for the outcomes benchmark (bench/outcomes.bench.mjs), seeded (mulberry32).
 *
 * - Competing risks, n rows, header `time,status,group,x1,x2,x3`: two cause-specific
 *   exponential hazards (cause 1 "death" 0.0006·exp(0.3·x1 + 0.4·x3 + 0.2·(group = 2)), cause 2
 *   "transplant" 0.0003·exp(−0.2·x2 + 0.3·x3)), independent exponential censoring and 3,650-day
 *   administrative follow-up, whole days (ties). status 0 censored, 1, 2 the cause.
 * - Counting process, about n intervals, header `start,stop,event,centre,patient,x1,x2,albi`:
 *   patients followed from 0, a new interval at each treatment session (every 60–120 days) with
 *   a time-varying ALBI-like grade 1–3, 20 centres (strata), one event or censoring at the end.
 *
 * Usage: node bench/generate-outcomes.mjs competing|counting N [OUT.csv]
 */
import { createWriteStream } from "node:fs";

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeRows(path, header, rows) {
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once("drain", r)));
  await write(`${header}\n`);
  let chunk = "";
  for (const line of rows) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}

export async function generateCompetingCsv(n, path, seed = 20261207) {
  const rand = mulberry32(seed + n);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  function* rows() {
    for (let i = 0; i < n; i++) {
      const x1 = normal();
      const x2 = normal();
      const x3 = rand() < 0.4 ? 1 : 0;
      const group = rand() < 0.5 ? 1 : 2;
      const t1 = -Math.log(1 - rand()) / (0.0006 * Math.exp(0.3 * x1 + 0.4 * x3 + (group === 2 ? 0.2 : 0)));
      const t2 = -Math.log(1 - rand()) / (0.0003 * Math.exp(-0.2 * x2 + 0.3 * x3));
      const tc = Math.min(-Math.log(1 - rand()) / 0.0003, 3650);
      const t = Math.min(t1, t2, tc);
      const status = t === tc ? 0 : t === t1 ? 1 : 2;
      yield `${Math.max(1, Math.ceil(t))},${status},${group},${x1.toFixed(6)},${x2.toFixed(6)},${x3}`;
    }
  }
  await writeRows(path, "time,status,group,x1,x2,x3", rows());
}

export async function generateCountingCsv(n, path, seed = 20261208) {
  const rand = mulberry32(seed + n);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  function* rows() {
    let written = 0;
    for (let patient = 1; written < n; patient++) {
      const centre = 1 + Math.floor(20 * rand());
      const x1 = normal();
      const x2 = rand() < 0.5 ? 1 : 0;
      const end = Math.min(-Math.log(1 - rand()) / 0.0004, 3650);
      let start = 0;
      let albi = 1 + Math.floor(3 * rand());
      while (start < end && written < n) {
        const stop = Math.min(end, start + 60 + Math.floor(60 * rand()));
        const hazard = 0.0008 * Math.exp(0.3 * x1 + 0.2 * x2 + 0.4 * (albi - 1));
        const tEvent = start + -Math.log(1 - rand()) / hazard;
        const last = tEvent <= stop || stop >= end;
        const s = Math.ceil(start);
        const e = Math.max(s + 1, Math.ceil(Math.min(tEvent, stop)));
        yield `${s},${e},${tEvent <= stop ? 1 : 0},${centre},${patient},${x1.toFixed(6)},${x2},${albi}`;
        written++;
        if (last) break;
        start = e;
        albi = Math.min(3, Math.max(1, albi + (rand() < 0.3 ? 1 : rand() < 0.2 ? -1 : 0)));
      }
    }
  }
  await writeRows(path, "start,stop,event,centre,patient,x1,x2,albi", rows());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kind = process.argv[2];
  const n = Number(process.argv[3] ?? 10000);
  const path = process.argv[4] ?? `bench/out/${kind}-${n}.csv`;
  await (kind === "counting" ? generateCountingCsv : generateCompetingCsv)(n, path);
  console.log(`wrote ${n} rows to ${path}`);
}
