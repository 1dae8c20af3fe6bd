/**
 * Issue 14, finding 5: the sign-in throttle holds under concurrency, across accounts, across
 * addresses, across processes and restarts (it lives in the database), audits a throttled
 * window once, and password hashing sits behind a bounded queue. Before: 40 parallel wrong
 * passwords were all checked (none refused), guessing across usernames was never throttled and
 * the counter lived in one process's memory.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../store/audit.js";
import { dialectsUnderTest } from "../store/testing.js";
import { createUser } from "../store/users.js";
import { buildApp } from "./app.js";
import { BoundedQueue, HashQueueFull, hashPassword } from "./auth/password.js";
import { DEFAULT_THROTTLE } from "./auth/signin-throttle.js";
import { openTestApp, PASSWORD, type TestApp } from "./testing.js";

const attempt = (app: FastifyInstance, username: string, password: string, from = "203.0.113.7") =>
  app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: from,
    payload: { username, password },
  });

describe.each(dialectsUnderTest())("sign-in throttle on %s", (dialect) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(dialect);
    const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    for (let i = 0; i < 40; i++) await createUser(h.t.store.db, `user${i}`, "clinician", hash);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("40 parallel wrong passwords for one account from one address: 10 checked, 30 refused, one audit row for the window", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => attempt(h.app, "clinician", "wrong password!")),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(DEFAULT_THROTTLE.accountAddress);
    expect(codes.filter((c) => c === 429)).toHaveLength(40 - DEFAULT_THROTTLE.accountAddress);
    expect(results.find((r) => r.statusCode === 429)?.headers["retry-after"]).toBe("900");
    // Even the right password is refused from this address for the rest of the window ...
    expect((await attempt(h.app, "clinician", PASSWORD)).statusCode).toBe(429);
    // ... but a stranger's guesses do not lock the owner out everywhere.
    expect((await attempt(h.app, "clinician", PASSWORD, "198.51.100.20")).statusCode).toBe(200);
    const failed = (await listAudit(h.t.store.db, { username: "clinician" })).filter(
      (a) => a.action === "login-failed",
    );
    expect(failed).toHaveLength(DEFAULT_THROTTLE.accountAddress + 1);
    expect(failed.filter((a) => a.detail?.startsWith("throttled"))).toHaveLength(1);
  });

  it("guessing across usernames from one address is throttled (30 per window)", async () => {
    const from = "192.0.2.44";
    const codes: number[] = [];
    for (let i = 0; i < 34; i++)
      codes.push((await attempt(h.app, `user${i}`, "nope nope nope", from)).statusCode);
    expect(codes.slice(0, DEFAULT_THROTTLE.address).every((c) => c === 401)).toBe(true);
    expect(codes.slice(DEFAULT_THROTTLE.address).every((c) => c === 429)).toBe(true);
    // The address's allowance is spent for everyone there, right password or not.
    expect((await attempt(h.app, "user39", PASSWORD, from)).statusCode).toBe(429);
  });

  it("a successful sign-in does not use up the address's allowance", async () => {
    const from = "192.0.2.99";
    for (let i = 0; i < DEFAULT_THROTTLE.address + 5; i++) {
      expect((await attempt(h.app, "user39", PASSWORD, from)).statusCode).toBe(200);
    }
  });

  it("holds across processes and restarts: the count is in the database", async () => {
    const from = "198.51.100.77";
    for (let i = 0; i < DEFAULT_THROTTLE.accountAddress; i++) {
      expect((await attempt(h.app, "researcher", "wrong password!", from)).statusCode).toBe(401);
    }
    // A second server on the same database (another process, as behind a load balancer).
    const other = await buildApp({ store: h.t.store });
    await other.ready();
    expect((await attempt(other, "researcher", PASSWORD, from)).statusCode).toBe(429);
    await other.close();
    // A restart: the store reopened, a fresh server.
    const reopened = await h.t.reopen();
    const restarted = await buildApp({ store: reopened });
    await restarted.ready();
    expect((await attempt(restarted, "researcher", PASSWORD, from)).statusCode).toBe(429);
    await restarted.close();
    await reopened.close();
  });

  it("the overall limit stops a flood spread over many addresses and accounts", async () => {
    const small = await buildApp({
      store: h.t.store,
      throttle: { ...DEFAULT_THROTTLE, overall: 5, windowMs: 60_000 },
    });
    await small.ready();
    // The overall key already counts this file's attempts: the next one is over 5.
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await attempt(small, `user${i}`, "x".repeat(12), `10.9.0.${i}`)).statusCode);
    expect(codes).toEqual([429, 429, 429]);
    await small.close();
  });

  it("sign-in bodies are small: 8 KiB is the limit", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ username: "admin", password: "p".repeat(9000) }),
    });
    expect(res.statusCode).toBe(413);
  });
});

describe("the password-hashing queue", () => {
  it("runs at most `concurrency` at once and refuses beyond `maxWaiting` waiting", async () => {
    const q = new BoundedQueue(2, 3);
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const task = () =>
      q.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => release.push(r));
        running--;
        return "done";
      });
    const started = Array.from({ length: 8 }, () => task().catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 10));
    expect(release).toHaveLength(2);
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    const results = await Promise.all(started);
    expect(results.filter((r) => r === "done")).toHaveLength(5);
    expect(results.filter((r) => r instanceof HashQueueFull)).toHaveLength(3);
    expect(peak).toBe(2);
  });
});
