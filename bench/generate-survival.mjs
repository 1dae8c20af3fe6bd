/**
 * Synthetic survival cohort for the survival benchmark: n rows × 5 covariates and a 2-level
 * group, written as CSV (header `time,status,group,x1,x2,x3,x4,x5`).
 *
 * Times follow a proportional-hazards model, exponential with hazard
 * 0.001·exp(0.3·x1 − 0.2·x2 + 0.5·x3 + 0.4·x4 − 0.1·x5 + 0.25·(group = 2)), censored by an
 * independent exponential (about 20 % censored in all) and by administrative follow-up at 3,650
 * days, rounded up to whole days so that ties occur as in real registries (Efron matters).
 * x1, x2 ~ N(0, 1); x3 ~ Bernoulli(0.4); x4 ~ U(0, 2); x5 ∈ {0, 1, 2, 3}. Seeded (mulberry32),
 * so the same n always gives the same file.
 *
 * Usage: node bench/generate-survival.mjs N [OUT.csv]
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

export async function generateSurvivalCsv(n, path, seed = 20240607) {
  const rand = mulberry32(seed + n);
  const normal = () => {
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once("drain", r)));
  await write("time,status,group,x1,x2,x3,x4,x5\n");
  let chunk = "";
  for (let i = 0; i < n; i++) {
    const x1 = normal();
    const x2 = normal();
    const x3 = rand() < 0.4 ? 1 : 0;
    const x4 = 2 * rand();
    const x5 = Math.floor(4 * rand());
    const group = rand() < 0.5 ? 1 : 2;
    const lp = 0.3 * x1 - 0.2 * x2 + 0.5 * x3 + 0.4 * x4 - 0.1 * x5 + (group === 2 ? 0.25 : 0);
    const tEvent = -Math.log(1 - rand()) / (0.001 * Math.exp(lp));
    const tCensor = Math.min(-Math.log(1 - rand()) / 0.0004, 3650);
    const status = tEvent <= tCensor ? 1 : 0;
    const time = Math.max(1, Math.ceil(Math.min(tEvent, tCensor)));
    chunk += `${time},${status},${group},${x1.toFixed(6)},${x2.toFixed(6)},${x3},${x4.toFixed(6)},${x5}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10000);
  const path = process.argv[3] ?? `bench/out/survival-${n}.csv`;
  await generateSurvivalCsv(n, path);
  console.log(`wrote ${n} rows to ${path}`);
}
