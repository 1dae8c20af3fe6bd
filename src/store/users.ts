/** Accounts and sessions. Passwords arrive here already hashed; tokens only as their SHA-256. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { constraintKind, StoreError } from "./errors.js";
import type { Database } from "./schema.js";

export const ROLES = ["clinician", "researcher", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(s: unknown): s is Role {
  return typeof s === "string" && (ROLES as readonly string[]).includes(s);
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

function toUser(r: {
  id: string;
  username: string;
  role: string;
  disabled: number;
  created_at: string;
}): User {
  return {
    id: r.id,
    username: r.username,
    role: isRole(r.role) ? r.role : "researcher",
    disabled: Number(r.disabled) !== 0,
    createdAt: r.created_at,
  };
}

export async function createUser(
  db: Kysely<Database>,
  username: string,
  role: Role,
  passwordHash: string,
): Promise<User> {
  if (!USERNAME.test(username)) {
    throw new StoreError("invalid", "invalid username", [
      { path: "username", code: "not-allowed", message: "username: 1-64 letters, digits, . _ @ -" },
    ]);
  }
  const row = {
    id: randomUUID(),
    username,
    role,
    password_hash: passwordHash,
    disabled: 0,
    created_at: new Date().toISOString(),
  };
  try {
    await db.insertInto("users").values(row).execute();
  } catch (e) {
    if (constraintKind(e) === "unique") throw new StoreError("conflict", `user "${username}" already exists`);
    throw e;
  }
  return toUser(row);
}

export async function findUserForLogin(
  db: Kysely<Database>,
  username: string,
): Promise<(User & { readonly passwordHash: string }) | undefined> {
  const r = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("username").execute();
  return rows.map(toUser);
}

export async function setPassword(
  db: Kysely<Database>,
  username: string,
  passwordHash: string,
): Promise<boolean> {
  const r = await db
    .updateTable("users")
    .set({ password_hash: passwordHash })
    .where("username", "=", username)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function createSession(
  db: Kysely<Database>,
  tokenHash: string,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  // Expired sessions are useless; sweep them when a new one starts.
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
  await db
    .insertInto("sessions")
    .values({ token_hash: tokenHash, user_id: userId, created_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  return expiresAt;
}

/** The user of a live session, or undefined (unknown, expired or disabled). */
export async function userOfSession(db: Kysely<Database>, tokenHash: string): Promise<User | undefined> {
  const r = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "users.id",
      "users.username",
      "users.role",
      "users.disabled",
      "users.created_at",
      "sessions.expires_at",
    ])
    .where("sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!r || r.expires_at <= new Date().toISOString() || Number(r.disabled) !== 0) return undefined;
  return toUser(r);
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export interface UserChange {
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly passwordHash?: string;
}

/**
 * Changes an account; disabling it or changing its password or role also ends its sessions.
 * Returns the updated user, or undefined when there is no such user. The last active admin
 * cannot be demoted or disabled (`conflict`; nothing changes), so that the service always has
 * someone who can manage accounts.
 */
export async function updateUser(
  db: Kysely<Database>,
  username: string,
  change: UserChange,
): Promise<User | undefined> {
  return db.transaction().execute(async (trx) => {
    // Touching every active admin row first takes their row locks on PostgreSQL, so that two
    // admins demoting each other at once are serialised (and cannot both succeed); a no-op write.
    await trx
      .updateTable("users")
      .set((eb) => ({ role: eb.ref("role") }))
      .where("role", "=", "admin")
      .where("disabled", "=", 0)
      .execute();
    const row = await trx.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
    if (!row) return undefined;
    const set = {
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
    };
    if (Object.keys(set).length > 0)
      await trx.updateTable("users").set(set).where("id", "=", row.id).execute();
    const admins = await trx
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("role", "=", "admin")
      .where("disabled", "=", 0)
      .executeTakeFirst();
    if (row.role === "admin" && Number(row.disabled) === 0 && Number(admins?.n ?? 0) === 0) {
      throw new StoreError("conflict", `${username} is the last active admin: make another admin first`);
    }
    await trx.deleteFrom("sessions").where("user_id", "=", row.id).execute();
    const updated = await trx.selectFrom("users").selectAll().where("id", "=", row.id).executeTakeFirst();
    return updated ? toUser(updated) : undefined;
  });
}
