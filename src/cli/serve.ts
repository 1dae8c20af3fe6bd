/**
 * `hepatica serve [--port N] [--host H] [--data DIR] [--demo]` — the HTTP API. SQLite under DIR
 * (default ./data) unless DATABASE_URL names a PostgreSQL database. `--demo` creates the
 * clinician account demo / demo if it does not exist, and says so.
 */
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { hashPassword } from "../server/auth/password.js";
import { openStore, type Store } from "../store/db.js";
import { createUser, findUserForLogin } from "../store/users.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";

const HELP = `Usage: hepatica serve [--port N] [--host H] [--data DIR] [--demo] [--log]

Serves the HTTP API (OpenAPI at /openapi.json, docs at /docs, GET /health).

  --port N     port (default 3000; 0 picks a free one)
  --host H     address to listen on (default 127.0.0.1)
  --data DIR   directory of the SQLite database (default ./data)
  --demo       create the clinician account demo / demo if missing
  --log        log requests (JSON lines on stdout)

Environment: DATABASE_URL=postgres://... uses PostgreSQL instead of SQLite.
`;

export const DEMO_USER = { username: "demo", password: "demo", role: "clinician" } as const;

/** Creates the demo account if missing; returns whether it was created. */
export async function ensureDemoUser(store: Store): Promise<boolean> {
  if (await findUserForLogin(store.db, DEMO_USER.username)) return false;
  await createUser(store.db, DEMO_USER.username, DEMO_USER.role, await hashPassword(DEMO_USER.password));
  return true;
}

export const serveCommand: Command = async (argv: readonly string[], io: Io) => {
  let values: { port?: string; host?: string; data?: string; demo?: boolean; log?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        demo: { type: "boolean" },
        log: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535`);
  const host = values.host ?? "127.0.0.1";

  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: values.data });
  if (values.demo) {
    const created = await ensureDemoUser(store);
    io.stdout.write(
      created
        ? `Created the demo account: username "demo", password "demo" (clinician). Not for real patient data.\n`
        : `The demo account "demo" already exists.\n`,
    );
  }
  const app = await buildApp({ store, logger: values.log === true });
  const address = await app.listen({ port, host });
  io.stdout.write(`Hepatica listening on ${address} (${store.dialect}: ${store.location})\n`);
  io.stdout.write(`API docs: ${address}/docs   OpenAPI: ${address}/openapi.json\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await app.close();
  await store.close();
  io.stdout.write("Hepatica stopped.\n");
  return EXIT.ok;
};
