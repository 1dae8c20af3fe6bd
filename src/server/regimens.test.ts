/**
 * Systemic regimens recorded as coded data on both dialects (issue 16): a TACE + lenvatinib
 * course with cycles, a dose reduction for a grade 3 toxicity and the adverse events; refused
 * inputs naming the field; the cohorts grouped by treatment line with the toxicity table.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

interface Toxicity {
  level: string;
  n: number;
  ctcae: { none: number; byGrade: number[] };
  cirse: { none: number; byGrade: number[] };
}

const LENVATINIB = {
  agent: "lenvatinib",
  regimen: "lenvatinib",
  startedOn: "2024-01-04",
  stoppedOn: "2024-04-20",
  stopReasonCode: "progression",
  cycles: [
    {
      number: 1,
      startedOn: "2024-01-04",
      agent: "lenvatinib",
      dose: 12,
      unit: "mg/d",
      doseChange: "standard",
    },
    {
      number: 2,
      startedOn: "2024-02-01",
      agent: "lenvatinib",
      dose: 12,
      unit: "mg/d",
      doseChange: "standard",
    },
    {
      number: 3,
      startedOn: "2024-02-29",
      agent: "lenvatinib",
      dose: 8,
      unit: "mg/d",
      doseChange: "reduced",
      changeReason: "toxicity",
      ctcaeGrade: 3,
    },
  ],
  adverseEvents: [
    { ctcaeTerm: "Hypertension", grade: 3, onsetOn: "2024-02-20", attributedTo: "lenvatinib" },
    { ctcaeTerm: "Palmar-plantar erythrodysesthesia syndrome", grade: 1, onsetOn: "2024-01-25" },
  ],
};

describe.each(dialectsUnderTest())("systemic regimens on %s", (dialect) => {
  let h: TestApp;
  const clinician = () => auth(h.tokens.clinician);
  const ids: Record<string, string> = {};

  async function post(url: string, payload: Record<string, unknown>) {
    return h.app.inject({ method: "POST", url, headers: clinician(), payload });
  }

  beforeAll(async () => {
    h = await openTestApp(dialect);
    for (const [name, combined] of [
      ["combined", true],
      ["alone", false],
    ] as const) {
      const p = await post("/api/patients", { familyName: "Regimen", givenName: name, sex: "male" });
      const id = (p.json() as { id: string }).id;
      ids[name] = id;
      for (const on of ["2024-01-03", "2024-03-01"]) {
        const res = await post(`/api/patients/${id}/procedures`, {
          modality: "ctace",
          performedOn: on,
          complications: combined ? [] : [{ description: "post-embolisation syndrome", cirseGrade: 1 }],
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      if (combined) {
        const res = await post(`/api/patients/${id}/systemic-therapies`, LENVATINIB);
        expect(res.statusCode, res.body).toBe(201);
      }
      await post(`/api/patients/${id}/outcomes`, {
        kind: "death",
        occurredOn: combined ? "2024-11-01" : "2024-09-01",
      });
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("stores a regimen with its cycles, dose change and graded adverse events, and reads them back", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: `/api/patients/${ids.combined}/systemic-therapies`,
      headers: clinician(),
    });
    expect(res.statusCode).toBe(200);
    const [t] = (res.json() as { items: Record<string, unknown>[] }).items as [
      {
        regimen: string;
        stopReasonCode: string;
        cycles: Record<string, unknown>[];
        adverseEvents: unknown[];
      },
    ];
    expect(t.regimen).toBe("lenvatinib");
    expect(t.stopReasonCode).toBe("progression");
    expect(t.cycles.map((c) => [c.number, c.dose, c.doseChange, c.ctcaeGrade ?? null])).toEqual([
      [1, 12, "standard", null],
      [2, 12, "standard", null],
      [3, 8, "reduced", 3],
    ]);
    expect(t.adverseEvents).toHaveLength(2);
  });

  it("refuses an unknown regimen, a CTCAE grade 6 and an unknown CTCAE term, naming the field, writing nothing", async () => {
    for (const [body, path] of [
      [{ ...LENVATINIB, regimen: "lenvatinib-magic" }, "regimen"],
      [
        { ...LENVATINIB, adverseEvents: [{ ctcaeTerm: "Hypertension", grade: 6, onsetOn: "2024-02-01" }] },
        "adverseEvents.0.grade",
      ],
      [
        { ...LENVATINIB, adverseEvents: [{ ctcaeTerm: "constructor", grade: 2, onsetOn: "2024-02-01" }] },
        "adverseEvents.0.ctcaeTerm",
      ],
      [
        { ...LENVATINIB, cycles: [{ number: 1, startedOn: "2024-01-04", agent: "aspirin" }] },
        "cycles.0.agent",
      ],
    ] as const) {
      const res = await post(`/api/patients/${ids.alone}/systemic-therapies`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(path);
    }
    const list = await h.app.inject({
      method: "GET",
      url: `/api/patients/${ids.alone}/systemic-therapies`,
      headers: clinician(),
    });
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
  });

  it("cohorts group by first treatment line (TACE + lenvatinib vs TACE alone) with the toxicity table", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: "/api/cohorts/survival?endpoint=os&groupBy=treatmentLine&unit=days",
      headers: clinician(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { groups: { level: string; n: number; events: number }[]; toxicity: Toxicity[] };
    expect(r.groups.map((g) => [g.level, g.n, g.events])).toEqual([
      ["TACE", 1, 1],
      ["TACE+lenvatinib", 1, 1],
    ]);
    expect(r.toxicity).toEqual([
      {
        level: "TACE",
        n: 1,
        ctcae: { none: 1, byGrade: [0, 0, 0, 0, 0] },
        cirse: { none: 0, byGrade: [1, 0, 0, 0, 0, 0] },
      },
      {
        level: "TACE+lenvatinib",
        n: 1,
        ctcae: { none: 0, byGrade: [0, 0, 1, 0, 0] },
        cirse: { none: 1, byGrade: [0, 0, 0, 0, 0, 0] },
      },
    ]);
    const kinds = await h.app.inject({
      method: "GET",
      url: "/api/cohorts/survival?endpoint=os&groupBy=combination&unit=days",
      headers: clinician(),
    });
    expect((kinds.json() as { groups: { level: string }[] }).groups.map((g) => g.level)).toEqual([
      "combined",
      "locoregional-alone",
    ]);
  });
});
