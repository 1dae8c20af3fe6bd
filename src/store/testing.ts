/**
 * Test support: a fresh, isolated store per dialect. SQLite uses a temporary file; PostgreSQL uses
 * `DATABASE_URL` (default: the local trust-auth server's `test` database) with a unique schema
 * that is dropped afterwards. Set HEPATICA_TEST_DIALECTS=sqlite to run SQLite only.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Dialect, openStore, type Store } from "./db.js";

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function dialectsUnderTest(): Dialect[] {
  const only = process.env.HEPATICA_TEST_DIALECTS;
  const all: Dialect[] = ["sqlite", "postgres"];
  return only ? all.filter((d) => only.split(",").includes(d)) : all;
}

export interface TestStore {
  readonly store: Store;
  /** SQLite: the data directory; PostgreSQL: the schema name. */
  readonly where: string;
  /** Reopens the same data (a restart). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "hepatica-test-"));
    const open = () => openStore({ dataDir: dir });
    const store = await open();
    return {
      store,
      where: dir,
      reopen: open,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `hep_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const open = () => openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema });
  const store = await open();
  return {
    store,
    where: schema,
    reopen: open,
    async cleanup() {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
