/** Corrections over HTTP on SQLite and PostgreSQL: amend / void with history, idempotent creation, refusals that write nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOINC } from "../fhir/codes.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

describe.each(dialectsUnderTest())("corrections on %s", (dialect) => {
  let h: TestApp;
  const headers = () => auth(h.tokens.clinician);
  beforeAll(async () => {
    h = await openTestApp(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });
  const req = (method: "GET" | "POST", url: string, payload?: unknown, extra: Record<string, string> = {}) =>
    h.app.inject({ method, url, headers: { ...headers(), ...extra }, ...(payload ? { payload } : {}) });

  it("a double click makes one procedure; the key replays the first", async () => {
    const p = (await req("POST", "/api/patients", { mrn: "C-1", familyName: "Wang" })).json() as { id: string };
    const body = { modality: "ctace", performedOn: "2025-02-01" };
    const a = await req("POST", `/api/patients/${p.id}/procedures`, body, { "idempotency-key": "click-1" });
    const b = await req("POST", `/api/patients/${p.id}/procedures`, body, { "idempotency-key": "click-1" });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect((b.json() as { id: string }).id).toBe((a.json() as { id: string }).id);
    const list = (await req("GET", `/api/patients/${p.id}/procedures`)).json() as { total: number };
    expect(list.total).toBe(1);
  });

  it("amend and void leave a history; the voided value leaves the assessment", async () => {
    const p = (await req("POST", "/api/patients", { mrn: "C-2", familyName: "Chen" })).json() as { id: string };
    const ecog = { system: LOINC, code: "89247-1", value: 3, effectiveAt: "2025-03-01" };
    const o = (await req("POST", `/api/patients/${p.id}/observations`, ecog)).json() as { id: string };
    const amended = await req(
      "POST",
      `/api/observations/${o.id}/amend`,
      { reason: "ECOG 1 in the clinic note, 3 was a typo", record: { ...ecog, value: 1 } },
      { "if-match": '"1"' },
    );
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({ value: 1, version: 2 });
    const before = (await req("GET", `/api/patients/${p.id}/assessment`)).json() as { case: { ecog?: number } };
    expect(before.case.ecog).toBe(1);
    const voided = await req("POST", `/api/observations/${o.id}/void`, { reason: "wrong patient" }, { "if-match": '"2"' });
    expect(voided.statusCode).toBe(200);
    const history = (await req("GET", `/api/observations/${o.id}/history`)).json() as {
      history: { action: string; reason: string; before: { value: number } }[];
    };
    expect(history.history.map((e) => [e.action, e.reason, e.before.value])).toEqual([
      ["amend", "ECOG 1 in the clinic note, 3 was a typo", 3],
      ["void", "wrong patient", 1],
    ]);
    const after = (await req("GET", `/api/patients/${p.id}/assessment`)).json() as { case: { ecog?: number } };
    expect(after.case.ecog).toBeUndefined();
    const again = await req("POST", `/api/observations/${o.id}/void`, { reason: "again" }, { "if-match": '"3"' });
    expect(again.statusCode).toBe(409);
    const noReason = await req("POST", `/api/observations/${o.id}/amend`, { record: ecog }, { "if-match": '"3"' });
    expect(noReason.statusCode).toBe(400);
  });

  it("an empty patient and a future date are refused naming the field; nothing is written", async () => {
    const count = async () => ((await req("GET", "/api/patients?limit=1000")).json() as { total: number }).total;
    const n = await count();
    const empty = await req("POST", "/api/patients", {});
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('"path":"mrn"');
    const future = await req("POST", "/api/patients", { mrn: "C-3", birthDate: "2999-01-01" });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ error: { errors: [{ path: "birthDate", code: "in-the-future" }] } });
    expect(await count()).toBe(n);
  });
});
