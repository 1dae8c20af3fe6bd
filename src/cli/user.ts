/**
 * `hepatica user add --username U --role R [--data DIR]` — creates an account; the password is
 * read from standard input (so that it appears in no process list or shell history).
 * `hepatica user list` lists accounts.
 */

import { parseArgs } from "node:util";
import { hashPassword } from "../server/auth/password.js";
import { passwordProblem, passwordProblemText } from "../server/auth/password-policy.js";
import { openStore } from "../store/db.js";
import { StoreError } from "../store/errors.js";
import { createUser, isRole, listUsers, ROLES } from "../store/users.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";
import { storeOptions } from "./store-options.js";

const HELP = `Usage: hepatica user add --username U --role ${ROLES.join("|")} [--data DIR]  (password on stdin)
       hepatica user list [--data DIR]

  --data DIR   directory of the SQLite database (default ./data)
Environment: DATABASE_URL=postgres://... uses PostgreSQL instead of SQLite (DATABASE_SCHEMA: its schema).
`;

async function readAll(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export const userCommand: Command = async (argv: readonly string[], io: Io) => {
  let parsed: {
    values: { username?: string; role?: string; data?: string; help?: boolean };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        username: { type: "string" },
        role: { type: "string" },
        data: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const action = positionals[0];
  if (action !== "add" && action !== "list") throw new UsageError("expected `user add` or `user list`");

  if (action === "add") {
    if (!values.username) throw new UsageError("--username is required");
    if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
    const password = (await readAll(io)).replace(/\r?\n$/, "");
    const problem = passwordProblem(password);
    if (problem !== undefined) {
      io.stderr.write(`hepatica user: ${passwordProblemText(problem)} (read from stdin)\n`);
      return EXIT.invalidInput;
    }
    const store = await openStore(storeOptions(values.data));
    try {
      const user = await createUser(store.db, values.username, values.role, await hashPassword(password));
      io.stdout.write(`Created user "${user.username}" (${user.role}).\n`);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof StoreError) {
        io.stderr.write(`hepatica user: ${e.errors[0]?.message ?? e.message}\n`);
        return EXIT.invalidInput;
      }
      throw e;
    } finally {
      await store.close();
    }
  }
  const store = await openStore(storeOptions(values.data));
  try {
    for (const u of await listUsers(store.db)) {
      io.stdout.write(`${u.username}\t${u.role}${u.disabled ? "\tdisabled" : ""}\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
};
