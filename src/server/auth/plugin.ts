/**
 * Authentication: `POST /api/auth/login` issues a random bearer token (stored only as its
 * SHA-256) and the same token in an HttpOnly, SameSite=Strict cookie. Every other `/api` route
 * requires one of the two. Sign-in attempts are throttled in the database (./signin-throttle.ts)
 * and password checks run through a bounded queue (./password.ts). Accounts are managed by admins (`/api/users`) or `hepatica user add`.
 */
import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appendAudit } from "../../store/audit.js";
import { markAudited } from "../../store/throttle.js";
import {
  createSession,
  createUser,
  deleteSession,
  findUserForLogin,
  listUsers,
  ROLES,
  updateUser,
  userOfSession,
} from "../../store/users.js";
import { actorOf, requireRole, type ServerDeps, userOf } from "../context.js";
import { ApiError } from "../errors.js";
import { checkCrossSite } from "../http-security.js";
import { dummyHash, HASHING, HashQueueFull, hashPassword, verifyPassword } from "./password.js";
import { MIN_PASSWORD_LENGTH, passwordProblem, passwordProblemText } from "./password-policy.js";
import { giveBackSignInAttempt, takeSignInAttempt } from "./signin-throttle.js";

export const SESSION_COOKIE = "hepatica_session";

/**
 * The demo account's name (`hepatica serve --demo` creates it with a published password): it
 * signs in only while the server runs with `--demo`, even if the account is still stored.
 */
export const DEMO_USERNAME = "demo";

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The session token and how it came: a bearer header, or the cookie (which CSRF rules cover). */
function credentialOf(request: FastifyRequest): { token?: string; via: "bearer" | "cookie" | "none" } {
  const h = request.headers.authorization;
  if (typeof h === "string") {
    const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(h.trim());
    return m?.[1] !== undefined ? { token: m[1], via: "bearer" } : { via: "bearer" };
  }
  const c = request.cookies?.[SESSION_COOKIE];
  return typeof c === "string" && /^[A-Za-z0-9_-]{20,200}$/.test(c)
    ? { token: c, via: "cookie" }
    : { via: "none" };
}

function tokenOf(request: FastifyRequest): string | undefined {
  return credentialOf(request).token;
}

/** Installs the authentication hook on the root instance (so it covers every plugin's routes). */
export function installAuthentication(app: FastifyInstance, deps: ServerDeps): void {
  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request) => {
    const url = request.routeOptions.url ?? request.url;
    if (!url.startsWith("/api/") && url !== "/api") return;
    const { token, via } = credentialOf(request);
    checkCrossSite(request, request.routeOptions.config?.public === true ? "none" : via);
    if (request.routeOptions.config?.public === true) return;
    const user = token ? await userOfSession(deps.store.db, tokenHash(token)) : undefined;
    if (!user)
      throw new ApiError(
        "unauthenticated",
        "sign in first: Authorization: Bearer <token> or the session cookie",
      );
    request.user = user;
  });
}

const credentials = {
  type: "object",
  required: ["username", "password"],
  additionalProperties: false,
  properties: {
    username: { type: "string", minLength: 1, maxLength: 64 },
    password: { type: "string", minLength: 1, maxLength: 1024 },
  },
} as const;

const userSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    username: { type: "string" },
    role: { type: "string", enum: ROLES },
    disabled: { type: "boolean" },
    createdAt: { type: "string" },
  },
} as const;

