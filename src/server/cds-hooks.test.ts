/**
 * CDS Hooks 2.0 as an EHR calls it. The tests ARE the EHR: its keys (jose, ES384 and RS384) on a
 * JWK Set server and its FHIR server, both on loopback ports chosen at run time; every call is a
 * signed JWT (no Hepatica token), and the patient is coded as an EHR codes it (SI LOINC labs, the
 * LOINC ECOG answer, SNOMED CT findings, mCODE tumour size and TNM, ICD-10-CM C22.0).
 */
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREFETCH, SERVICE_ID } from "./cds-hooks/plugin.js";
import { CONDITIONS, lab, OBSERVATIONS, PATIENT } from "./cds-hooks/testing.js";
import { openTestApp, type TestApp } from "./testing.js";

const ISS = "https://ehr.example.org";
const PUBLIC_URL = "https://hepatica.example.org";
const AUD = `${PUBLIC_URL}/cds-services/${SERVICE_ID}`;
const URL_ = `/cds-services/${SERVICE_ID}`;
type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
interface Signer {
  readonly key: Key;
  readonly kid: string;
  readonly alg: "ES384" | "RS384" | "ES256";
}

const PREFETCHED = { patient: PATIENT, observations: OBSERVATIONS, conditions: CONDITIONS };

function hook(extra: Record<string, unknown> = {}) {
  return {
    hook: "patient-view",
    hookInstance: randomUUID(),
    context: { patientId: "ehr-1", userId: "Practitioner/example" },
    prefetch: PREFETCHED,
    ...extra,
  };
}

interface Card {
  uuid: string;
  summary: string;
  indicator: string;
  detail: string;
  source: { label: string; url: string };
  suggestions?: { uuid: string; actions: { type: string; resource: { resourceType: string } }[] }[];
  selectionBehavior?: string;
  links: { url: string; type: string; appContext?: string }[];
}

