/**
 * `hepatica demo --patients N [--seed S] [--data DIR]` — writes a synthetic demo cohort (not real
 * patients) into the store: SQLite under DIR (default ./data), or PostgreSQL via DATABASE_URL.
 */
import { parseArgs } from "node:util";
import { openStore } from "../store/db.js";
import { generateCohort, writeCohort } from "../store/demo-cohort.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";
import { storeOptions } from "./store-options.js";

const HELP = `Usage: hepatica demo --patients N [--seed S] [--data DIR]

Writes N synthetic patients (labs, tumours, TACE sessions, imaging follow-up over 1-4 years,
outcomes) into the store. Deterministic for a seed (default 1). Not real data.
Environment: DATABASE_URL=postgres://... uses PostgreSQL instead of SQLite (DATABASE_SCHEMA: its schema).
`;

export const demoCommand: Command = async (argv: readonly string[], io: Io) => {
  let values: { patients?: string; seed?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        patients: { type: "string" },
        seed: { type: "string" },
        data: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const n = Number(values.patients ?? "");
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new UsageError("--patients must be an integer 1..100000");
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
  const store = await openStore(storeOptions(values.data));
  try {
    const written = await writeCohort(store.db, generateCohort(n, seed));
    io.stdout.write(`Wrote ${written} synthetic demo patients (seed ${seed}) to ${store.location}.\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
};