export async function authRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const { db } = deps.store;

  app.post<{ Body: { username: string; password: string } }>(
    "/api/auth/login",
    {
      config: { public: true },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ["auth"],
        summary: "Sign in: returns a bearer token and sets an HttpOnly session cookie",
        body: credentials,
        security: [],
        response: {
          200: {
            type: "object",
            properties: { token: { type: "string" }, expiresAt: { type: "string" }, user: userSchema },
          },
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const actor = { ...actorOf(request), username };
      const limits = deps.throttle;
      const refused = await takeSignInAttempt(db, limits, username, request.ip);
      if (refused) {
        // One audit row per throttled window, not one per refused request.
        if (await markAudited(db, refused.key)) {
          await appendAudit(db, actor, {
            action: "login-failed",
            entity: "session",
            outcome: "failure",
            detail: `throttled (${refused.scope}): more than ${refused.limit} attempts in ${limits.windowMs / 60_000} min; further refusals in this window are not audited`,
          });
        }
        reply.header("retry-after", String(Math.ceil(limits.windowMs / 1000)));
        throw new ApiError(
          "too-many-requests",
          `too many sign-in attempts; wait ${Math.ceil(limits.windowMs / 60_000)} minutes`,
        );
      }
      const found =
        username === DEMO_USERNAME && !deps.demo ? undefined : await findUserForLogin(db, username);
      let ok: boolean;
      try {
        ok = await HASHING.run(async () =>
          verifyPassword(password, found ? found.passwordHash : await dummyHash()),
        );
      } catch (e) {
        if (!(e instanceof HashQueueFull)) throw e;
        // Never checked: the attempt is given back, and the client told to come back.
        await giveBackSignInAttempt(db, limits, username, request.ip, false);
        reply.header("retry-after", "5");
        throw new ApiError("unavailable", "the server is busy checking passwords; try again shortly");
      }
      if (!found || !ok || found.disabled) {
        await appendAudit(db, actor, { action: "login-failed", entity: "session", outcome: "failure" });
        throw new ApiError("unauthenticated", "unknown user or wrong password");
      }
      await giveBackSignInAttempt(db, limits, username, request.ip, true);
      const token = randomBytes(32).toString("base64url");
      const expiresAt = await createSession(db, tokenHash(token), found.id, deps.sessionTtlSeconds);
      await appendAudit(
        db,
        { ...actorOf(request), userId: found.id, username: found.username, role: found.role },
        { action: "login", entity: "session" },
      );
      setSessionCookie(reply, token, deps.sessionTtlSeconds);
      const { passwordHash: _omit, ...user } = found;
      return { token, expiresAt, user };
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags: ["auth"], summary: "Sign out" } },
    async (request, reply) => {
      const token = tokenOf(request);
      if (token) await deleteSession(db, tokenHash(token));
      await appendAudit(db, actorOf(request), { action: "logout", entity: "session" });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/auth/me",
    { schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: userSchema } } },
    async (request) => userOf(request),
  );

  app.get(
    "/api/users",
    {
      schema: {
        tags: ["auth"],
        summary: "List accounts (admin)",
        response: { 200: { type: "array", items: userSchema } },
      },
    },
    async (request) => {
      requireRole(request, "admin");
      return listUsers(db);
    },
  );

  app.post<{ Body: { username: string; password: string; role: (typeof ROLES)[number] } }>(
    "/api/users",
    {
      schema: {
        tags: ["auth"],
        summary: "Create an account (admin)",
        body: {
          type: "object",
          required: ["username", "password", "role"],
          additionalProperties: false,
          properties: {
            ...credentials.properties,
            password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 },
            role: { type: "string", enum: ROLES },
          },
        },
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, "admin");
      const { username, password, role } = request.body;
      acceptablePassword(password);
      const user = await createUser(db, username, role, await HASHING.run(() => hashPassword(password)));
      await appendAudit(db, actorOf(request), { action: "create", entity: "user", entityId: user.id });
      return reply.code(201).send(user);
    },
  );
  app.patch<{
    Params: { username: string };
    Body: { role?: (typeof ROLES)[number]; disabled?: boolean; password?: string };
  }>(
    "/api/users/:username",
    {
      schema: {
        tags: ["auth"],
        summary: "Change an account's role, password or disabled flag (admin); ends its sessions",
        params: {
          type: "object",
          required: ["username"],
          properties: { username: { type: "string", minLength: 1, maxLength: 64 } },
        },
        body: {
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          properties: {
            role: { type: "string", enum: ROLES },
            disabled: { type: "boolean" },
            password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 },
          },
        },
        response: { 200: userSchema },
      },
    },
    async (request) => {
      requireRole(request, "admin");
      const { role, disabled, password } = request.body;
      if (password !== undefined) acceptablePassword(password);
      const user = await updateUser(db, request.params.username, {
        ...(role !== undefined ? { role } : {}),
        ...(disabled !== undefined ? { disabled } : {}),
        ...(password !== undefined ? { passwordHash: await HASHING.run(() => hashPassword(password)) } : {}),
      });
      if (!user) throw new ApiError("not-found", `no user ${request.params.username}`);
      await appendAudit(db, actorOf(request), {
        action: "update",
        entity: "user",
        entityId: user.id,
        detail: Object.keys(request.body).join(","),
      });
      return user;
    },
  );
}

/** 400 naming `password` when the policy refuses it (length is also in the schema). */
function acceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem === undefined) return;
  const message = passwordProblemText(problem);
  throw new ApiError("invalid-input", message, [{ path: "password", code: problem, message }]);
}

function setSessionCookie(reply: FastifyReply, token: string, ttlSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: "auto",
    path: "/",
    maxAge: ttlSeconds,
  });
}