describe("CDS Hooks 2.0, called by an EHR", () => {
  let h: TestApp;
  let jwks: FastifyInstance;
  let ehr: FastifyInstance;
  let stranger: FastifyInstance;
  let jwksBase = "";
  let ehrBase = "";
  let closedBase = "";
  let strangerBase = "";
  const published: JWK[] = [];
  const hits = { evil: 0, jwks: 0, stranger: 0 };
  const ehrSeen: string[] = [];
  let ec: Signer;
  let rs: Signer;
  let foreign: Signer;

  async function sign(
    s: Signer,
    claims: { aud?: string; iat?: number; exp?: number; jti?: string; jku?: string } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: s.alg, kid: s.kid, typ: "JWT", ...(claims.jku ? { jku: claims.jku } : {}) })
      .setIssuer(ISS)
      .setSubject("ehr-client")
      .setAudience(claims.aud ?? AUD)
      .setIssuedAt(claims.iat ?? now)
      .setExpirationTime(claims.exp ?? now + 300)
      .setJti(claims.jti ?? randomUUID())
      .sign(s.key);
  }
  async function call(payload: unknown, token: string | undefined, url = URL_) {
    return h.app.inject({
      method: "POST",
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: payload as Record<string, unknown>,
    });
  }
  async function signer(alg: Signer["alg"], kid: string, publish: boolean): Promise<Signer> {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    if (publish) published.push({ ...(await exportJWK(publicKey)), kid, alg, use: "sig" });
    return { key: privateKey, kid, alg };
  }

  beforeAll(async () => {
    ec = await signer("ES384", "ec-1", true);
    rs = await signer("RS384", "rs-1", true);
    foreign = await signer("ES384", "evil-1", false);
    const { publicKey: foreignPublic } = await generateKeyPair("ES384");
    jwks = Fastify();
    jwks.get("/jwks.json", async () => {
      hits.jwks++;
      return { keys: published };
    });
    jwks.get("/rotated/jwks.json", async () => ({ keys: published }));
    jwks.get("/evil/jwks.json", async () => {
      hits.evil++;
      return { keys: [{ ...(await exportJWK(foreignPublic)), kid: "evil-1" }] };
    });
    jwksBase = await jwks.listen({ port: 0, host: "127.0.0.1" });

    ehr = Fastify();
    ehr.addHook("onRequest", async (request) => {
      ehrSeen.push(`${request.url.split("?")[0]} ${request.headers.authorization ?? "-"}`);
    });
    ehr.get("/fhir/Patient/:id", async () => PATIENT);
    ehr.get("/fhir/Observation", async () => OBSERVATIONS);
    ehr.get("/fhir/Condition", async () => CONDITIONS);
    ehrBase = await ehr.listen({ port: 0, host: "127.0.0.1" });

    stranger = Fastify();
    stranger.addHook("onRequest", async () => {
      hits.stranger++;
    });
    stranger.get("/*", async () => PATIENT);
    strangerBase = await stranger.listen({ port: 0, host: "127.0.0.1" });

    // A port that was open and is now closed: the EHR's FHIR server is down.
    const gone = Fastify();
    closedBase = await gone.listen({ port: 0, host: "127.0.0.1" });
    await gone.close();

    h = await openTestApp("sqlite", {
      cds: {
        publicUrl: PUBLIC_URL,
        jwksCooldownMs: 0,
        issuers: [
          {
            iss: ISS,
            jwksUrl: `${jwksBase}/jwks.json`,
            jku: [`${jwksBase}/rotated/jwks.json`],
            fhirServers: [`${ehrBase}/fhir`, `${closedBase}/fhir`],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await jwks?.close();
    await ehr?.close();
    await stranger?.close();
  });

  it("discovery lists the patient-view service with its prefetch templates (no token needed)", async () => {
    const res = await h.app.inject({ method: "GET", url: "/cds-services" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const { services } = res.json() as {
      services: { id: string; hook: string; prefetch: Record<string, string> }[];
    };
    expect(services[0]).toMatchObject({ id: SERVICE_ID, hook: "patient-view", prefetch: PREFETCH });
    expect(services[0]?.prefetch.observations).toContain("http://loinc.org|14631-6");
    expect(services[0]?.prefetch.observations).toContain("http://snomed.info/sct|13920009");
    expect(services[0]?.prefetch.conditions).toBe("Condition?patient={{context.patientId}}&_count=200");
  });

  it("an EHR-shaped patient gets a card stating BCLC A and CNLC Ia, with a SMART link, from a signed JWT alone", async () => {
    const res = await call(hook(), await sign(ec));
    expect(res.statusCode).toBe(200);
    const cards = (res.json() as { cards: Card[] }).cards;
    expect(cards).toHaveLength(1);
    const card = cards[0] as Card;
    expect(card.summary).toMatch(/^HCC: BCLC A, CNLC Ia/);
    expect(card.summary.length).toBeLessThan(140);
    expect(card.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(card.indicator).toBe("info");
    // Inputs used, each with its date and the EHR resource it came from.
    for (const id of [
      "Observation/bili-si",
      "Observation/crea-si",
      "Observation/ecog",
      "Observation/he",
      "Observation/ct",
      "Condition/ascites",
      "Condition/cirrhosis",
    ])
      expect(card.detail).toContain(id);
    expect(card.detail).toContain("total bilirubin 17.1 umol/L 20");
    expect(card.detail).toContain("ascites grade none 20");
    expect(card.detail).not.toMatch(/No HCC diagnosis/);
    expect(card.detail).toMatch(/Sources:.*Reig/);
    // Links and source from configuration, not from the request's Host header.
    expect(card.source.url).toBe(PUBLIC_URL);
    expect(card.links[0]).toMatchObject({ type: "smart", url: `${PUBLIC_URL}/smart/launch` });
    expect(card.selectionBehavior).toBe("at-most-one");
    expect(card.suggestions?.[0]?.actions[0]).toMatchObject({
      type: "create",
      resource: { resourceType: "Observation" },
    });
    const audit = await h.t.store.db
      .selectFrom("audit_log")
      .select(["username", "role", "action"])
      .where("entity", "=", "cds-hooks")
      .execute();
    expect(audit.at(-1)).toMatchObject({
      username: `cds:${ISS} Practitioner/example`,
      role: "cds-client",
      action: "assess",
    });
  });

  it("RS384 is accepted as well; HS256, ES256 and an unsigned token are not", async () => {
    expect((await call(hook(), await sign(rs))).statusCode).toBe(200);
    const es256 = await signer("ES256", "ec-1", false);
    expect((await call(hook(), await sign(es256))).statusCode).toBe(401);
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: "ec-1" })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(randomUUID())
      .sign(new TextEncoder().encode("x".repeat(32)));
    expect((await call(hook(), hs)).statusCode).toBe(401);
    const none = `${Buffer.from('{"alg":"none","kid":"ec-1"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iss: ISS, aud: AUD, exp: Math.floor(Date.now() / 1000) + 60, iat: Math.floor(Date.now() / 1000), jti: randomUUID() })).toString("base64url")}.`;
    expect((await call(hook(), none)).statusCode).toBe(401);
  });

  it("refuses without a JWT, a Hepatica session token, a replayed jti, an expired token, a wrong aud, an untrusted issuer", async () => {
    const noToken = await call(hook(), undefined);
    expect(noToken.statusCode).toBe(401);
    expect(noToken.json()).toMatchObject({ error: { code: "unauthenticated" } });
    expect((await call(hook(), h.tokens.clinician)).statusCode).toBe(401);
    const once = await sign(ec);
    expect((await call(hook(), once)).statusCode).toBe(200);
    const replay = await call(hook(), once);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: { message: expect.stringMatching(/replay/) } });
    const now = Math.floor(Date.now() / 1000);
    const expired = await call(hook(), await sign(ec, { iat: now - 900, exp: now - 600 }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { message: expect.stringMatching(/expired/) } });
    // The audience is this service's configured URL; the URL a Host header would give is refused.
    expect((await call(hook(), await sign(ec, { aud: `http://localhost:80${URL_}` }))).statusCode).toBe(401);
    const stranger = await new SignJWT({})
      .setProtectedHeader({ alg: "ES384", kid: "ec-1" })
      .setIssuer("https://other.example")
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(randomUUID())
      .sign(ec.key);
    expect((await call(hook(), stranger)).statusCode).toBe(401);
  });

  it("an unknown kid refetches the JWK Set: refused while the key is unpublished, accepted once the EHR publishes it", async () => {
    const next = await signer("ES384", "ec-2", false);
    const before = hits.jwks;
    expect((await call(hook(), await sign(next))).statusCode).toBe(401);
    expect(hits.jwks).toBeGreaterThan(before);
    const rotated = await signer("ES384", "ec-3", true);
    expect((await call(hook(), await sign(rotated))).statusCode).toBe(200);
  });

  it("honours a jku on the issuer's list, refuses a foreign jku without fetching it", async () => {
    expect((await call(hook(), await sign(ec, { jku: `${jwksBase}/rotated/jwks.json` }))).statusCode).toBe(
      200,
    );
    const res = await call(hook(), await sign(foreign, { jku: `${jwksBase}/evil/jwks.json` }));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { message: expect.stringMatching(/jku .* not on issuer/) } });
    expect(hits.evil).toBe(0);
  });

  it("fetches absent prefetch from the issuer's own FHIR server with fhirAuthorization, and only there", async () => {
    ehrSeen.length = 0;
    const res = await call(
      hook({
        prefetch: undefined,
        fhirServer: `${ehrBase}/fhir`,
        fhirAuthorization: {
          access_token: "ehr-token",
          token_type: "Bearer",
          expires_in: 300,
          scope: "patient/*.read",
          subject: "hepatica",
        },
      }),
      await sign(ec),
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as { cards: Card[] }).cards[0]?.summary).toMatch(/^HCC: BCLC A, CNLC Ia/);
    expect(ehrSeen.sort()).toEqual([
      "/fhir/Condition Bearer ehr-token",
      "/fhir/Observation Bearer ehr-token",
      "/fhir/Patient/ehr-1 Bearer ehr-token",
    ]);
  });

  it("a fhirServer not on the issuer's list (or plain http off loopback) is refused, and never contacted", async () => {
    const auth = {
      access_token: "ehr-token",
      token_type: "Bearer",
      expires_in: 300,
      scope: "patient/*.read",
      subject: "x",
    };
    for (const fhirServer of [
      `${strangerBase}/fhir`,
      "http://10.0.0.1/fhir",
      "file:///etc/passwd",
      `${ehrBase}/fhir/../admin`,
    ]) {
      const res = await call(
        hook({ prefetch: undefined, fhirServer, fhirAuthorization: auth }),
        await sign(ec),
      );
      expect(`${fhirServer} ${res.statusCode}`).toBe(`${fhirServer} 403`);
      expect(res.json()).toMatchObject({ error: { code: "forbidden", errors: [{ path: "fhirServer" }] } });
    }
    expect(hits.stranger).toBe(0);
  });

  it("the EHR's FHIR server down: a card saying the data is unavailable, never a 500", async () => {
    const res = await call(
      hook({ prefetch: { observations: OBSERVATIONS, conditions: null }, fhirServer: `${closedBase}/fhir` }),
      await sign(ec),
    );
    expect(res.statusCode).toBe(200);
    const card = (res.json() as { cards: Card[] }).cards[0] as Card;
    expect(card.summary).toMatch(/unavailable.*patient/);
    expect(card.indicator).toBe("warning");
  });

  it("a null prefetch is 'no such data': nothing fetched, the card says what is missing (not 412)", async () => {
    ehrSeen.length = 0;
    const res = await call(
      hook({
        prefetch: { patient: PATIENT, observations: null, conditions: null },
        fhirServer: `${ehrBase}/fhir`,
      }),
      await sign(ec),
    );
    expect(res.statusCode).toBe(200);
    const card = (res.json() as { cards: Card[] }).cards[0] as Card;
    expect(card.summary).toMatch(/^HCC: BCLC undetermined, CNLC undetermined/);
    expect(card.detail).toMatch(/Cannot determine — missing:.*bilirubin/i);
    expect(card.detail).toMatch(/No HCC diagnosis/);
    expect(ehrSeen).toEqual([]);
  });

  it("412 when required prefetch is absent and there is no fhirServer", async () => {
    const res = await call(hook({ prefetch: { patient: PATIENT } }), await sign(ec));
    expect(res.statusCode).toBe(412);
    expect(res.json()).toMatchObject({ error: { code: "prefetch-missing" } });
  });

  it("malformed requests are 4xx in the error shape, naming the field", async () => {
    const bad: [string, Record<string, unknown>][] = [
      ["hook", { hook: "order-sign" }],
      ["hookInstance", { hookInstance: "not-a-uuid" }],
      ["context", { context: { userId: "Practitioner/1" } }],
      ["context.patientId", { context: { patientId: "../x", userId: "u" } }],
      [
        "fhirServer",
        {
          fhirAuthorization: {
            access_token: "t",
            token_type: "Bearer",
            expires_in: 1,
            scope: "s",
            subject: "s",
          },
        },
      ],
      ["fhirAuthorization", { fhirServer: `${ehrBase}/fhir`, fhirAuthorization: { access_token: "t" } }],
      ["prefetch.patient", { prefetch: { ...PREFETCHED, patient: "Patient/ehr-1" } }],
      ["prefetch.patient", { prefetch: { ...PREFETCHED, patient: { resourceType: "Observation" } } }],
      ["prefetch.patient.id", { prefetch: { ...PREFETCHED, patient: { ...PATIENT, id: "someone-else" } } }],
      ["prefetch.observations", { prefetch: { ...PREFETCHED, observations: [] } }],
      ["prefetch.observations", { prefetch: { ...PREFETCHED, observations: { resourceType: "Patient" } } }],
      [
        "prefetch.observations.entry",
        { prefetch: { ...PREFETCHED, observations: { resourceType: "Bundle", entry: "x" } } },
      ],
      [
        "prefetch.observations.entry.0",
        { prefetch: { ...PREFETCHED, observations: { resourceType: "Bundle", entry: [1] } } },
      ],
      [
        "prefetch.conditions.entry.0",
        { prefetch: { ...PREFETCHED, conditions: { resourceType: "Bundle", entry: [{ resource: 5 }] } } },
      ],
      [
        "prefetch.conditions.entry.0.resource",
        { prefetch: { ...PREFETCHED, conditions: { resourceType: "Bundle", entry: [{ resource: {} }] } } },
      ],
    ];
    for (const [path, change] of bad) {
      const res = await call(hook(change), await sign(ec));
      expect(`${path} ${res.statusCode}`).toMatch(new RegExp(`^${path.replace(/\./g, "\\.")} 4\\d\\d$`));
      const body = res.json() as { error: { code: string; errors?: { path: string }[] } };
      expect(body.error.code).toMatch(/invalid-input|forbidden/);
      expect(body.error.errors?.map((e) => e.path).join(" ")).toContain(path.split(".")[0]);
    }
    const notJson = await h.app.inject({
      method: "POST",
      url: URL_,
      headers: { authorization: `Bearer ${await sign(ec)}`, "content-type": "application/json" },
      payload: "{",
    });
    expect(notJson.statusCode).toBe(400);
    // Odd resources inside a well-formed Bundle are skipped, not fatal.
    const odd = await call(
      hook({
        prefetch: {
          ...PREFETCHED,
          observations: {
            resourceType: "Bundle",
            entry: [{ resource: { resourceType: "Observation", code: 5, valueQuantity: "x" } }],
          },
        },
      }),
      await sign(ec),
    );
    expect(odd.statusCode).toBe(200);
  });

  it("a molar LOINC code with a mass unit is not read: the value is left missing, not converted", async () => {
    const slipped = {
      ...OBSERVATIONS,
      entry: [lab("bili-slip", "14631-6", 1.0, "mg/dL"), ...OBSERVATIONS.entry.slice(1)],
    };
    const res = await call(hook({ prefetch: { ...PREFETCHED, observations: slipped } }), await sign(ec));
    expect(res.statusCode).toBe(200);
    const card = (res.json() as { cards: Card[] }).cards[0] as Card;
    expect(card.detail).toMatch(/missing:.*bilirubin/i);
    expect(card.detail).not.toContain("Observation/bili-slip");
  });

  it("feedback: accepted with a signed JWT and audited; malformed feedback is 400; no JWT is 401", async () => {
    const card = ((await call(hook(), await sign(ec))).json() as { cards: Card[] }).cards[0] as Card;
    const fb = {
      feedback: [
        {
          card: card.uuid,
          outcome: "accepted",
          acceptedSuggestions: [{ id: card.suggestions?.[0]?.uuid }],
          outcomeTimestamp: new Date().toISOString(),
        },
      ],
    };
    const url = `${URL_}/feedback`;
    const ok = await call(fb, await sign(ec, { aud: `${AUD}/feedback` }), url);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({});
    const row = await h.t.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "cds-hooks-feedback")
      .executeTakeFirst();
    expect(row).toMatchObject({
      entity_id: card.uuid,
      detail: expect.stringMatching(/^accepted suggestions /),
    });
    expect(
      (await call({ feedback: [{ card: "x", outcome: "maybe" }] }, await sign(ec), url)).statusCode,
    ).toBe(400);
    expect((await call(fb, undefined, url)).statusCode).toBe(401);
  });
});
