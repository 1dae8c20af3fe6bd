/**
 * Issue 14, finding 6 and Low: `HEPATICA_TRUST_PROXY` takes a hop count or the proxies'
 * addresses (`1`, the README's value, used to trust no proxy at all; `true` trusted a
 * client-written X-Forwarded-For); behind a TLS proxy the session cookie is Secure and HSTS is
 * sent; every response carries Referrer-Policy, Permissions-Policy and a CSP, /docs included;
 * a cookie-authenticated write from a foreign origin, or as text/plain, is refused (CSRF).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../store/audit.js";
import { dialectsUnderTest } from "../store/testing.js";
import { buildApp } from "./app.js";
import { parseTrustProxy } from "./http-security.js";
import { openTestApp, PASSWORD, type TestApp } from "./testing.js";

describe("HEPATICA_TRUST_PROXY", () => {
  it("reads a hop count, addresses and ranges; refuses true and garbage", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("10.0.0.5, 10.0.1.0/24,::1,loopback")).toBe("10.0.0.5,10.0.1.0/24,::1,loopback");
    expect(() => parseTrustProxy("true")).toThrow(/any client/);
    expect(() => parseTrustProxy("0")).toThrow(/1\.\.10/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/proxy\.internal/);
  });
});

describe.each(dialectsUnderTest())("transport and browser protections on %s", (dialect) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  const signIn = (app: TestApp["app"], headers: Record<string, string> = {}, remoteAddress = "127.0.0.1") =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress,
      headers,
      payload: { username: "clinician", password: PASSWORD },
    });

  it("behind one TLS proxy (HEPATICA_TRUST_PROXY=1): Secure cookie, HSTS, the client's address audited, a forged X-Forwarded-For ignored", async () => {
    const app = await buildApp({ store: h.t.store, trustProxy: parseTrustProxy("1") });
    await app.ready();
    // The client forged a first entry; the proxy (127.0.0.1) appended the address it saw.
    const res = await signIn(app, {
      "x-forwarded-for": "6.6.6.6, 203.0.113.50",
      "x-forwarded-proto": "https",
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["set-cookie"])).toMatch(/;\s*Secure/i);
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    const login = (await listAudit(h.t.store.db, { username: "clinician" }))
      .filter((a) => a.action === "login")
      .at(-1);
    expect(login?.sourceIp).toBe("203.0.113.50");
    await app.close();
  });

  it("with no proxy trusted, X-Forwarded-* are ignored: no Secure cookie over plain HTTP, the socket's address audited", async () => {
    const res = await signIn(
      h.app,
      { "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https" },
      "192.0.2.8",
    );
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["set-cookie"])).not.toMatch(/Secure/i);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    const login = (await listAudit(h.t.store.db, { username: "clinician" }))
      .filter((a) => a.action === "login")
      .at(-1);
    expect(login?.sourceIp).toBe("192.0.2.8");
  });

  it("every page carries Referrer-Policy, Permissions-Policy and a CSP: API, docs, education, the app", async () => {
    for (const url of [
      "/health",
      "/api/patients",
      "/docs",
      "/docs/",
      "/docs/static/index.html",
      "/openapi.json",
      "/education",
      "/app/",
      "/nope",
    ]) {
      const res = await h.app.inject({ method: "GET", url });
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(String(res.headers["permissions-policy"]), url).toMatch(/camera=\(\)/);
      expect(String(res.headers["content-security-policy"]), url).toMatch(/default-src '(none|self)'/);
      expect(String(res.headers["content-security-policy"]), url).toMatch(/frame-ancestors 'none'/);
    }
    const docs = await h.app.inject({ method: "GET", url: "/docs/" });
    expect(String(docs.headers["content-security-policy"])).toMatch(/script-src 'self'/);
    expect(String(docs.headers["content-security-policy"])).not.toMatch(/upgrade-insecure-requests/);
  });

  it("CSRF: a cookie-authenticated write needs a same-origin Origin and a JSON content type", async () => {
    const login = await signIn(h.app);
    const token = /hepatica_session=([^;]+)/.exec(String(login.headers["set-cookie"]))?.[1] ?? "";
    const cookies = { hepatica_session: token };
    const line = JSON.stringify({ resourceType: "Patient", id: "csrf-1", name: [{ family: "Forged" }] });
    const cases = [
      { headers: { "content-type": "text/plain", origin: "https://evil.example" }, status: 403 },
      { headers: { "content-type": "application/fhir+ndjson", origin: "https://evil.example" }, status: 403 },
      { headers: { "content-type": "application/fhir+ndjson" }, status: 403 },
      { headers: { "content-type": "text/plain", origin: "http://localhost" }, status: 415 },
    ];
    for (const c of cases) {
      const res = await h.app.inject({
        method: "POST",
        url: "/api/fhir/$import",
        cookies,
        headers: c.headers,
        payload: line,
      });
      expect(res.statusCode, JSON.stringify(c.headers)).toBe(c.status);
    }
    const json = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      cookies,
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      payload: { mrn: "CSRF-2" },
    });
    expect(json.statusCode).toBe(403);
    // Nothing was written.
    const list = await h.app.inject({ method: "GET", url: "/api/patients", cookies });
    expect((list.json() as { total: number }).total).toBe(0);
    // The same write from this origin goes through; a bearer token is not subject to the rule.
    const ok = await h.app.inject({
      method: "POST",
      url: "/api/fhir/$import",
      cookies,
      headers: { "content-type": "application/fhir+ndjson", origin: "http://localhost" },
      payload: line,
    });
    expect(ok.statusCode).toBe(200);
    const bearer = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: { authorization: `Bearer ${h.tokens.clinician}`, origin: "https://evil.example" },
      payload: { mrn: "CSRF-3" },
    });
    expect(bearer.statusCode).toBe(201);
    // A sign-in posted from a foreign page (login CSRF) is refused.
    expect((await signIn(h.app, { origin: "https://evil.example" })).statusCode).toBe(403);
  });
});
