/**
 * The attacker of issue 14 (High 2): every name on `Object.prototype` posted as a code, a label,
 * a unit, a free-text value and a body key, through REST and FHIR import, then every view read
 * by every role. Before the fix one observation coded `constructor` answered 500 on the patient
 * list, the assessment, both cohort analyses and both FHIR exports, for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINDING_SYSTEM, LOINC } from "../fhir/codes.js";
import { pseudonymKey, pseudonymOf } from "../store/deidentify.js";
import { ENTITIES } from "../store/entities.js";
import { dialectsUnderTest } from "../store/testing.js";
import { validateEntity } from "../store/validate.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

/** Every own property of Object.prototype, `__proto__` included. */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);

const VIEWS = (patientId: string): string[] => [
  "/api/patients",
  `/api/patients/${patientId}`,
  `/api/patients/${patientId}/assessment?asOf=2024-06-30&windowDays=3650`,
  `/api/patients/${patientId}/assessment`,
  `/api/patients/${patientId}/observations`,
  `/api/patients/${patientId}/tumours`,
  `/api/patients/${patientId}/imaging`,
  `/api/patients/${patientId}/procedures`,
  `/api/patients/${patientId}/systemic-therapies`,
  `/api/patients/${patientId}/outcomes`,
  `/api/patients/${patientId}/fhir`,
  "/api/cohorts/survival",
  "/api/cohorts/survival?groupBy=modality&covariates=age,sex",
  "/api/cohorts/survival?groupBy=bclcStage",
  "/api/cohorts/survival.csv?endpoint=pfs",
  "/api/fhir/$export",
];

