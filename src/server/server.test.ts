/** The HTTP API over `inject()`, on both dialects: auth, REST, concurrency, errors, audit, de-identification. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pseudonymKey, pseudonymOf } from "../store/deidentify.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, login, openTestApp, type TestApp } from "./testing.js";

describe.each(dialectsUnderTest())("API on %s", (dialect) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  const clinician = () => auth(h.tokens.clinician);
  const researcher = () => auth(h.tokens.researcher);
  const admin = () => auth(h.tokens.admin);

  async function newPatient(body: Record<string, unknown> = {}) {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: clinician(),
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number } & Record<string, unknown>;
  }

  it("GET /health needs no token", async () => {
    const res = await h.app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: dialect });
  });

  it("serves the OpenAPI document and the docs", async () => {
    const res = await h.app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/patients", "/api/patients/{id}", "/api/assess", "/api/auth/login"]),
    );
    const docs = await h.app.inject({ method: "GET", url: "/docs/" });
    expect(docs.statusCode).toBe(200);
  });

  it("every /api route but login needs a token", async () => {
    for (const [method, url] of [
      ["GET", "/api/patients"],
      ["POST", "/api/assess"],
      ["GET", "/api/audit"],
      ["GET", "/api/nowhere"],
    ] as const) {
      const res = await h.app.inject({ method, url, payload: method === "POST" ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: "unauthenticated" } });
    }
    const bad = await h.app.inject({ method: "GET", url: "/api/patients", headers: auth("x".repeat(43)) });
    expect(bad.statusCode).toBe(401);
  });

  it("login: wrong password is 401 and audited; the cookie is HttpOnly and SameSite", async () => {
    const wrong = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "clinician", password: "nope" },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "clinician", password: "correct horse battery" },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers["set-cookie"]);
    expect(cookie).toMatch(/hepatica_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const token = /hepatica_session=([^;]+)/.exec(cookie)?.[1] ?? "";
    const me = await h.app.inject({
      method: "GET",
      url: "/api/auth/me",
      cookies: { hepatica_session: token },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: "clinician", role: "clinician" });
    expect(me.json()).not.toHaveProperty("passwordHash");
    const audit = await h.app.inject({
      method: "GET",
      url: "/api/audit?username=clinician",
      headers: admin(),
    });
    const actions = (audit.json() as { items: { action: string }[] }).items.map((a) => a.action);
    expect(actions).toContain("login-failed");
  });

  it("too many failed sign-ins for one user from one address: 429, even with the right password", async () => {
    const attempt = (password: string) =>
      h.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password } });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).statusCode).toBe(401);
    const blocked = await attempt("correct horse battery");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: { code: "too-many-requests" } });
  });

  it("admins manage accounts: create, disable (sessions end), only admins may", async () => {
    const created = await h.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin(),
      payload: { username: "temp", password: "temporary-pass", role: "researcher" },
    });
    expect(created.statusCode).toBe(201);
    const token = await login(h.app, "temp", "temporary-pass");
    expect(
      (await h.app.inject({ method: "GET", url: "/api/auth/me", headers: auth(token) })).statusCode,
    ).toBe(200);
    const denied = await h.app.inject({
      method: "PATCH",
      url: "/api/users/temp",
      headers: clinician(),
      payload: { disabled: true },
    });
    expect(denied.statusCode).toBe(403);
    const off = await h.app.inject({
      method: "PATCH",
      url: "/api/users/temp",
      headers: admin(),
      payload: { disabled: true },
    });
    expect(off.json()).toMatchObject({ username: "temp", disabled: true });
    expect(
      (await h.app.inject({ method: "GET", url: "/api/auth/me", headers: auth(token) })).statusCode,
    ).toBe(401);
    const again = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "temp", password: "temporary-pass" },
    });
    expect(again.statusCode).toBe(401);
  });

  it("logout ends the session", async () => {
    const token = await login(h.app, "clinician");
    expect(
      (await h.app.inject({ method: "POST", url: "/api/auth/logout", headers: auth(token) })).statusCode,
    ).toBe(204);
    expect(
      (await h.app.inject({ method: "GET", url: "/api/auth/me", headers: auth(token) })).statusCode,
    ).toBe(401);
  });

  it("CRUD with ETag / If-Match: stale write → 412 and nothing changes; missing If-Match → 428", async () => {
    const p = await newPatient({
      mrn: `M-${dialect}`,
      familyName: "Rossi",
      birthDate: "1960-05-01",
      sex: "male",
    });
    const got = await h.app.inject({ method: "GET", url: `/api/patients/${p.id}`, headers: clinician() });
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');

    const put = (ifMatch: string | undefined, familyName: string) =>
      h.app.inject({
        method: "PUT",
        url: `/api/patients/${p.id}`,
        headers: { ...clinician(), ...(ifMatch ? { "if-match": ifMatch } : {}) },
        payload: { mrn: `M-${dialect}`, familyName, birthDate: "1960-05-01", sex: "male" },
      });
    expect((await put(undefined, "X")).statusCode).toBe(428);
    const first = await put('"1"', "Bianchi");
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await put('"1"', "Verdi");
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ error: { code: "precondition-failed" } });
    const now = await h.app.inject({ method: "GET", url: `/api/patients/${p.id}`, headers: clinician() });
    expect(now.json()).toMatchObject({ familyName: "Bianchi", version: 2 });

    const del = await h.app.inject({
      method: "DELETE",
      url: `/api/patients/${p.id}`,
      headers: { ...clinician(), "if-match": '"1"' },
    });
    expect(del.statusCode).toBe(412);
  });

  it("bad input gets 4xx naming the field, and writes nothing", async () => {
    const p = await newPatient();
    const before = await h.app.inject({
      method: "GET",
      url: `/api/patients/${p.id}/procedures`,
      headers: clinician(),
    });
    const res = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p.id}/procedures`,
      headers: clinician(),
      payload: {
        modality: "ctace",
        performedOn: "2024-01-01",
        selectivity: "whole-liver",
        complications: [{ cirseGrade: "2" }],
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json() as { error: { errors: { path: string }[] } }).error.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["selectivity", "complications.0.cirseGrade", "complications.0.description"]),
    );
    const impossible = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p.id}/procedures`,
      headers: clinician(),
      payload: { modality: "ctace", performedOn: "2024-02-30" },
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json()).toMatchObject({
      error: { errors: [{ path: "performedOn", code: "invalid-date" }] },
    });
    const after = await h.app.inject({
      method: "GET",
      url: `/api/patients/${p.id}/procedures`,
      headers: clinician(),
    });
    expect((after.json() as { total: number }).total).toBe((before.json() as { total: number }).total);
  });

  it("malformed JSON, wrong content type, oversize bodies: 4xx, no stack traces", async () => {
    const malformed = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: { ...clinician(), "content-type": "application/json" },
      payload: '{"mrn": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { errors: [{ path: "(body)", code: "json-parse" }] } });
    expect(malformed.body).not.toMatch(/at .*\.(js|ts):\d+/);

    const text = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: { ...clinician(), "content-type": "application/xml" },
      payload: "<hello/>",
    });
    expect(text.statusCode).toBe(415);

    const huge = await h.app.inject({
      method: "POST",
      url: "/api/assess",
      headers: { ...clinician(), "content-type": "application/json" },
      payload: JSON.stringify({ id: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);

    const arr = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: clinician(),
      payload: [1, 2],
    });
    expect(arr.statusCode).toBe(400);
  });

  it("POST /api/assess: a case → its assessment; an invalid field → 422 naming it", async () => {
    const ok = await h.app.inject({
      method: "POST",
      url: "/api/assess",
      headers: researcher(),
      payload: {
        labs: {
          bilirubin: { value: 1, unit: "mg/dL" },
          albumin: { value: 4, unit: "g/dL" },
          inr: { value: 1.1 },
        },
        ascites: "none",
        encephalopathy: "none",
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: "ok", childPugh: { status: "ok", class: "A", score: 5 } });
    expect(ok.json()).toHaveProperty("rulesVersion");

    const bad = await h.app.inject({
      method: "POST",
      url: "/api/assess",
      headers: clinician(),
      payload: { labs: { albumin: { value: "lots", unit: "g/dL" } } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ status: "invalid", errors: [{ path: "labs.albumin.value" }] });
  });

  it("GET /api/sources lists the evidence registry (authenticated)", async () => {
    expect((await h.app.inject({ method: "GET", url: "/api/sources" })).statusCode).toBe(401);
    const res = await h.app.inject({ method: "GET", url: "/api/sources", headers: clinician() });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { sources: { id: string; citation: string }[] };
    expect(body.sources.find((x) => x.id === "johnson2015Albi")?.citation).toContain(
      "10.1200/JCO.2014.57.9151",
    );
  });

  it("an observation without a code system is stored as LOINC (not a 500)", async () => {
    const p = await newPatient({ birthDate: "1960-01-01", sex: "male" });
    const res = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p.id}/observations`,
      headers: clinician(),
      payload: { code: "1751-7", value: 3.9, unit: "g/dL", effectiveAt: "2024-05-20" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ system: "http://loinc.org", code: "1751-7", value: 3.9 });
  });

  it("GET /api/patients/{id}/assessment derives the case from the latest values in the window", async () => {
    const p = await newPatient({ birthDate: "1955-01-01", sex: "female" });
    const obs = (code: string, value: number, unit: string | null, effectiveAt: string) =>
      h.app.inject({
        method: "POST",
        url: `/api/patients/${p.id}/observations`,
        headers: clinician(),
        payload: { system: "http://loinc.org", code, value, unit, effectiveAt },
      });
    expect((await obs("1751-7", 2.5, "g/dL", "2024-01-01")).statusCode).toBe(201); // outside the window
    expect((await obs("1751-7", 40, "g/L", "2024-05-20")).statusCode).toBe(201);
    expect((await obs("1975-2", 20, "umol/L", "2024-05-25T08:00:00Z")).statusCode).toBe(201);
    expect((await obs("6301-6", 1.1, null, "2024-05-25")).statusCode).toBe(201);
    const finding = (code: string, valueCode: string) =>
      h.app.inject({
        method: "POST",
        url: `/api/patients/${p.id}/observations`,
        headers: clinician(),
        payload: {
          system: "https://hepatica.dev/fhir/CodeSystem/finding",
          code,
          valueCode,
          effectiveAt: "2024-05-25",
        },
      });
    await finding("ascites", "none");
    await finding("encephalopathy", "none");
    const res = await h.app.inject({
      method: "GET",
      url: `/api/patients/${p.id}/assessment?asOf=2024-06-01&windowDays=30`,
      headers: clinician(),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      case: Record<string, unknown>;
      observationsUsed: { code: string; effectiveAt: string }[];
      assessment: { childPugh: { class: string }; albi: { status: string } };
    };
    expect(body.case).toMatchObject({
      ageYears: 69,
      sex: "female",
      labs: { albumin: { value: 40, unit: "g/L" } },
    });
    expect(body.observationsUsed.map((o) => o.code).sort()).toEqual(
      ["1751-7", "1975-2", "6301-6", "ascites", "encephalopathy"].sort(),
    );
    expect(body.observationsUsed.every((o) => o.effectiveAt >= "2024-05-02")).toBe(true);
    expect(body.assessment.childPugh).toMatchObject({ status: "ok", class: "A" });

    const stored = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p.id}/assessments?asOf=2024-06-01`,
      headers: clinician(),
    });
    expect(stored.statusCode).toBe(201);
    const list = await h.app.inject({
      method: "GET",
      url: `/api/patients/${p.id}/assessments`,
      headers: clinician(),
    });
    expect((list.json() as { items: { rulesVersion: string }[] }).items[0]?.rulesVersion).toMatch(/\d/);
  });

  it("researchers see de-identified data (no names or identifiers; dates shifted per patient) and cannot write", async () => {
    const p = await newPatient({
      mrn: `R-${dialect}`,
      familyName: "Smith",
      givenName: "Ann",
      birthDate: "1970-03-15",
    });
    await h.app.inject({
      method: "POST",
      url: `/api/patients/${p.id}/procedures`,
      headers: clinician(),
      payload: { modality: "ctace", performedOn: "2024-03-15", note: "Mrs Smith tolerated well" },
    });
    await h.app.inject({
      method: "POST",
      url: `/api/patients/${p.id}/outcomes`,
      headers: clinician(),
      payload: { kind: "progression", occurredOn: "2024-06-13" },
    });
    // Researchers name the patient by its pseudonym (what their patient list shows).
    const rid = pseudonymOf(await pseudonymKey(h.t.store.db), p.id);
    const seen = await h.app.inject({ method: "GET", url: `/api/patients/${rid}`, headers: researcher() });
    expect(seen.statusCode).toBe(200);
    const rp = seen.json() as Record<string, unknown>;
    for (const k of ["mrn", "familyName", "givenName"]) expect(rp).not.toHaveProperty(k);
    expect(rp.birthDate).not.toBe("1970-03-15");
    expect(JSON.stringify(rp)).not.toMatch(/Smith|R-/);

    const procs = await h.app.inject({
      method: "GET",
      url: `/api/patients/${rid}/procedures`,
      headers: researcher(),
    });
    const proc = (procs.json() as { items: Record<string, unknown>[] }).items[0] ?? {};
    expect(proc).not.toHaveProperty("note");
    expect(proc.performedOn).not.toBe("2024-03-15");
    const outs = await h.app.inject({
      method: "GET",
      url: `/api/patients/${rid}/outcomes`,
      headers: researcher(),
    });
    const out = (outs.json() as { items: Record<string, unknown>[] }).items[0] ?? {};
    // Intervals within a patient are exact: 90 days from procedure to progression.
    const days = (Date.parse(String(out.occurredOn)) - Date.parse(String(proc.performedOn))) / 86_400_000;
    expect(days).toBe(90);
    // ... and the shift equals the birth-date shift.
    const shift = (Date.parse(String(proc.performedOn)) - Date.parse("2024-03-15")) / 86_400_000;
    expect((Date.parse(String(rp.birthDate)) - Date.parse("1970-03-15")) / 86_400_000).toBe(shift);

    const write = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: researcher(),
      payload: {},
    });
    expect(write.statusCode).toBe(403);
  });

  it("every read and write of patient data is in the audit log, exportable as FHIR AuditEvent", async () => {
    const p = await newPatient();
    const rid = pseudonymOf(await pseudonymKey(h.t.store.db), p.id);
    await h.app.inject({ method: "GET", url: `/api/patients/${rid}`, headers: researcher() });
    const res = await h.app.inject({ method: "GET", url: `/api/audit?patientId=${p.id}`, headers: admin() });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { action: string; username: string; sourceIp: string }[] }).items;
    expect(items.map((i) => [i.action, i.username])).toEqual([
      ["create", "clinician"],
      ["read", "researcher"],
    ]);
    expect(items[0]?.sourceIp).toBeTruthy();
    const fhir = await h.app.inject({
      method: "GET",
      url: `/api/audit?patientId=${p.id}&format=fhir`,
      headers: admin(),
    });
    const bundle = fhir.json() as { resourceType: string; entry: { resource: Record<string, unknown> }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry[1]?.resource).toMatchObject({
      resourceType: "AuditEvent",
      action: "R",
      outcome: "0",
      agent: [{ who: { display: "researcher" }, requestor: true }],
      entity: [{ what: { reference: `Patient/${p.id}` } }],
    });
    const forbidden = await h.app.inject({ method: "GET", url: "/api/audit", headers: clinician() });
    expect(forbidden.statusCode).toBe(403);
  });
});
