/**
 * Issue 14, findings 4 and Low: a NUL character or an unpaired UTF-16 surrogate anywhere in a
 * request (body, body keys, query, path, FHIR Bundle or NDJSON line, the anonymous sign-in) is
 * refused with a 400 naming the field, on both databases (PostgreSQL text cannot hold NUL: it
 * answered 500); dates in query parameters are real calendar dates or a 400 naming the parameter
 * (asOf=2024-99-99 used to be read as 2032-06-07); /docs/static/.. is not a 500.
 */
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectsUnderTest } from "../store/testing.js";
import { buildApp } from "./app.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

/** A GET written by hand, so that the path reaches the server exactly as sent. */
function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
    );
    let response = "";
    socket.on("data", (d) => {
      response += String(d);
    });
    socket.on("end", () => resolve(response));
    socket.on("error", reject);
  });
}

interface ErrorBody {
  error: { code: string; errors?: { path: string; code: string }[] };
}

describe.each(dialectsUnderTest())("hostile characters and dates on %s", (dialect) => {
  let h: TestApp;
  let patientId = "";
  beforeAll(async () => {
    h = await openTestApp(dialect);
    const p = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: auth(h.tokens.clinician),
      payload: { mrn: "CHR-1", birthDate: "1960-01-01" },
    });
    patientId = (p.json() as { id: string }).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const paths = (body: string) => ((JSON.parse(body) as ErrorBody).error.errors ?? []).map((e) => e.path);
  /** FHIR routes answer an OperationOutcome: the field paths are its issues' expressions. */
  const outcomePaths = (body: string) =>
    ((JSON.parse(body) as { issue?: { expression?: string[] }[] }).issue ?? []).flatMap(
      (i) => i.expression ?? [],
    );

  const send = (method: "POST" | "GET", url: string, raw?: string, contentType = "application/json") =>
    h.app.inject({
      method,
      url,
      headers: { ...auth(h.tokens.clinician), ...(raw !== undefined ? { "content-type": contentType } : {}) },
      ...(raw !== undefined ? { payload: raw } : {}),
    });

  it("the anonymous sign-in refuses NUL and unpaired surrogates, naming the field", async () => {
    for (const [body, path] of [
      ['{"username":"ad\\u0000min","password":"x"}', "username"],
      ['{"username":"admin","password":"\\ud800"}', "password"],
      ['{"username":"\\udc00admin","password":"x"}', "username"],
    ] as const) {
      const res = await h.app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "content-type": "application/json" },
        payload: body,
      });
      expect(res.statusCode, body).toBe(400);
      expect(paths(res.body)).toEqual([path]);
      expect((res.json() as ErrorBody).error.errors?.[0]?.code).toBe("invalid-character");
    }
  });

  it("REST writes refuse them in any field, nested field or key, and write nothing", async () => {
    const cases: [string, string, string][] = [
      ["/api/patients", '{"mrn":"N1","familyName":"Sm\\u0000ith"}', "familyName"],
      ["/api/patients", '{"mrn":"N2","givenName":"\\ud83d"}', "givenName"],
      ["/api/patients", '{"mrn":"N3","a\\u0000b":1}', "a\\u0000b"],
      [
        `/api/patients/${patientId}/observations`,
        '{"code":"1975-2\\u0000","value":1,"effectiveAt":"2024-01-01"}',
        "code",
      ],
      [
        `/api/patients/${patientId}/imaging`,
        '{"studyDate":"2024-01-01","modality":"CT","measurements":[{"lesionLabel":"T\\u00001","role":"target"}]}',
        "measurements.0.lesionLabel",
      ],
    ];
    for (const [url, raw, path] of cases) {
      const res = await send("POST", url, raw);
      expect(res.statusCode, raw).toBe(400);
      expect(paths(res.body).map((p) => p.replace("\u0000", "\\u0000"))).toEqual([path]);
    }
    const list = await send("GET", "/api/patients");
    expect((list.json() as { total: number }).total).toBe(1);
    const obs = await send("GET", `/api/patients/${patientId}/observations`);
    expect((obs.json() as { total: number }).total).toBe(0);
  });

  it("FHIR import (Bundle and NDJSON) refuses them, naming where", async () => {
    const bundle = send(
      "POST",
      "/api/fhir",
      '{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"X\\u0000"}]}}]}',
      "application/fhir+json",
    );
    const b = await bundle;
    expect(b.statusCode).toBe(400);
    expect(outcomePaths(b.body)).toEqual(["entry.0.resource.name.0.family"]);
    const nd = await send(
      "POST",
      "/api/fhir/$import",
      '{"resourceType":"Patient","id":"p1"}\n{"resourceType":"Patient","name":[{"family":"\\ud800"}]}\n',
      "application/fhir+ndjson",
    );
    expect(nd.statusCode).toBe(400);
    expect(outcomePaths(nd.body)).toEqual(["line 2: name.0.family"]);
    const list = await send("GET", "/api/patients");
    expect((list.json() as { total: number }).total).toBe(1);
  });

  it("query values and path parameters are checked too", async () => {
    const q = await send("GET", `/api/patients/${patientId}/assessment?asOf=2024-01-0%00`);
    expect(q.statusCode).toBe(400);
    expect(paths(q.body)).toEqual(["querystring.asOf"]);
    const p = await send("GET", "/api/patients/ab%00cd");
    expect(p.statusCode).toBe(400);
    expect(paths(p.body)).toEqual(["params.id"]);
    const u = await send("GET", "/api/audit?username=%ED%A0%80");
    expect(u.statusCode).toBeLessThan(500);
  });

  it("dates in query parameters are calendar dates, or a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      [`/api/patients/${patientId}/assessment?asOf=2024-99-99`, "querystring.asOf"],
      [`/api/patients/${patientId}/assessment?asOf=2024-02-30`, "querystring.asOf"],
      [`/api/patients/${patientId}/assessments?asOf=2023-02-29`, "querystring.asOf"],
      ["/api/cohorts/survival?from=2024-13-01", "querystring.from"],
      ["/api/cohorts/survival.csv?to=2024-04-31", "querystring.to"],
      ["/api/audit?since=yesterday", "querystring.since"],
      ["/api/audit?since=2024-02-30", "querystring.since"],
      ["/api/audit?since=2024-01-01T25:00:00Z", "querystring.since"],
    ];
    for (const [url, path] of cases) {
      const res = await h.app.inject({
        method: url.includes("/assessments") ? "POST" : "GET",
        url,
        headers: auth(url.startsWith("/api/audit") ? h.tokens.admin : h.tokens.clinician),
      });
      expect(res.statusCode, url).toBe(400);
      expect(paths(res.body), url).toEqual([path]);
    }
    for (const url of [
      `/api/patients/${patientId}/assessment?asOf=2024-02-29`,
      "/api/cohorts/survival?from=2024-01-01&to=2024-12-31",
      "/api/audit?since=2024-01-01",
      "/api/audit?since=2024-01-01T08:30:00Z",
    ]) {
      const res = await h.app.inject({
        method: "GET",
        url,
        headers: auth(url.startsWith("/api/audit") ? h.tokens.admin : h.tokens.clinician),
      });
      expect(res.statusCode, url).toBe(200);
    }
    const a = await h.app.inject({
      method: "GET",
      url: `/api/patients/${patientId}/assessment?asOf=2024-02-29`,
      headers: auth(h.tokens.clinician),
    });
    expect((a.json() as { asOf: string }).asOf).toBe("2024-02-29");
  });

  it("/docs/static/.. and friends answer 4xx over a real socket (inject normalises the path), never 500", async () => {
    const app = await buildApp({ store: h.t.store });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const { port } = app.server.address() as AddressInfo;
      for (const path of [
        "/docs/static/..",
        "/docs/static/../",
        "/docs/static/../../package.json",
        "/docs/static/%2e%2e",
        "/docs/static/%2e%2e/%2e%2e/package.json",
        "/docs/static/..%2f..%2fpackage.json",
        "/docs/static/.%2e/.%2e/package.json",
        "/api/..%5c..%5cpackage.json",
        "/docs/static/%00",
        "/docs/static/%E0%A4%A",
      ]) {
        const head = await rawGet(port, path);
        const status = Number(head.split(" ")[1]);
        expect(status, `${path}: ${head}`).toBeGreaterThanOrEqual(400);
        expect(status, `${path}: ${head}`).toBeLessThan(500);
        expect(head).not.toContain('"name": "hepatica"');
      }
      // The docs themselves still work.
      expect((await rawGet(port, "/docs/")).split(" ")[1]).toBe("200");
    } finally {
      await app.close();
    }
  });
});
