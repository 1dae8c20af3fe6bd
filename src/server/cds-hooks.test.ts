/** CDS Hooks 2.0: discovery, 412 without prefetch, and a card from prefetched FHIR resources. */
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINDING_SYSTEM, LOINC } from "../fhir/codes.js";
import { PREFETCH, SERVICE_ID } from "./cds-hooks/plugin.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

const today = new Date().toISOString().slice(0, 10);

function obs(code: string, value: Record<string, unknown>, system = LOINC) {
  return {
    resource: {
      resourceType: "Observation",
      status: "final",
      code: { coding: [{ system, code }] },
      subject: { reference: "Patient/ehr-1" },
      effectiveDateTime: today,
      ...value,
    },
  };
}

const prefetch = {
  patient: {
    resourceType: "Patient",
    id: "ehr-1",
    gender: "male",
    birthDate: "1958-01-01",
    identifier: [{ type: { coding: [{ code: "MR" }] }, value: "EHR-MRN-1" }],
  },
  observations: {
    resourceType: "Bundle",
    type: "searchset",
    entry: [
      obs("1975-2", { valueQuantity: { value: 1.0, code: "mg/dL" } }),
      obs("1751-7", { valueQuantity: { value: 4.0, code: "g/dL" } }),
      obs("6301-6", { valueQuantity: { value: 1.1, code: "1" } }),
      obs("2160-0", { valueQuantity: { value: 0.9, code: "mg/dL" } }),
      obs("2951-2", { valueQuantity: { value: 139, code: "mmol/L" } }),
      obs("777-3", { valueQuantity: { value: 160, code: "10*9/L" } }),
      obs("89247-1", { valueInteger: 0 }),
      obs("ascites", { valueCodeableConcept: { coding: [{ code: "none" }] } }, FINDING_SYSTEM),
      obs("encephalopathy", { valueCodeableConcept: { coding: [{ code: "none" }] } }, FINDING_SYSTEM),
      obs("cirrhosis", { valueBoolean: true }, FINDING_SYSTEM),
      obs("macrovascular-invasion", { valueBoolean: false }, FINDING_SYSTEM),
      obs("extrahepatic-spread", { valueBoolean: false }, FINDING_SYSTEM),
      obs("21889-1", {
        focus: [{ display: "T1" }],
        component: [
          {
            code: { coding: [{ system: LOINC, code: "33728-7" }] },
            valueQuantity: { value: 35, code: "mm" },
          },
        ],
      }),
    ],
  },
};

describe("CDS Hooks", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp("sqlite");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("discovery lists the patient-view service with its prefetch templates", async () => {
    const res = await h.app.inject({ method: "GET", url: "/cds-services" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.json()).toMatchObject({
      services: [{ id: SERVICE_ID, hook: "patient-view", prefetch: PREFETCH }],
    });
  });

  it("412 when required prefetch is missing and no FHIR server is given; 401 without a token", async () => {
    const body = { hook: "patient-view", hookInstance: "h1", context: { patientId: "ehr-1" } };
    const noAuth = await h.app.inject({ method: "POST", url: `/cds-services/${SERVICE_ID}`, payload: body });
    expect(noAuth.statusCode).toBe(401);
    const res = await h.app.inject({
      method: "POST",
      url: `/cds-services/${SERVICE_ID}`,
      headers: auth(h.tokens.clinician),
      payload: body,
    });
    expect(res.statusCode).toBe(412);
  });

  it("answers with a card: stages, eligible options, source and a link", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: `/cds-services/${SERVICE_ID}`,
      headers: auth(h.tokens.clinician),
      payload: {
        hook: "patient-view",
        hookInstance: "h2",
        context: { patientId: "ehr-1", userId: "Practitioner/1" },
        prefetch,
      },
    });
    expect(res.statusCode).toBe(200);
    const { cards } = res.json() as { cards: Record<string, unknown>[] };
    expect(cards).toHaveLength(1);
    const card = cards[0] as {
      summary: string;
      indicator: string;
      detail: string;
      source: { label: string };
      links: { url: string }[];
    };
    expect(card.summary).toMatch(/^HCC: BCLC A, CNLC Ia/);
    expect(card.summary.length).toBeLessThanOrEqual(140);
    expect(card.indicator).toBe("info");
    expect(card.detail).toMatch(/Sources:/);
    expect(card.source.label).toMatch(/Hepatica/);
    expect(card.links[0]?.url).toMatch(/^http:\/\/localhost(:\d+)?\/app\/patients\//);
  });

  it("fetches missing prefetch from the request's fhirServer (a local fake EHR)", async () => {
    const ehr = Fastify();
    const seen: string[] = [];
    ehr.get("/fhir/Patient/:id", async (request) => {
      seen.push(`${request.url} ${request.headers.authorization ?? ""}`);
      return prefetch.patient;
    });
    ehr.get("/fhir/Observation", async (request) => {
      seen.push(`${request.url} ${request.headers.authorization ?? ""}`);
      return prefetch.observations;
    });
    const base = await ehr.listen({ port: 0, host: "127.0.0.1" });
    try {
      const res = await h.app.inject({
        method: "POST",
        url: `/cds-services/${SERVICE_ID}`,
        headers: auth(h.tokens.clinician),
        payload: {
          hook: "patient-view",
          hookInstance: "h3",
          fhirServer: `${base}/fhir`,
          fhirAuthorization: { access_token: "ehr-token", token_type: "Bearer" },
          context: { patientId: "ehr-1" },
        },
      });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { cards: { summary: string }[] }).cards[0]?.summary).toMatch(/BCLC A/);
      expect(seen).toHaveLength(2);
      expect(seen[0]).toMatch(/^\/fhir\/Patient\/ehr-1 Bearer ehr-token$/);
      expect(seen[1]).toMatch(/^\/fhir\/Observation\?patient=ehr-1&code=/);
    } finally {
      await ehr.close();
    }
  });
});
