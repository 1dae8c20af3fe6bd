/** FHIR over HTTP (SQLite and PostgreSQL): Bundle import with per-resource outcomes, export, NDJSON bulk. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_BUNDLE } from "../fhir/testing.js";
import { pseudonymKey, pseudonymOf } from "../store/deidentify.js";
import { generateCohort, writeCohort } from "../store/demo-cohort.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

describe.each(dialectsUnderTest())("FHIR API on %s", (dialect) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a transaction with a refused entry writes nothing: one OperationOutcome naming every refused entry", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: { ...auth(h.tokens.clinician), "content-type": "application/fhir+json" },
      payload: JSON.stringify(SAMPLE_BUNDLE),
    });
    expect(res.statusCode).toBe(400);
    const oo = res.json() as { resourceType: string; issue: { code: string; expression: string[] }[] };
    expect(oo.resourceType).toBe("OperationOutcome");
    expect(oo.issue.map((i) => [i.code, i.expression[0]])).toEqual([
      ["required", "Bundle.entry[8].resource.Observation.subject"],
      ["not-supported", "Bundle.entry[9].resource.Encounter"],
    ]);
    const list = await h.app.inject({
      method: "GET",
      url: "/api/patients",
      headers: auth(h.tokens.clinician),
    });
    expect((list.json() as { total: number }).total).toBe(0);
  });

  it("a transaction whose write fails midway rolls back the entries before it", async () => {
    const bundle = {
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        SAMPLE_BUNDLE.entry?.[0],
        SAMPLE_BUNDLE.entry?.[1],
        { resource: { ...SAMPLE_BUNDLE.entry?.[2]?.resource, subject: { reference: "Patient/nobody" } } },
      ],
    };
    const res = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: auth(h.tokens.clinician),
      payload: bundle,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ code: "not-found", expression: ["Bundle.entry[2].resource.subject"] }],
    });
    const list = await h.app.inject({
      method: "GET",
      url: "/api/patients",
      headers: auth(h.tokens.clinician),
    });
    expect((list.json() as { total: number }).total).toBe(0);
  });

  it("imports a batch: valid resources kept, each invalid one with its OperationOutcome; a transaction answers transaction-response; export round-trips", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: { ...auth(h.tokens.clinician), "content-type": "application/fhir+json" },
      payload: JSON.stringify({ ...SAMPLE_BUNDLE, type: "batch" }),
    });
    expect(res.statusCode).toBe(200);
    const out = res.json() as {
      type: string;
      entry: { response: { status: string; location?: string; outcome?: { issue: { code: string }[] } } }[];
    };
    expect(out.type).toBe("batch-response");
    expect(out.entry.map((e) => e.response.status.slice(0, 3))).toEqual([
      "201",
      "201",
      "201",
      "201",
      "201",
      "201",
      "201",
      "201",
      "400",
      "400",
    ]);
    expect(out.entry[9]?.response.outcome?.issue[0]?.code).toBe("not-supported");
    const patientId = out.entry[0]?.response.location?.split("/")[1] ?? "";

    // Importing again (as a transaction of the valid entries) matches the patient instead of
    // duplicating them.
    const again = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: auth(h.tokens.clinician),
      payload: { ...SAMPLE_BUNDLE, entry: SAMPLE_BUNDLE.entry?.slice(0, 8) },
    });
    expect((again.json() as typeof out).type).toBe("transaction-response");
    expect((again.json() as typeof out).entry[0]?.response).toMatchObject({
      status: "200 OK",
      location: `Patient/${patientId}`,
    });
    // ... and its identical observations are matched, not duplicated.
    expect((again.json() as typeof out).entry.slice(1, 4).map((e) => e.response.status)).toEqual([
      "200 OK",
      "200 OK",
      "200 OK",
    ]);

    const exp = await h.app.inject({
      method: "GET",
      url: `/api/patients/${patientId}/fhir`,
      headers: auth(h.tokens.clinician),
    });
    expect(exp.statusCode).toBe(200);
    const bundle = exp.json() as { entry: { resource: { resourceType: string } }[] };
    const kinds = bundle.entry.map((e) => e.resource.resourceType);
    expect(kinds[0]).toBe("Patient");
    expect(kinds).toEqual(
      expect.arrayContaining([
        "Observation",
        "Condition",
        "BodyStructure",
        "Procedure",
        "MedicationAdministration",
      ]),
    );

    const researcher = await h.app.inject({
      method: "GET",
      url: `/api/patients/${pseudonymOf(await pseudonymKey(h.t.store.db), patientId)}/fhir`,
      headers: auth(h.tokens.researcher),
    });
    expect(researcher.statusCode).toBe(200);
    expect(researcher.body).toContain('"resourceType":"Patient"');
    expect(researcher.body).not.toMatch(/Tanaka|MRN-77|1950-02-03/);
    expect(researcher.body).not.toContain(patientId);
  });

  it("a Bundle that is not one is a 400 OperationOutcome; researchers cannot import", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: auth(h.tokens.clinician),
      payload: { resourceType: "Patient" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ resourceType: "OperationOutcome" });
    const r = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: auth(h.tokens.researcher),
      payload: SAMPLE_BUNDLE,
    });
    expect(r.statusCode).toBe(403);
  });

  it("bulk NDJSON: export a cohort and import it into another store", async () => {
    const exp = await h.app.inject({
      method: "GET",
      url: "/api/fhir/$export",
      headers: auth(h.tokens.clinician),
    });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers["content-type"]).toMatch(/application\/fhir\+ndjson/);
    const lines = exp.body.trim().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty("resourceType");

    const other = await openTestApp(dialect);
    try {
      const imp = await other.app.inject({
        method: "POST",
        url: "/api/fhir/$import",
        headers: { ...auth(other.tokens.clinician), "content-type": "application/fhir+ndjson" },
        payload: `${exp.body}not json\n`,
      });
      expect(imp.statusCode).toBe(200);
      const oo = imp.json() as { issue: { severity: string; diagnostics: string }[] };
      expect(oo.issue[0]?.severity).toBe("information");
      expect(oo.issue.some((i) => /not JSON/.test(i.diagnostics))).toBe(true);
      const list = await other.app.inject({
        method: "GET",
        url: "/api/patients",
        headers: auth(other.tokens.clinician),
      });
      expect((list.json() as { total: number }).total).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe("FHIR base: CapabilityStatement and OperationOutcome errors", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp("sqlite");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("GET /api/fhir/metadata (and /fhir/metadata) is a public R4 CapabilityStatement naming the mCODE profiles", async () => {
    for (const url of ["/api/fhir/metadata", "/fhir/metadata"]) {
      const res = await h.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/application\/fhir\+json/);
      const cs = res.json() as {
        resourceType: string;
        fhirVersion: string;
        rest: { resource: { type: string; supportedProfile?: string[] }[] }[];
      };
      expect(cs).toMatchObject({
        resourceType: "CapabilityStatement",
        fhirVersion: "4.0.1",
        kind: "instance",
      });
      expect(cs.rest[0]?.resource.find((r) => r.type === "Observation")?.supportedProfile).toContain(
        "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-stage",
      );
    }
  });

  it("Patient search pages with Bundle.link next instead of a silent cap", async () => {
    await writeCohort(h.t.store.db, generateCohort(3, 5));
    const first = await h.app.inject({
      method: "GET",
      url: "/api/fhir/Patient?_count=2",
      headers: auth(h.tokens.clinician),
    });
    expect(first.statusCode).toBe(200);
    const b1 = first.json() as {
      type: string;
      total: number;
      entry: unknown[];
      link: { relation: string; url: string }[];
    };
    expect(b1).toMatchObject({ type: "searchset", total: 3 });
    expect(b1.entry).toHaveLength(2);
    const next = b1.link.find((l) => l.relation === "next")?.url ?? "";
    expect(next).toBe("/api/fhir/Patient?_count=2&_offset=2");
    const b2 = (
      await h.app.inject({ method: "GET", url: next, headers: auth(h.tokens.clinician) })
    ).json() as typeof b1;
    expect(b2.entry).toHaveLength(1);
    expect(b2.link.map((l) => l.relation)).toEqual(["self", "previous"]);
    const tooMany = await h.app.inject({
      method: "GET",
      url: "/api/fhir/Patient?_count=5000",
      headers: auth(h.tokens.clinician),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ code: "invalid" }, { code: "invalid", expression: ["querystring._count"] }],
    });
  });

  it("404 is an OperationOutcome with code not-found (unknown path, unknown patient); 401 is code login", async () => {
    const unknown = await h.app.inject({
      method: "GET",
      url: "/api/fhir/Nothing/here",
      headers: auth(h.tokens.clinician),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ code: "not-found" }],
    });
    const patient = await h.app.inject({
      method: "GET",
      url: "/api/patients/00000000-0000-4000-8000-000000000000/fhir",
      headers: auth(h.tokens.clinician),
    });
    expect(patient.statusCode).toBe(404);
    expect(patient.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ severity: "error", code: "not-found" }],
    });
    expect(patient.body).not.toMatch(/internal/);
    const anonymous = await h.app.inject({ method: "GET", url: "/api/fhir/$export" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "login" }] });
  });
});