describe.each(dialectsUnderTest())("prototype names as user data on %s", (dialect) => {
  let h: TestApp;
  let patientId = "";
  const statuses: string[] = [];

  const post = async (url: string, payload: unknown, contentType = "application/json") => {
    const res = await h.app.inject({
      method: "POST",
      url,
      headers: { ...auth(h.tokens.clinician), "content-type": contentType },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    statuses.push(`${res.statusCode} POST ${url}`);
    return res;
  };

  beforeAll(async () => {
    h = await openTestApp(dialect);
    const p = await post("/api/patients", {
      mrn: "PROTO-1",
      familyName: "Proto",
      givenName: "Type",
      birthDate: "1950-03-04",
      sex: "male",
    });
    patientId = (p.json() as { id: string }).id;
    const base = `/api/patients/${patientId}`;
    await post(`${base}/procedures`, { modality: "ctace", performedOn: "2024-01-10" });
    await post(`${base}/outcomes`, { kind: "death", occurredOn: "2024-09-01" });
    for (const [i, name] of PROTO_NAMES.entries()) {
      const day = `2024-02-${String(i + 1).padStart(2, "0")}`;
      // Hepatica's finding system: the code and the value are user data.
      await post(`${base}/observations`, {
        system: FINDING_SYSTEM,
        code: name,
        valueCode: name,
        effectiveAt: day,
      });
      await post(`${base}/observations`, {
        system: FINDING_SYSTEM,
        code: "etiology",
        valueCode: name,
        effectiveAt: day,
      });
      await post(`${base}/observations`, {
        system: FINDING_SYSTEM,
        code: "ascites",
        valueCode: name,
        effectiveAt: day,
      });
      // LOINC: an unknown code, and a known analyte with the name as its unit.
      await post(`${base}/observations`, { system: LOINC, code: name, value: 1, effectiveAt: day });
      await post(`${base}/observations`, {
        system: LOINC,
        code: "1975-2",
        value: 1,
        unit: name,
        effectiveAt: day,
      });
      await post(`${base}/observations`, { system: name, code: name, value: 1, effectiveAt: day });
      const t = await post(`${base}/tumours`, { label: name, segment: name, histology: name, icd10: name });
      const tumourId = (t.json() as { id?: string }).id ?? null;
      await post(`${base}/imaging`, {
        studyDate: `2024-03-${String(i + 1).padStart(2, "0")}`,
        modality: "CT",
        phase: i === 0 ? "baseline" : "follow-up",
        measurements: [
          { tumourId, lesionLabel: name, role: "target", organ: "liver", longestDiameterMm: 30 + i },
          { lesionLabel: name, role: "non-target", organ: name, longestDiameterMm: 10 },
        ],
      });
      await post(`${base}/procedures`, {
        modality: "debtace",
        performedOn: day,
        operator: name,
        guidanceImaging: name,
        embolicAgent: name,
        drugs: [{ drug: name, dose: 1, unit: name }],
        complications: [{ description: name, cirseGrade: 1 }],
      });
      await post(`${base}/systemic-therapies`, {
        agent: name,
        startedOn: day,
        stoppedOn: "2024-05-01",
        stopReason: name,
      });
      // The same names through FHIR import (batch and bulk NDJSON).
      const subject = { reference: `Patient/${patientId}` };
      const observations = [
        { code: { coding: [{ system: FINDING_SYSTEM, code: name }] }, valueString: name },
        { code: { coding: [{ system: LOINC, code: name }] }, valueQuantity: { value: 1, code: name } },
        {
          code: { coding: [{ system: LOINC, code: "1975-2" }] },
          valueQuantity: { value: 1, code: name },
        },
        {
          code: { coding: [{ system: LOINC, code: "21889-1" }] },
          focus: [{ display: name }],
          valueQuantity: { value: 25, code: "mm" },
        },
      ].map((o) => ({ resourceType: "Observation", status: "final", subject, effectiveDateTime: day, ...o }));
      const resources = [
        ...observations,
        {
          resourceType: "Condition",
          subject,
          code: { coding: [{ system: "http://hl7.org/fhir/sid/icd-10", code: "C22.0" }], text: name },
        },
        { resourceType: "BodyStructure", patient: subject, identifier: [{ value: name }] },
        {
          resourceType: "Procedure",
          status: "completed",
          subject,
          performedDateTime: day,
          code: { coding: [{ system: "https://hepatica.dev/fhir/CodeSystem/procedure", code: name }] },
        },
        {
          resourceType: "MedicationAdministration",
          status: "completed",
          subject,
          medicationCodeableConcept: { text: name },
          effectivePeriod: { start: day },
        },
      ];
      await post(
        "/api/fhir",
        { resourceType: "Bundle", type: "batch", entry: resources.map((resource) => ({ resource })) },
        "application/fhir+json",
      );
      await post(
        "/api/fhir/$import",
        resources.map((r) => JSON.stringify(r)).join("\n"),
        "application/fhir+ndjson",
      );
    }
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it("every write carrying a prototype name as a code, label, unit or text answers 2xx/4xx", () => {
    expect(statuses.filter((s) => s.startsWith("5"))).toEqual([]);
    // The writes that must succeed did: the patient exists and its data were stored.
    expect(patientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("the store's validator (every writer: REST, FHIR import, demo) names a prototype key as unknown", () => {
    for (const name of PROTO_NAMES.filter((n) => n !== "__proto__")) {
      expect(validateEntity(ENTITIES.patient, { [name]: 1 })).toEqual([
        { path: name, code: "unknown-field", message: `${name} is not a field of this record` },
      ]);
    }
  });

  it("the poisoned records were stored (the views below really hold them)", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: `/api/patients/${patientId}/observations?limit=1000`,
      headers: auth(h.tokens.clinician),
    });
    const codes = new Set((res.json() as { items: { code: string }[] }).items.map((o) => o.code));
    for (const name of PROTO_NAMES) expect(codes.has(name), name).toBe(true);
  });

  it("a prototype name as a body key is refused with 400 naming the field, on every writer", async () => {
    for (const name of PROTO_NAMES) {
      const raw = `{"mrn":"K-${name}","${name}":{"polluted":true}}`;
      const res = await post("/api/patients", raw);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      const obs = await post(
        `/api/patients/${patientId}/observations`,
        `{"code":"1975-2","effectiveAt":"2024-01-01","${name}":1}`,
      );
      expect(obs.statusCode, `${name}: ${obs.body}`).toBe(400);
      const img = await post(
        `/api/patients/${patientId}/imaging`,
        `{"studyDate":"2024-01-01","modality":"CT","measurements":[{"lesionLabel":"a","role":"target","${name}":1}]}`,
      );
      expect(img.statusCode, `${name}: ${img.body}`).toBe(400);
    }
    // Nothing was polluted: a fresh object has no such property.
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("every view answers 200 for every role, with the poisoned patient in it", async () => {
    const rid = pseudonymOf(await pseudonymKey(h.t.store.db), patientId);
    for (const role of ["clinician", "researcher", "admin"] as const) {
      // Researchers name the patient by its pseudonym.
      for (const url of VIEWS(role === "researcher" ? rid : patientId)) {
        const res = await h.app.inject({ method: "GET", url, headers: auth(h.tokens[role]) });
        expect(res.statusCode, `${role} GET ${url}: ${res.body.slice(0, 300)}`).toBe(200);
      }
      const list = await h.app.inject({ method: "GET", url: "/api/patients", headers: auth(h.tokens[role]) });
      expect((list.json() as { total: number }).total).toBe(1);
      const cohort = await h.app.inject({
        method: "GET",
        url: "/api/cohorts/survival",
        headers: auth(h.tokens[role]),
      });
      expect((cohort.json() as { n: number; events: number }).n).toBe(1);
      expect((cohort.json() as { events: number }).events).toBe(1);
    }
  });

  it("the assessment reads the findings it knows and ignores the prototype-named codes", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: `/api/patients/${patientId}/assessment?asOf=2024-02-28&windowDays=60`,
      headers: auth(h.tokens.clinician),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { case: Record<string, unknown>; observationsUsed: { code: string }[] };
    const used = new Set(body.observationsUsed.map((o) => o.code));
    for (const name of PROTO_NAMES) expect(used.has(name), name).toBe(false);
    // The etiology list holds the names as plain values, the last ascites value is kept as written.
    expect(body.case.etiology).toEqual(expect.arrayContaining(PROTO_NAMES));
    expect(Object.getPrototypeOf(body.case)).toBe(Object.prototype);
  });

  it("prototype names as query values and route parameters answer 4xx, never 500", async () => {
    for (const name of PROTO_NAMES) {
      const enc = encodeURIComponent(name);
      for (const url of [
        `/api/patients/${enc}`,
        `/api/patients/${enc}/observations`,
        `/api/patients/${enc}/assessment`,
        `/api/patients/${enc}/fhir`,
        `/api/cohorts/survival?groupBy=${enc}`,
        `/api/cohorts/survival?bclcStage=${enc}&modality=${enc}&covariates=${enc}`,
        `/api/fhir/$export?_type=${enc}`,
      ]) {
        const res = await h.app.inject({ method: "GET", url, headers: auth(h.tokens.clinician) });
        expect(res.statusCode, `GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
      const patch = await h.app.inject({
        method: "PATCH",
        url: `/api/users/${enc}`,
        headers: auth(h.tokens.admin),
        payload: { disabled: true },
      });
      expect(patch.statusCode).toBe(404);
    }
  });
});
