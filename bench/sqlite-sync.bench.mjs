/**
 * node bench/sqlite-sync.bench.mjs — the cost of SQLite `synchronous = FULL` (the store's
 * setting) against `NORMAL` (the previous one), in WAL mode as the store runs: each write is one
 * transaction holding a record row and its audit row, as every API write is. Rounds alternate
 * the two settings on fresh files in the same run (so the disk's state and the machine's load
 * affect both alike); the result is the ratio of write throughput FULL / NORMAL (median of
 * rounds). Options: BENCH_WRITES=2000 per round, BENCH_ROUNDS=6. Results go to bench/out/sqlite-sync.json.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";

const writes = Number(process.env.BENCH_WRITES ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const outDir = join(import.meta.dirname, "out");
mkdirSync(outDir, { recursive: true });

function writesPerSecond(synchronous) {
  const dir = mkdtempSync(join(tmpdir(), "hepatica-sync-"));
  try {
    const db = new SQLite(join(dir, "bench.sqlite"));
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    db.exec(
      "create table observations (id text primary key, patient_id text, code text, value real, effective_at text, created_at text);" +
        "create table audit_log (seq integer primary key autoincrement, at text, action text, entity text, entity_id text);",
    );
    const record = db.prepare("insert into observations values (?, ?, ?, ?, ?, ?)");
    const audit = db.prepare(
      "insert into audit_log (at, action, entity, entity_id) values (?, 'create', 'observation', ?)",
    );
    const write = db.transaction((id, at) => {
      record.run(id, "p1", "1975-2", 1.1, at, at);
      audit.run(at, id);
    });
    const start = process.hrtime.bigint();
    for (let i = 0; i < writes; i++) write(randomUUID(), new Date().toISOString());
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    db.close();
    return writes / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const normal = [];
const full = [];
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so that neither always meets a warmer cache.
  if (r % 2 === 0) {
    normal.push(writesPerSecond("NORMAL"));
    full.push(writesPerSecond("FULL"));
  } else {
    full.push(writesPerSecond("FULL"));
    normal.push(writesPerSecond("NORMAL"));
  }
}
const result = {
  writesPerRound: writes,
  rounds,
  normalWritesPerSecond: Math.round(median(normal)),
  fullWritesPerSecond: Math.round(median(full)),
  ratioFullToNormal: Number((median(full) / median(normal)).toFixed(3)),
  roundRatios: full.map((f, i) => Number((f / normal[i]).toFixed(3))),
};
writeFileSync(join(outDir, "sqlite-sync.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
