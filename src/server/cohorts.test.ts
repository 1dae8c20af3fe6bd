/**
 * Registry cohorts over HTTP on both dialects: a hand-built cohort whose Kaplan–Meier, log-rank
 * and TTP/PFS are computed by hand below; filters; the CSV; the researchers' de-identified view;
 * the audit; and the patient-list summaries (stage, last modality, last response) on the demo
 * cohort.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../store/audit.js";
import { pseudonymKey, pseudonymOf } from "../store/deidentify.js";
import { generateCohort, writeCohort } from "../store/demo-cohort.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

interface Km {
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  surv: number[];
  stdErr: number[];
  lower: number[];
  upper: number[];
}
interface CohortBody {
  selected: number;
  excluded: Record<string, number>;
  n: number;
  events: number;
  overall: { km: Km; median: { median: number | null } };
  groups: { level: string; n: number; events: number; km: Km; median: { median: number | null } }[];
  logrank: { chisq: number; df: number; p: number; observed: number[]; expected: number[] } | null;
  cox: {
    formula: string;
    fit: { status: string; terms: string[]; coef: number[]; hr: number[]; scoreTest: { chisq: number } };
  } | null;
  atRisk: { times: number[]; byGroup: Record<string, number[]> };
}

const Z = 1.959963984540054;

/**
 * Five treated patients and one untreated:
 *   P1 cTACE 2024-01-01, dies 2024-01-11 (10 d);
 *   P2 cTACE 2024-01-01, mRECIST PD on 2024-01-15 (14 d; RECIST 1.1 SD), last seen 2024-01-21 (20 d);
 *   P3 cTACE 2024-01-01, dies 2024-01-31 (30 d);
 *   P4 TARE 2024-02-01, dies 2024-02-16 (15 d);
 *   P5 TARE 2024-02-01, last seen 2024-03-02 (30 d, 2024 is a leap year);
 *   P6 never treated.
 */
const PATIENTS = [
  { name: "P1", modality: "ctace", on: "2024-01-01", death: "2024-01-11" },
  { name: "P2", modality: "ctace", on: "2024-01-01", lastSeen: "2024-01-21", pd: true },
  { name: "P3", modality: "ctace", on: "2024-01-01", death: "2024-01-31" },
  { name: "P4", modality: "tare-resin", on: "2024-02-01", death: "2024-02-16" },
  { name: "P5", modality: "tare-resin", on: "2024-02-01", lastSeen: "2024-03-02" },
  { name: "P6" },
] as const;

