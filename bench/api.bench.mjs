/**
 * npm run bench:api — autocannon on loopback against one `hepatica serve` process (SQLite in a
 * temporary directory), in the same run:
 *   (a) throughput: POST /api/assess vs the trivial POST /api/ping (same auth and body), 10
 *       connections for BENCH_SECONDS each; goal: ratio >= 0.5;
 *   (b) latency at a fixed rate: POST /api/assess at 1 000 req/s; goal: p99 < 10 ms;
 *   and zero errors / non-2xx throughout. Results go to bench/out/api.json.
 * Needs `npm run build` first (the server runs from dist/). Options: BENCH_SECONDS=10.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const root = join(import.meta.dirname, "..");
const outDir = join(root, "bench", "out");
mkdirSync(outDir, { recursive: true });
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const data = mkdtempSync(join(tmpdir(), "hepatica-bench-"));
const bin = join(root, "bin", "hepatica.js");
const env = { ...process.env };
delete env.DATABASE_URL;

function runCli(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["pipe", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`hepatica ${args[0]} exited ${code}`)),
    );
    child.stdin.end(input);
  });
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--data", data], { env });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr.pipe(process.stderr);
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const CASE = {
  sex: "male",
  ageYears: 63,
  height: { value: 170, unit: "cm" },
  weight: { value: 68, unit: "kg" },
  ecog: 1,
  cirrhosis: true,
  etiology: ["HBV"],
  labs: {
    bilirubin: { value: 1.2, unit: "mg/dL" },
    albumin: { value: 3.5, unit: "g/dL" },
    inr: { value: 1.1 },
    creatinine: { value: 0.9, unit: "mg/dL" },
    sodium: { value: 138, unit: "mmol/L" },
    afp: { value: 20, unit: "ng/mL" },
    platelets: { value: 150, unit: "10*9/L" },
  },
  ascites: "none",
  encephalopathy: "none",
  tumors: [{ id: "T1", diameterCm: 4.2, segment: "S7" }],
  vascularInvasion: { present: false },
  extrahepaticSpread: false,
};

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const summary = (r) => ({
  requestsPerSecond: Math.round(r.requests.average),
  latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
  requests: r.requests.total,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
});

await runCli(
  ["user", "add", "--username", "bench", "--role", "clinician", "--data", data],
  "bench-password\n",
);
const { child, url } = await startServer();
try {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bench", password: "bench-password" }),
  });
  const { token } = await login.json();
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const body = JSON.stringify(CASE);
  const probe = await fetch(`${url}/api/assess`, { method: "POST", headers, body });
  if (probe.status !== 200)
    throw new Error(`POST /api/assess answered ${probe.status}: ${await probe.text()}`);

  const common = { method: "POST", headers, body, connections: 10, duration: seconds };
  await cannon({ ...common, url: `${url}/api/ping`, duration: 2 }); // warm-up
  await cannon({ ...common, url: `${url}/api/assess`, duration: 2 });
  const ping = summary(await cannon({ ...common, url: `${url}/api/ping` }));
  const assess = summary(await cannon({ ...common, url: `${url}/api/assess` }));
  const fixed = summary(
    await cannon({ ...common, url: `${url}/api/assess`, connections: 20, overallRate: 1000 }),
  );
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    secondsPerRun: seconds,
    ping,
    assess,
    assessAt1000rps: fixed,
    ratio: +(assess.requestsPerSecond / ping.requestsPerSecond).toFixed(3),
    goals: { ratio: ">= 0.5", p99At1000rpsMs: "< 10", errors: 0 },
  };
  writeFileSync(join(outDir, "api.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  const failures = [ping, assess, fixed].reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  if (failures > 0) {
    console.error(`${failures} errors, timeouts or non-2xx responses`);
    process.exitCode = 1;
  }
} finally {
  child.removeAllListeners("exit");
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(data, { recursive: true, force: true });
}
