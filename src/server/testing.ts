/** Test support: an app on a fresh store with one user per role (fast scrypt parameters). */
import type { FastifyInstance } from "fastify";
import type { Dialect } from "../store/db.js";
import { openTestStore, type TestStore } from "../store/testing.js";
import { createUser, type Role } from "../store/users.js";
import { type AppOptions, buildApp } from "./app.js";
import { hashPassword } from "./auth/password.js";

export const PASSWORD = "correct horse battery";

export interface TestApp {
  readonly app: FastifyInstance;
  readonly t: TestStore;
  /** Bearer tokens per role. */
  readonly tokens: Readonly<Record<Role, string>>;
  close(): Promise<void>;
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

export async function openTestApp(
  dialect: Dialect,
  options: Omit<AppOptions, "store"> = {},
): Promise<TestApp> {
  const t = await openTestStore(dialect);
  // Low-cost parameters for tests only; production uses DEFAULT_SCRYPT.
  const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  for (const role of ["clinician", "researcher", "admin"] as const)
    await createUser(t.store.db, role, role, hash);
  const app = await buildApp({ ...options, store: t.store });
  await app.ready();
  const tokens = {
    clinician: await login(app, "clinician"),
    researcher: await login(app, "researcher"),
    admin: await login(app, "admin"),
  };
  return {
    app,
    t,
    tokens,
    async close() {
      await app.close();
      await t.cleanup();
    },
  };
}

export function auth(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