describe.each(dialectsUnderTest())("registry cohorts on %s", (dialect) => {
  let h: TestApp;
  const ids: Record<string, string> = {};
  const clinician = () => auth(h.tokens.clinician);
  const researcher = () => auth(h.tokens.researcher);

  async function post(url: string, payload: Record<string, unknown>): Promise<{ id: string }> {
    const res = await h.app.inject({ method: "POST", url, headers: clinician(), payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }

  async function survival(query: string, headers = clinician()): Promise<CohortBody> {
    const res = await h.app.inject({ method: "GET", url: `/api/cohorts/survival?${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CohortBody;
  }

  beforeAll(async () => {
    h = await openTestApp(dialect);
    for (const p of PATIENTS) {
      const { id } = await post("/api/patients", { familyName: "Cohort", givenName: p.name, sex: "male" });
      ids[p.name] = id;
      if (!("modality" in p)) continue;
      await post(`/api/patients/${id}/procedures`, { modality: p.modality, performedOn: p.on });
      if ("death" in p) await post(`/api/patients/${id}/outcomes`, { kind: "death", occurredOn: p.death });
      if ("lastSeen" in p) {
        await post(`/api/patients/${id}/observations`, {
          system: "http://loinc.org",
          code: "1975-2",
          value: 15,
          unit: "umol/L",
          effectiveAt: p.lastSeen,
        });
      }
      if ("pd" in p) {
        const scan = (studyDate: string, longest: number, viable: number) =>
          post(`/api/patients/${id}/imaging`, {
            studyDate,
            modality: "CT",
            measurements: [
              {
                lesionLabel: "T1",
                role: "target",
                organ: "liver",
                longestDiameterMm: longest,
                viableDiameterMm: viable,
              },
            ],
          });
        await scan("2023-12-28", 50, 30);
        // Viable +33 % (mRECIST PD); longest +4 % (RECIST 1.1 SD).
        await scan("2024-01-15", 52, 40);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("OS by modality: Kaplan–Meier, medians and number at risk as computed by hand", async () => {
    const r = await survival("endpoint=os&groupBy=modality&unit=days");
    expect(r.selected).toBe(6);
    expect(r.excluded).toEqual({ "no-treatment": 1 });
    expect([r.n, r.events]).toEqual([5, 3]);
    // Overall: 10 (death), 15 (death), 20 (censored), 30 (death, censored).
    const all = r.overall.km;
    expect(all.time).toEqual([10, 15, 20, 30]);
    expect(all.nRisk).toEqual([5, 4, 3, 2]);
    expect(all.nEvent).toEqual([1, 1, 0, 1]);
    expect(all.nCensor).toEqual([0, 0, 1, 1]);
    const s = [4 / 5, (4 / 5) * (3 / 4), 0.6, 0.3];
    all.surv.forEach((v, i) => {
      expect(v).toBeCloseTo(s[i] as number, 12);
    });
    // Greenwood: se(−log S) = √Σ d/(n(n−d)); log band S·exp(∓z·se).
    const se1 = Math.sqrt(1 / (5 * 4));
    expect(all.stdErr[0]).toBeCloseTo(se1, 12);
    expect(all.lower[0]).toBeCloseTo(0.8 * Math.exp(-Z * se1), 9);
    expect(all.upper[0]).toBeCloseTo(Math.min(1, 0.8 * Math.exp(Z * se1)), 9);
    expect(r.overall.median.median).toBe(30);

    expect(r.groups.map((g) => [g.level, g.n, g.events])).toEqual([
      ["ctace", 3, 2],
      ["tare-resin", 2, 1],
    ]);
    const [ctace, tare] = r.groups;
    expect(ctace?.km.time).toEqual([10, 20, 30]);
    expect(ctace?.km.surv[0]).toBeCloseTo(2 / 3, 12);
    expect(ctace?.km.surv[2]).toBe(0);
    expect(ctace?.median.median).toBe(30);
    expect(tare?.km.surv).toEqual([0.5, 0.5]);
    expect(tare?.median.median).toBe(15);

    // At-risk table at the pretty times 0, 5, …, 30.
    expect(r.atRisk.times).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(r.atRisk.byGroup.ctace).toEqual([3, 3, 3, 2, 2, 1, 1]);
    expect(r.atRisk.byGroup["tare-resin"]).toEqual([2, 2, 2, 2, 1, 1, 1]);
  });

  it("log-rank and Cox by hand: O − E = 0.4, V = 0.74; the Cox score test equals the log-rank", async () => {
    const r = await survival("endpoint=os&groupBy=modality&unit=days");
    // Deaths at 10 (n 5: 3 cTACE), 15 (n 4: 2 cTACE), 30 (n 2: 1 cTACE).
    // E(cTACE) = 3/5 + 2/4 + 1/2 = 1.6; V = .24 + .25 + .25 = .74.
    expect(r.logrank?.observed).toEqual([2, 1]);
    expect(r.logrank?.expected[0]).toBeCloseTo(1.6, 12);
    expect(r.logrank?.chisq).toBeCloseTo(0.16 / 0.74, 12);
    expect(r.logrank?.df).toBe(1);
    expect(r.cox?.formula).toBe("Surv(time, status) ~ modality");
    expect(r.cox?.fit.status).toBe("ok");
    expect(r.cox?.fit.terms).toEqual(["modalitytare-resin"]);
    // No tied deaths: Efron = Breslow, and the score test at β = 0 is the log-rank statistic.
    expect(r.cox?.fit.scoreTest.chisq).toBeCloseTo(0.16 / 0.74, 9);
    expect(r.cox?.fit.hr[0]).toBeCloseTo(Math.exp(r.cox?.fit.coef[0] as number), 12);
  });

  it("TTP and PFS use the chosen criterion's first progression; TTP censors death", async () => {
    const ttp = await survival("endpoint=ttp&criterion=mrecist&unit=days");
    // P2 progresses at day 14; everyone else censored (P1 and P3 at their deaths).
    expect(ttp.overall.km.time).toEqual([10, 14, 15, 30]);
    expect(ttp.overall.km.nEvent).toEqual([0, 1, 0, 0]);
    expect(ttp.overall.km.surv[1]).toBeCloseTo(3 / 4, 12);
    const recist = await survival("endpoint=ttp&criterion=recist11&unit=days");
    expect(recist.events).toBe(0);
    const pfs = await survival("endpoint=pfs&criterion=mrecist&unit=days");
    expect(pfs.overall.km.time).toEqual([10, 14, 15, 30]);
    expect(pfs.overall.km.nEvent).toEqual([1, 1, 1, 1]);
    expect(pfs.overall.km.surv[3]).toBeCloseTo((4 / 5) * (3 / 4) * (2 / 3) * (1 / 2), 12);
    // Months: days / (365.25 / 12).
    const months = await survival("endpoint=os");
    expect(months.overall.km.time[0]).toBeCloseTo(10 / (365.25 / 12), 12);
  });

  it("selects by modality, period, last response and (unknown) stage", async () => {
    expect((await survival("modality=ctace")).n).toBe(3);
    expect((await survival("modality=ctace,tare-resin&from=2024-01-15")).n).toBe(2);
    expect((await survival("to=2024-01-01")).n).toBe(3);
    const pd = await survival("lastResponse=PD&criterion=mrecist");
    expect(pd.n).toBe(1);
    expect((await survival("lastResponse=SD&criterion=recist11")).n).toBe(1);
    expect((await survival("bclcStage=none")).n).toBe(5);
    expect((await survival("bclcStage=A")).n).toBe(0);
    const bad = await h.app.inject({
      method: "GET",
      url: "/api/cohorts/survival?endpoint=dfs",
      headers: clinician(),
    });
    expect(bad.statusCode).toBe(400);
    const anon = await h.app.inject({ method: "GET", url: "/api/cohorts/survival" });
    expect(anon.statusCode).toBe(401);
  });

  it("exports the per-patient times as CSV, audited", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: "/api/cohorts/survival.csv?endpoint=os&groupBy=modality&unit=days",
      headers: clinician(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const [header, ...lines] = res.body.trim().split("\n");
    expect(header).toBe(
      "patientId,firstTreatment,modality,bclcStage,cnlcStage,lastResponse,sex,ageAtStart,group,origin,end,days,time,event,endReason,firstLine",
    );
    expect(lines).toHaveLength(5);
    const p2 = lines.find((l) => l.startsWith(ids.P2 as string))?.split(",");
    expect(p2).toEqual([
      ids.P2,
      "2024-01-01",
      "ctace",
      "NA",
      "NA",
      "PD",
      "male",
      "NA",
      "ctace",
      "2024-01-01",
      "2024-01-21",
      "20",
      "20",
      "0",
      "last-follow-up",
      "TACE",
    ]);
    const audit = await h.t.store.db
      .selectFrom("audit_log")
      .select(["action", "entity", "detail"])
      .where("entity", "=", "cohort")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["search", "export"]));
    // The patients are named one per row in audit_patients (never a truncated list in the detail).
    const trail = await listAudit(h.t.store.db, { patientId: ids.P2 as string });
    expect(trail.some((a) => a.action === "export" && a.entity === "cohort")).toBe(true);
  });

  it("researchers get shifted dates and the same times", async () => {
    const shifts = new Map(
      (await h.t.store.db.selectFrom("patients").select(["id", "date_shift_days"]).execute()).map((p) => [
        p.id,
        Number(p.date_shift_days),
      ]),
    );
    const res = await h.app.inject({
      method: "GET",
      url: "/api/cohorts/survival.csv?unit=days",
      headers: researcher(),
    });
    expect(res.statusCode).toBe(200);
    const p2Pseudonym = pseudonymOf(await pseudonymKey(h.t.store.db), ids.P2 as string);
    const p2 =
      res.body
        .split("\n")
        .find((l) => l.startsWith(p2Pseudonym))
        ?.split(",") ?? [];
    expect(res.body).not.toContain(ids.P2 as string);
    const shifted = new Date(Date.UTC(2024, 0, 1) + (shifts.get(ids.P2 as string) ?? 0) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(shifts.get(ids.P2 as string)).not.toBe(0);
    expect(p2[1]).toBe(shifted);
    expect(p2[11]).toBe("20");
    expect(res.body).not.toContain("Cohort");
    const km = await survival("endpoint=os&unit=days", researcher());
    expect(km.overall.km.time).toEqual([10, 15, 20, 30]);
  });

  it("patient list rows carry stage, last modality and last response; GET / goes to the app", async () => {
    const list = await h.app.inject({ method: "GET", url: "/api/patients?limit=100", headers: clinician() });
    const rows = (list.json() as { items: Record<string, unknown>[] }).items;
    const p2 = rows.find((r) => r.id === ids.P2);
    expect(p2).toMatchObject({ bclcStage: null, cnlcStage: null, lastModality: "ctace", lastResponse: "PD" });
    expect(rows.find((r) => r.id === ids.P4)).toMatchObject({
      lastModality: "tare-resin",
      lastResponse: null,
    });
    expect(rows.find((r) => r.id === ids.P6)).toMatchObject({ lastModality: null, lastResponse: null });
    const root = await h.app.inject({ method: "GET", url: "/" });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe("/app/");
  });

  it("on the demo cohort: stages are derived, cached, and recomputed when a patient's data change", async () => {
    await writeCohort(h.t.store.db, generateCohort(12, 7));
    const page = async () =>
      (
        (
          await h.app.inject({ method: "GET", url: "/api/patients?limit=100", headers: clinician() })
        ).json() as { items: Record<string, unknown>[] }
      ).items.filter((r) => r.familyName === "Demo");
    const rows = await page();
    expect(rows).toHaveLength(12);
    const staged = rows.filter((r) => typeof r.bclcStage === "string");
    expect(staged.length).toBeGreaterThan(6);
    for (const r of staged) expect(["0", "A", "B", "C", "D"]).toContain(r.bclcStage);
    expect(rows.filter((r) => typeof r.cnlcStage === "string").length).toBeGreaterThan(6);
    for (const r of rows) expect(["ctace", "debtace", "systemic"]).toContain(r.lastModality);

    // A new procedure changes the patient's fingerprint: the list shows it at once.
    const first = rows[0] as { id: string };
    await post(`/api/patients/${first.id}/procedures`, {
      modality: "microwave-ablation",
      performedOn: "2026-06-29",
    });
    expect((await page()).find((r) => r.id === first.id)?.lastModality).toBe("microwave-ablation");

    const byStage = await survival("endpoint=os&groupBy=bclcStage");
    expect(byStage.groups.length).toBeGreaterThan(1);
    expect(byStage.groups.reduce((s, g) => s + g.n, 0)).toBe(byStage.n);
  });
});
