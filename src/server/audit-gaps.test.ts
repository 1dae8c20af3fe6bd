/**
 * Issue 14, finding 7: audit without gaps. Refused requests (401, 403, 404) write a row; a bulk
 * export, a patient list and a cohort name every patient they touched, one row each in
 * `audit_patients` (they were one row naming no patient, or a detail cut at 20 000 characters:
 * 541 of 643 ids); the patient's trail (`/api/audit?patientId=`) finds them all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../store/audit.js";
import { generateCohort, writeCohort } from "../store/demo-cohort.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

describe.each(dialectsUnderTest())("audit without gaps on %s", (dialect) => {
  let h: TestApp;
  let ids: string[] = [];
  beforeAll(async () => {
    h = await openTestApp(dialect);
    await writeCohort(h.t.store.db, generateCohort(40, 3));
    ids = (await h.t.store.db.selectFrom("patients").select("id").execute()).map((r) => r.id);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it("401, 403 and 404 are audited with who, what and from where", async () => {
    const anonymous = await h.app.inject({ method: "GET", url: "/api/patients", remoteAddress: "192.0.2.1" });
    expect(anonymous.statusCode).toBe(401);
    const forbidden = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: auth(h.tokens.researcher),
      payload: { mrn: "X" },
    });
    expect(forbidden.statusCode).toBe(403);
    const missing = await h.app.inject({
      method: "GET",
      url: "/api/patients/no-such-patient",
      headers: auth(h.tokens.clinician),
    });
    expect(missing.statusCode).toBe(404);
    const denied = (await listAudit(h.t.store.db)).filter((a) => a.action === "denied");
    expect(denied.map((a) => [a.username, a.entity, a.outcome, a.detail])).toEqual([
      [null, "/api/patients", "failure", "GET /api/patients → 401"],
      ["researcher", "/api/patients", "failure", "POST /api/patients → 403"],
      ["clinician", "/api/patients/:id", "failure", "GET /api/patients/no-such-patient → 404"],
    ]);
    expect(denied[0]?.sourceIp).toBe("192.0.2.1");
    expect(denied[2]?.patientId).toBe("no-such-patient");
  });

  it("a bulk export, a list and both cohort analyses name every patient, each in the patient's trail", async () => {
    for (const url of [
      "/api/fhir/$export",
      "/api/patients?limit=1000",
      "/api/cohorts/survival",
      "/api/cohorts/survival.csv",
    ]) {
      const res = await h.app.inject({ method: "GET", url, headers: auth(h.tokens.researcher) });
      expect(res.statusCode, url).toBe(200);
    }
    const exportRow = (await listAudit(h.t.store.db)).find(
      (a) => a.action === "export" && a.entity === "cohort",
    );
    const named = await h.t.store.db
      .selectFrom("audit_patients")
      .select("patient_id")
      .where("seq", "=", exportRow?.seq ?? -1)
      .execute();
    expect(named.map((n) => n.patient_id).sort()).toEqual([...ids].sort());
    const cohortRows = (await listAudit(h.t.store.db)).filter((a) => a.entity === "cohort");
    expect(cohortRows.map((a) => a.action)).toEqual(["export", "search", "export"]);
    for (const id of ids) {
      const trail = await listAudit(h.t.store.db, { patientId: id });
      const entities = trail.map((a) => `${a.action} ${a.entity}`);
      expect(entities).toContain("export cohort");
      expect(entities).toContain("search patient");
    }
    // The cohort's rows name exactly the patients analysed (those with a treatment).
    const analysed = (
      (
        await h.app.inject({ method: "GET", url: "/api/cohorts/survival", headers: auth(h.tokens.clinician) })
      ).json() as {
        n: number;
      }
    ).n;
    const last = (await listAudit(h.t.store.db)).filter((a) => a.entity === "cohort").at(-1);
    const cohortNamed = await h.t.store.db
      .selectFrom("audit_patients")
      .select("patient_id")
      .where("seq", "=", last?.seq ?? -1)
      .execute();
    expect(cohortNamed).toHaveLength(analysed);
    expect(last?.detail).toContain(`${analysed} patients`);
  });
});
