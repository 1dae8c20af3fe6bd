/**
 * SMART App Launch end to end against a test EHR built from real components, all on loopback
 * ports chosen at run time: an OAuth 2.0 authorization server (`oidc-provider`, with the SMART
 * scopes, PKCE required and the patient launch context in the token response) and a FHIR R4
 * endpoint holding the EHR-shaped test patient (it serves `.well-known/smart-configuration` and
 * accepts only the authorization server's access tokens). Debian's Chromium plays the clinician:
 * EHR launch (iss + launch) and standalone launch (iss), sign-in and consent at the EHR, and the
 * patient's Hepatica assessment at the end.
 */
import { createServer, type Server } from "node:http";
import { createServer as netServer } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import Provider from "oidc-provider";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { CONDITIONS, OBSERVATIONS, PATIENT } from "../../src/server/cds-hooks/testing.js";
import { SYSTEM_ACTOR } from "../../src/store/audit.js";
import { ENTITIES } from "../../src/store/entities.js";
import { createRecord } from "../../src/store/records.js";
import { openTestStore, type TestStore } from "../../src/store/testing.js";
import { HAVE_CHROMIUM, launch } from "./browser.js";

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe.skipIf(!HAVE_CHROMIUM)("SMART App Launch into Hepatica from a test EHR", () => {
  let t: TestStore;
  let hepatica: FastifyInstance;
  let fhir: FastifyInstance;
  let authServer: Server;
  let provider: Provider;
  let browser: Browser;
  let hep = "";
  let fhirBase = "";
  let registryId = "";
  const authRequests: Record<string, string>[] = [];
  const fhirAuth: string[] = [];

  beforeAll(async () => {
    // The authorization server (the EHR's), with SMART scopes and launch context.
    authServer = createServer();
    await new Promise<void>((resolve) => authServer.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(authServer.address() as { port: number }).port}`;
    const port = await freePort();
    hep = `http://127.0.0.1:${port}`;
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: "hepatica",
          token_endpoint_auth_method: "none",
          redirect_uris: [`${hep}/smart/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      scopes: ["launch", "launch/patient", "patient/*.read"],
      extraParams: ["launch", "aud"],
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      cookies: { keys: ["smart-test-cookie-key"] },
    });
    provider.use(async (ctx, next) => {
      if (ctx.path === "/auth") authRequests.push(Object.fromEntries(ctx.URL.searchParams));
      await next();
      // SMART launch context: the patient travels in the token response.
      if (ctx.path === "/token" && ctx.body && typeof ctx.body === "object" && "access_token" in ctx.body)
        ctx.body = { ...(ctx.body as object), patient: PATIENT.id };
    });
    authServer.on("request", provider.callback());

    // The EHR's FHIR R4 endpoint.
    fhir = Fastify();
    fhir.addHook("onRequest", async (request, reply) => {
      if (request.url.includes("/.well-known/")) return;
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
      const found = token ? await provider.AccessToken.find(token) : undefined;
      fhirAuth.push(`${request.url.split("?")[0]} ${found ? found.scope : "no token"}`);
      if (!found) return reply.code(401).send({ resourceType: "OperationOutcome" });
    });
    fhir.get("/fhir/.well-known/smart-configuration", async () => ({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      grant_types_supported: ["authorization_code"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["launch", "launch/patient", "patient/*.read"],
      capabilities: [
        "launch-ehr",
        "launch-standalone",
        "client-public",
        "context-ehr-patient",
        "context-standalone-patient",
        "permission-patient",
      ],
    }));
    fhir.get("/fhir/Patient/:id", async () => PATIENT);
    fhir.get("/fhir/Observation", async () => OBSERVATIONS);
    fhir.get("/fhir/Condition", async () => CONDITIONS);
    fhirBase = `${await fhir.listen({ port: 0, host: "127.0.0.1" })}/fhir`;

    // Hepatica, with the EHR trusted and a registry patient carrying the EHR's identifier.
    t = await openTestStore("sqlite");
    registryId = (
      await createRecord(
        t.store.db,
        ENTITIES.patient,
        { mrn: "EHR-MRN-1", familyName: "Test", sex: "male" },
        SYSTEM_ACTOR,
      )
    ).id;
    hepatica = await buildApp({
      store: t.store,
      cds: {
        publicUrl: hep,
        issuers: [{ iss: issuer, jwksUrl: `${issuer}/jwks`, jku: [], fhirServers: [fhirBase] }],
      },
    });
    await hepatica.listen({ port, host: "127.0.0.1" });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await hepatica?.close();
    await t?.cleanup();
    await fhir?.close();
    await new Promise<void>((resolve) => (authServer ? authServer.close(() => resolve()) : resolve()));
  });

  async function signInAndConsent(
    start: string,
  ): Promise<{ summary: string; registry: string | null; url: string }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(start);
      await page.waitForSelector("input[name=login]");
      await page.fill("input[name=login]", "dr-ehr");
      await page.fill("input[name=password]", "any");
      await page.click("button[type=submit]");
      await page.waitForSelector("button[type=submit]");
      await page.click("button[type=submit]");
      await page.waitForSelector("#summary", { timeout: 20_000 });
      return {
        summary: (await page.textContent("#summary")) ?? "",
        registry: await page.getAttribute("#registry-patient", "href"),
        url: page.url(),
      };
    } finally {
      await context.close();
    }
  }

  it("EHR launch: PKCE, launch + patient/*.read, the patient's assessment (BCLC A, CNLC Ia) linked to the registry", async () => {
    const out = await signInAndConsent(
      `${hep}/smart/launch?iss=${encodeURIComponent(fhirBase)}&launch=ehr-launch-42`,
    );
    expect(out.summary).toMatch(/^HCC: BCLC A, CNLC Ia/);
    expect(out.url.startsWith(`${hep}/smart/callback`)).toBe(true);
    expect(out.registry).toBe(`${hep}/app/patients/${registryId}`);
    const auth = authRequests.at(-1) ?? {};
    expect(auth).toMatchObject({
      client_id: "hepatica",
      launch: "ehr-launch-42",
      aud: fhirBase,
      code_challenge_method: "S256",
      response_type: "code",
    });
    expect(auth.scope?.split(" ").sort()).toEqual(["launch", "patient/*.read"]);
    expect(auth.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The EHR's data was read with the EHR's own token.
    expect(fhirAuth.filter((x) => x.startsWith("/fhir/Patient/ehr-1")).at(-1)).toBe(
      "/fhir/Patient/ehr-1 launch patient/*.read",
    );
  });

  it("standalone launch: launch/patient + patient/*.read, the same assessment", async () => {
    const out = await signInAndConsent(`${hep}/smart/launch?iss=${encodeURIComponent(fhirBase)}`);
    expect(out.summary).toMatch(/^HCC: BCLC A, CNLC Ia/);
    const auth = authRequests.at(-1) ?? {};
    expect(auth.launch).toBeUndefined();
    expect(auth.scope?.split(" ").sort()).toEqual(["launch/patient", "patient/*.read"]);
    expect(auth.code_challenge_method).toBe("S256");
  });

  it("refuses an iss that is not a trusted EHR, and a callback without a launch in progress", async () => {
    const other = await hepatica.inject({
      method: "GET",
      url: `/smart/launch?iss=${encodeURIComponent("https://evil.example/fhir")}`,
    });
    expect(other.statusCode).toBe(403);
    expect(other.body).toMatch(/not one of the trusted EHRs/);
    const none = await hepatica.inject({ method: "GET", url: "/smart/launch" });
    expect(none.statusCode).toBe(400);
    const cb = await hepatica.inject({ method: "GET", url: "/smart/callback?code=x&state=y" });
    expect(cb.statusCode).toBe(400);
  });
});
