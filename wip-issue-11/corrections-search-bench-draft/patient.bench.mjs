/**
 * npm run bench:patient — opening a patient with 50 000 observations on SQLite, in process
 * (Fastify inject, no network), against a baseline patient with 50 observations in the same run
 * and the same store. "Opening" is what the patient page asks for: the patient, the default
 * assessment (clinical state at the newest data, stage history) and every observation, paged
 * 1 000 at a time. Reports the median of BENCH_RUNS (default 5) of each and their ratio to
 * bench/out/patient.json. Needs `npm run build` first (runs from dist/). BENCH_OBS=50000.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = join(import.meta.dirname, "..");
const dist = (p) => join(root, "dist", p);
const { openStore } = await import(dist("store/db.js"));
const { ENTITIES } = await import(dist("store/entities.js"));
const { insertRecord } = await import(dist("store/records.js"));
const { createUser } = await import(dist("store/users.js"));
const { hashPassword } = await import(dist("server/auth/password.js"));
const { buildApp } = await import(dist("server/app.js"));

const N = Number(process.env.BENCH_OBS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), "hepatica-bench-patient-"));
const store = await openStore({ dataDir: dir });
const actor = { userId: null, username: "bench", role: "system" };
const LOINC = "http://loinc.org";
const CODES = [
  ["1975-2", 1.1, "mg/dL"],
  ["1751-7", 3.9, "g/dL"],
  ["6301-6", 1.1, null],
  ["1834-1", 40, "ng/mL"],
  ["777-3", 150, "10*9/L"],
];

async function patientWith(n, mrn) {
  return store.db.transaction().execute(async (trx) => {
    const id = await insertRecord(trx, ENTITIES.patient, { mrn, familyName: "Bench", sex: "male", birthDate: "1960-01-01" }, actor, { audit: false });
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < n; i++) {
      const [code, value, unit] = CODES[i % CODES.length];
      // Spread over 25 years (a few results a day), ending before today.
      const effectiveAt = new Date(start + Math.floor((i * 25 * 365) / n) * 86_400_000).toISOString().slice(0, 10);
      await insertRecord(trx, ENTITIES.observation, { system: LOINC, code, value, unit, effectiveAt }, actor, { patientId: id, audit: false });
    }
    return id;
  });
}

const big = await patientWith(N, "BENCH-BIG");
const small = await patientWith(50, "BENCH-SMALL");
await createUser(store.db, "bench", "clinician", await hashPassword("bench-password-1", { N: 1024, r: 8, p: 1 }));
const app = await buildApp({ store });
await app.ready();
const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "bench", password: "bench-password-1" } });
const headers = { authorization: `Bearer ${login.json().token}` };

async function open(id) {
  const get = async (url) => {
    const r = await app.inject({ method: "GET", url, headers });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    return r.json();
  };
  await get(`/api/patients/${id}`);
  await get(`/api/patients/${id}/assessment`);
  let read = 0;
  for (;;) {
    const page = await get(`/api/patients/${id}/observations?limit=1000&offset=${read}`);
    read += page.items.length;
    if (page.items.length === 0 || read >= page.total) break;
  }
  return read;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (id) => {
  const ms = [];
  let read = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    read = await open(id);
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), read };
};
await open(small); // warm-up
const baseline = await time(small);
const target = await time(big);
const result = {
  observations: { target: target.read, baseline: baseline.read },
  medianMs: { target: Math.round(target.ms), baseline: Math.round(baseline.ms) },
  ratio: Math.round((target.ms / baseline.ms) * 10) / 10,
  runs: RUNS,
};
mkdirSync(join(root, "bench", "out"), { recursive: true });
writeFileSync(join(root, "bench", "out", "patient.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
