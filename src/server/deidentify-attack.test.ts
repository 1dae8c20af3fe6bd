/**
 * The attacker of issue 14 (High 1), as a test: a researcher holding everything researchers can
 * read tries to undo the date shift and recover birth dates, clinical ids and free text. Before
 * the fix the shift came back for every patient from `createdAt` of the patient list alone (the
 * record was written "today", and the shifted timestamp kept the day offset), and the researcher's
 * patient id was the clinicians' UUID.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINDING_SYSTEM, LOINC } from "../fhir/codes.js";
import { pseudonymKey, pseudonymOf, shiftDate } from "../store/deidentify.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

const DAY = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY);
const today = () => new Date().toISOString().slice(0, 10);

interface Truth {
  readonly id: string;
  readonly birthDate: string;
  readonly free: string;
}

const N = 24;

describe.each(dialectsUnderTest())("the researcher as attacker on %s", (dialect) => {
  let h: TestApp;
  const truth: Truth[] = [];
  /** The test's own key to the pseudonyms (an attacker has none): pseudonym → true birth date. */
  const birthOf = new Map<string, string>();
  const researcherBodies: string[] = [];

  const as = async (
    role: "clinician" | "researcher",
    method: "GET" | "POST",
    url: string,
    payload?: unknown,
  ) => {
    const res = await h.app.inject({
      method,
      url,
      headers: auth(h.tokens[role]),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    if (role === "researcher") researcherBodies.push(res.body);
    return res;
  };

  beforeAll(async () => {
    h = await openTestApp(dialect);
    for (let i = 0; i < N; i++) {
      // Patient 0 is over 89; the others between 40 and 80.
      const birthDate = i === 0 ? "1921-07-14" : `${1945 + i}-0${1 + (i % 9)}-1${i % 10}`;
      const free = `FREETEXT${i}X`;
      const p = await as("clinician", "POST", "/api/patients", {
        mrn: `MRN-${i}`,
        familyName: `Family${free}`,
        givenName: "Given",
        birthDate,
        sex: i % 2 ? "male" : "female",
      });
      const id = (p.json() as { id: string }).id;
      truth.push({ id, birthDate, free });
      const base = `/api/patients/${id}`;
      const t = await as("clinician", "POST", `${base}/tumours`, {
        label: `T-${free}`,
        segment: `S7 ${free}`,
        histology: `biopsy by ${free}`,
        icd10: "C22.0",
      });
      const tumourId = (t.json() as { id: string }).id;
      for (const [k, studyDate] of ["2024-01-05", "2024-03-05"].entries()) {
        await as("clinician", "POST", `${base}/imaging`, {
          studyDate,
          modality: "CT",
          phase: k === 0 ? "baseline" : "follow-up",
          note: free,
          measurements: [
            {
              tumourId,
              lesionLabel: `L-${free}`,
              role: "target",
              organ: `liver ${free}`,
              longestDiameterMm: 40 - k * 15,
            },
          ],
        });
      }
      await as("clinician", "POST", `${base}/procedures`, {
        modality: "debtace",
        performedOn: "2024-01-20",
        operator: `Dr ${free}`,
        guidanceImaging: `CBCT ${free}`,
        embolicAgent: `beads ${free}`,
        drugs: [{ drug: `doxorubicin ${free}`, dose: 50, unit: "mg" }],
        complications: [{ description: `pain ${free}`, cirseGrade: 1 }],
      });
      await as("clinician", "POST", `${base}/systemic-therapies`, {
        agent: `sorafenib ${free}`,
        startedOn: "2024-04-01",
        stoppedOn: "2024-05-01",
        stopReason: `moved to ${free}`,
      });
      for (const [code, value, unit] of [
        ["1975-2", 1.1, `mg/dL ${free}`],
        ["1751-7", 3.9, "g/dL"],
        ["6301-6", 1.1, "{INR}"],
      ] as const) {
        await as("clinician", "POST", `${base}/observations`, {
          system: LOINC,
          code,
          value,
          unit,
          effectiveAt: "2024-03-01T09:30:00Z",
        });
      }
      await as("clinician", "POST", `${base}/observations`, {
        system: FINDING_SYSTEM,
        code: "etiology",
        valueCode: `HBV ${free}`,
        effectiveAt: "2024-03-01",
      });
      await as("clinician", "POST", `${base}/observations`, {
        system: LOINC,
        code: free,
        value: 1,
        effectiveAt: "2024-03-01",
      });
      await as("clinician", "POST", `${base}/outcomes`, {
        kind: "progression",
        occurredOn: "2024-06-01",
        detail: free,
      });
      await as("clinician", "POST", `${base}/assessments?asOf=2024-03-05`);
    }
    const key = await pseudonymKey(h.t.store.db);
    for (const t of truth) birthOf.set(pseudonymOf(key, t.id), t.birthDate);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  /** Birth dates an attacker recovers with a guessed shift per patient (keyed by pseudonym). */
  function recovered(list: { id: string; birthDate?: string | null }[], guess: Map<string, number>): number {
    let n = 0;
    for (const item of list) {
      const g = guess.get(item.id);
      if (g === undefined || typeof item.birthDate !== "string") continue;
      if (shiftDate(item.birthDate, -g) === birthOf.get(item.id)) n++;
    }
    return n;
  }

  it("from the patient list alone, the reversal recovers no shift and no birth date", async () => {
    const res = await as("researcher", "GET", "/api/patients?limit=1000");
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Record<string, unknown>[] }).items as {
      id: string;
      birthDate?: string | null;
      createdAt?: string;
      updatedAt?: string;
    }[];
    expect(items).toHaveLength(N);
    // The attack of the issue: the record was written today, so (shifted createdAt - today) is the shift.
    const guess = new Map<string, number>();
    for (const item of items) {
      for (const stamp of [item.createdAt, item.updatedAt]) {
        if (typeof stamp === "string") guess.set(item.id, days(today(), stamp));
      }
    }
    expect(recovered(items, guess)).toBe(0);
    // No record timestamp at all, in any form.
    for (const item of items) {
      expect(item).not.toHaveProperty("createdAt");
      expect(item).not.toHaveProperty("updatedAt");
    }
    // The over-89 patient has no birth date, only the flag.
    expect(items.filter((i) => i.birthDate === null)).toHaveLength(1);
    expect(items.filter((i) => (i as { ageOver89?: boolean }).ageOver89 === true)).toHaveLength(1);
  });

  it("every other channel (assessment asOf, FHIR stage date, cohort end dates) recovers nothing", async () => {
    const list = (await as("researcher", "GET", "/api/patients?limit=1000")).json() as {
      items: { id: string; birthDate?: string | null }[];
    };
    const viaAsOf = new Map<string, number>();
    const viaStage = new Map<string, number>();
    for (const { id } of list.items) {
      const a = await as("researcher", "GET", `/api/patients/${id}/assessment`);
      expect(a.statusCode).toBe(200);
      viaAsOf.set(id, days(today(), (a.json() as { asOf: string }).asOf));
      const b = await as("researcher", "GET", `/api/patients/${id}/fhir`);
      expect(b.statusCode).toBe(200);
      const stage = (
        b.json() as { entry: { resource: { id: string; effectiveDateTime?: string } }[] }
      ).entry.find((e) => e.resource.id.endsWith("-bclc-stage") || e.resource.id.endsWith("-cnlc-stage"));
      if (stage?.resource.effectiveDateTime)
        viaStage.set(id, days(today(), stage.resource.effectiveDateTime));
      await as("researcher", "GET", `/api/patients/${id}/assessments`);
      for (const path of [
        "observations",
        "tumours",
        "imaging",
        "procedures",
        "systemic-therapies",
        "outcomes",
      ]) {
        const r = await as("researcher", "GET", `/api/patients/${id}/${path}`);
        expect(r.statusCode).toBe(200);
      }
    }
    expect(recovered(list.items, viaAsOf)).toBe(0);
    expect(recovered(list.items, viaStage)).toBe(0);
    const csv = await as("researcher", "GET", "/api/cohorts/survival.csv?unit=days");
    expect(csv.statusCode).toBe(200);
    const viaEnd = new Map<string, number>();
    for (const line of csv.body.trim().split("\n").slice(1)) {
      const cells = line.split(",");
      viaEnd.set(cells[0] as string, days(today(), cells[10] as string));
    }
    expect(viaEnd.size).toBe(N);
    expect(recovered(list.items, viaEnd)).toBe(0);
    // The assessment's asOf is on the patient's own timeline: the newest data's date, shifted.
    const first = list.items[0] as { id: string };
    const fhir = (await as("researcher", "GET", `/api/patients/${first.id}/fhir`)).json() as {
      entry: {
        resource: {
          resourceType: string;
          performedDateTime?: string;
          effectiveDateTime?: string;
          id: string;
        };
      }[];
    };
    const proc = fhir.entry.find((e) => e.resource.resourceType === "Procedure");
    const asOf = (
      (await as("researcher", "GET", `/api/patients/${first.id}/assessment`)).json() as { asOf: string }
    ).asOf;
    // The newest data (src/registry newestDataDate: observations, scans, treatments started — not
    // outcomes or stop dates): the systemic therapy started 2024-04-01, 72 days after the procedure.
    expect(days(String(proc?.resource.performedDateTime), asOf)).toBe(days("2024-01-20", "2024-04-01"));
    await as("researcher", "GET", "/api/cohorts/survival?groupBy=modality");
    await as("researcher", "GET", "/api/fhir/$export");
  });

  it("researchers name patients by a pseudonym: never the clinical id, which is 'not found' for them", async () => {
    const list = (await as("researcher", "GET", "/api/patients?limit=1000")).json() as {
      items: { id: string }[];
    };
    const ids = list.items.map((i) => i.id);
    for (const t of truth) expect(ids).not.toContain(t.id);
    for (const id of ids) expect(id).toMatch(/^r-[0-9a-f]{32}$/);
    const again = (await as("researcher", "GET", "/api/patients?limit=1000")).json() as {
      items: { id: string }[];
    };
    expect(again.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    const t0 = truth[0] as Truth;
    for (const url of [
      `/api/patients/${t0.id}`,
      `/api/patients/${t0.id}/observations`,
      `/api/patients/${t0.id}/assessment?asOf=2024-03-01`,
      `/api/patients/${t0.id}/fhir`,
    ]) {
      // (Not recorded among the researcher's bodies: the 404 names the id the researcher sent.)
      const res = await h.app.inject({ method: "GET", url, headers: auth(h.tokens.researcher) });
      expect(res.statusCode, url).toBe(404);
    }
    // Clinicians keep the clinical id.
    expect((await as("clinician", "GET", `/api/patients/${t0.id}`)).statusCode).toBe(200);
  });

  it("ages over 89 show as 90 in the assessment, the cohort and the FHIR export", async () => {
    const list = (await as("researcher", "GET", "/api/patients?limit=1000")).json() as {
      items: { id: string; birthDate: string | null }[];
    };
    const old = list.items.find((i) => i.birthDate === null) as { id: string };
    const a = (
      await as("researcher", "GET", `/api/patients/${old.id}/assessment?windowDays=3650`)
    ).json() as {
      case: { ageYears?: number };
    };
    expect(a.case.ageYears).toBe(90);
    const cohort = await as("researcher", "GET", "/api/cohorts/survival.csv");
    const row = cohort.body.split("\n").find((l) => l.startsWith(old.id)) ?? "";
    expect(row.split(",")[7]).toBe("90");
    const fhir = (await as("researcher", "GET", `/api/patients/${old.id}/fhir`)).json() as {
      entry: { resource: { resourceType: string; birthDate?: string } }[];
    };
    expect(fhir.entry.find((e) => e.resource.resourceType === "Patient")?.resource.birthDate).toBeUndefined();
  });

  it("no clinical id and no free text reached the researcher in any response above", () => {
    expect(researcherBodies.length).toBeGreaterThan(N * 9);
    const all = researcherBodies.join("\n");
    for (const t of truth) {
      expect(all).not.toContain(t.id);
      expect(all).not.toContain(t.free);
    }
    expect(all).not.toMatch(/MRN-|Family|Given/);
  });

  it("coded values still reach researchers (ICD-10, units, segment-free tumour, drug unit)", async () => {
    const list = (await as("researcher", "GET", "/api/patients?limit=1000")).json() as {
      items: { id: string }[];
    };
    const id = (list.items[0] as { id: string }).id;
    const tumours = (await as("researcher", "GET", `/api/patients/${id}/tumours`)).json() as {
      items: Record<string, unknown>[];
    };
    expect(tumours.items[0]).toMatchObject({ icd10: "C22.0" });
    expect(tumours.items[0]).not.toHaveProperty("segment");
    const obs = (await as("researcher", "GET", `/api/patients/${id}/observations`)).json() as {
      items: Record<string, unknown>[];
    };
    expect(obs.items.find((o) => o.code === "1751-7")).toMatchObject({ unit: "g/dL", value: 3.9 });
    expect(obs.items.find((o) => o.code === "1975-2")).not.toHaveProperty("unit");
    const procs = (await as("researcher", "GET", `/api/patients/${id}/procedures`)).json() as {
      items: { drugs: Record<string, unknown>[] }[];
    };
    expect(procs.items[0]?.drugs[0]).toEqual({ id: expect.any(String), dose: 50, unit: "mg" });
  });
});
