/**
 * The issue's "done when" on the demo cohort `hepatica serve --demo` writes: the default
 * assessment (GET /api/patients/{id}/assessment, no parameters) stages ≥ 95 % of patients under
 * BCLC and CNLC, equals the list's stages, and is carried by the FHIR export's CancerStage — all
 * from the clinical state at the newest data (src/registry), with lost-to-follow-up patients'
 * findings reported as stale rather than used.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COHORT_SIZE } from "../cli/serve.js";
import { BCLC_SYSTEM, CNLC_SYSTEM } from "../fhir/codes.js";
import { generateCohort, writeCohort } from "../store/demo-cohort.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

interface Row {
  id: string;
  bclcStage: string | null;
  cnlcStage: string | null;
  stageAsOf: string | null;
}
interface Assessed {
  asOf: string;
  stage: { asOf: string; bclc: { stage: string | null }; cnlc: { stage: string | null } };
  stale: { path: string; date: string; ageDays: number; validityDays: number }[];
  assessment: { bclc: { status: string; stage?: string }; cnlc: { status: string; stage?: string } };
}

describe("demo cohort: one stage everywhere, from the state engine", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp("sqlite");
    await writeCohort(h.t.store.db, generateCohort(DEMO_COHORT_SIZE));
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("≥ 95 % staged by the default assessment, = list, = FHIR CancerStage; the rest named stale", async () => {
    const headers = auth(h.tokens.clinician);
    const list = (await h.app.inject({ method: "GET", url: "/api/patients?limit=1000", headers })).json() as {
      items: Row[];
    };
    expect(list.items).toHaveLength(DEMO_COHORT_SIZE);
    let staged = 0;
    let withStale = 0;
    for (const row of list.items) {
      const a = (
        await h.app.inject({ method: "GET", url: `/api/patients/${row.id}/assessment`, headers })
      ).json() as Assessed;
      const bclc = a.assessment.bclc.status === "ok" ? (a.assessment.bclc.stage ?? null) : null;
      const cnlc = a.assessment.cnlc.status === "ok" ? (a.assessment.cnlc.stage ?? null) : null;
      // The list shows the same stages at the same date.
      expect([row.bclcStage, row.cnlcStage, row.stageAsOf]).toEqual([bclc, cnlc, a.asOf]);
      expect([a.stage.bclc.stage, a.stage.cnlc.stage, a.stage.asOf]).toEqual([bclc, cnlc, a.asOf]);
      if (bclc !== null && cnlc !== null) staged++;
      else {
        // Not staged: a stale input says why, never a silent guess.
        expect(a.stale.length).toBeGreaterThan(0);
        for (const s of a.stale) expect(s.ageDays).toBeGreaterThan(s.validityDays);
      }
      if (a.stale.length > 0) withStale++;
      const bundle = (
        await h.app.inject({ method: "GET", url: `/api/patients/${row.id}/fhir`, headers })
      ).json() as { entry: { resource: Record<string, unknown> }[] };
      const stageOf = (system: string) =>
        bundle.entry
          .map(
            (e) =>
              e.resource as {
                valueCodeableConcept?: { coding?: { system: string; code: string }[] };
                effectiveDateTime?: string;
              },
          )
          .flatMap((r) =>
            (r.valueCodeableConcept?.coding ?? [])
              .filter((c) => c.system === system)
              .map((c) => [c.code, r.effectiveDateTime]),
          );
      expect(stageOf(BCLC_SYSTEM)).toEqual(bclc === null ? [] : [[bclc, a.asOf]]);
      expect(stageOf(CNLC_SYSTEM)).toEqual(cnlc === null ? [] : [[cnlc, a.asOf]]);
    }
    expect(staged / DEMO_COHORT_SIZE).toBeGreaterThanOrEqual(0.95);
    // Lost-to-follow-up patients exist and show stale findings (the demo is not made to fit).
    expect(withStale).toBeGreaterThan(0);
    console.log(`demo staging: ${staged}/${DEMO_COHORT_SIZE} staged, ${withStale} with stale inputs`);
  }, 300_000);
});
