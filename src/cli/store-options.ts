/**
 * Where the commands that touch the store find it: `DATABASE_URL=postgres://...` selects
 * PostgreSQL (optionally in the schema `DATABASE_SCHEMA`, created if missing); otherwise SQLite
 * in `--data DIR` (default ./data).
 */
import type { StoreOptions } from "../store/db.js";

export function storeOptions(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): StoreOptions {
  return {
    databaseUrl: env.DATABASE_URL,
    dataDir,
    ...(env.DATABASE_SCHEMA ? { pgSchema: env.DATABASE_SCHEMA } : {}),
  };
}
