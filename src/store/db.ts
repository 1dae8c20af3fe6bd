/**
 * Opens the store: SQLite (one file under the data directory, WAL, synchronous=FULL; the zero-setup default) or
 * PostgreSQL when a `postgres://` URL is given. Both go through the same Kysely instance type, so
 * every repository is written once.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from "kysely";
import pg from "pg";
import { initial } from "./migrations/0001-initial.js";
import { deidentifyKeys } from "./migrations/0002-deidentify.js";
import { regimens } from "./migrations/0002-regimens.js";
import { security } from "./migrations/0002-security.js";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

export interface StoreOptions {
  /** `postgres://...` selects PostgreSQL; otherwise SQLite is used. */
  readonly databaseUrl?: string | undefined;
  /** Directory of the SQLite file (default `./data`). */
  readonly dataDir?: string | undefined;
  /** SQLite file name inside `dataDir` (default `hepatica.sqlite`), or `:memory:`. */
  readonly sqliteFile?: string | undefined;
  /** PostgreSQL schema to use (created if missing); default `public`. */
  readonly pgSchema?: string | undefined;
  /** Run pending migrations on open (default true). */
  readonly migrate?: boolean;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, for messages (file path, or the URL without credentials). */
  readonly location: string;
  close(): Promise<void>;
}

/** The migrations, in order; a static provider so that they work from `src` and from `dist`. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-initial": initial(dialect),
    "0002-deidentify": deidentifyKeys(),
    "0002-security": security(dialect),
    "0002-regimens": regimens(),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  let location: string;
  if (isPostgresUrl(options.databaseUrl)) {
    dialect = "postgres";
    const schema = options.pgSchema ?? "public";
    if (!SAFE_SCHEMA.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(schema !== "public" ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client's error (e.g. the server restarted) must not crash the process; the pool
    // discards that client and the next query gets a fresh one.
    pool.on("error", () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    if (schema !== "public") await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    location = `${redact(options.databaseUrl)}${schema !== "public" ? ` (schema ${schema})` : ""}`;
  } else {
    dialect = "sqlite";
    const file = options.sqliteFile ?? "hepatica.sqlite";
    if (file === ":memory:") location = ":memory:";
    else {
      const dir = resolve(options.dataDir ?? "data");
      mkdirSync(dir, { recursive: true });
      location = join(dir, file);
    }
    const database = new SQLite(location);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    // FULL: a committed transaction survives a power loss or an OS crash, not only a process
    // crash (NORMAL in WAL mode may lose the last commits). Its cost is measured by
    // bench/sqlite-sync.bench.mjs (README, Benchmarks).
    database.pragma("synchronous = FULL");
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  }
  const store: Store = { db, dialect, location, close: () => db.destroy() };
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store, dialect === "postgres" ? (options.pgSchema ?? "public") : undefined);
    } catch (e) {
      await db.destroy();
      throw e;
    }
  }
  return store;
}

/**
 * Runs pending migrations. On PostgreSQL the migration bookkeeping tables are pinned to `schema`:
 * Kysely's table introspection sees every schema, and would otherwise find another schema's.
 */
export async function migrateToLatest(store: Pick<Store, "db" | "dialect">, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: new StaticProvider(store.dialect),
    // Migrations written on parallel branches may land in any order; each is named
    // `NNNN-topic` and applied once, whatever its position.
    allowUnorderedMigrations: true,
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(
      `migration ${failed?.migrationName ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
