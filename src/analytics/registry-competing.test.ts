import { describe, expect, it } from "vitest";
import { competingRisksReport } from "./competing-report.js";
import { type CohortRequest, cohortSurvival, competingTime, type FollowUp } from "./registry-cohort.js";

function followUp(id: string, over: Partial<FollowUp>): FollowUp {
  return {
    patientId: id,
    sex: "male",
    ageAtStart: 60,
    stages: { bclcStage: "B", cnlcStage: "IIb" },
    firstTreatment: { date: "2024-01-01", modality: "ctace" },
    lastModality: "ctace",
    death: null,
    transplant: null,
    resection: null,
    progression: { recist11: null, mrecist: null },
    lastResponse: { recist11: null, mrecist: null },
    lastFollowUp: "2024-12-31",
    firstLine: { code: "TACE", kind: "locoregional-alone" },
    worstGrade: { ctcae: null, cirse: null },
    ...over,
  };
}

describe("registry competing end points: death, transplant, resection after the first treatment", () => {
  it("the first event after the origin wins; earlier ones are ignored; none → censored at the last follow-up", () => {
    expect(competingTime(followUp("a", { transplant: "2024-03-01", death: "2024-06-01" }))).toEqual({
      days: 60,
      event: "transplant",
    });
    // A resection before the first TACE is not an outcome of it.
    expect(competingTime(followUp("b", { resection: "2023-06-01", death: "2024-01-31" }))).toEqual({
      days: 30,
      event: "death",
    });
    expect(competingTime(followUp("c", {}))).toEqual({ days: 365, event: null });
    expect(competingTime(followUp("d", { firstTreatment: null }))).toBeNull();
  });

  it("the cohort's cumulative incidence equals the Aalen–Johansen estimate of the same times", () => {
    const fs = [
      followUp("p1", { death: "2024-01-11" }),
      followUp("p2", { transplant: "2024-01-21" }),
      followUp("p3", { lastFollowUp: "2024-01-31" }),
      followUp("p4", { resection: "2024-02-10" }),
      followUp("p5", { death: "2024-02-20" }),
    ];
    const req: CohortRequest = {
      endpoint: "os",
      criterion: "mrecist",
      groupBy: "none",
      unit: "days",
      filters: {},
      covariates: [],
    };
    const r = cohortSurvival(fs, req);
    const c = r.competing;
    expect(c?.n).toBe(5);
    expect(c?.counts).toEqual({ death: 2, transplant: 1, resection: 1 });
    // By hand: times 10 (death, 5 at risk), 20 (transplant, 4), 30 (censored), 40 (resection, 2),
    // 50 (death, 1). Death: 1/5 at 10, then S(40) = 4/5·3/4·1/2 = 0.3 → +0.3 at 50: 0.5.
    const death = c?.curves.find((x) => x.event === "death");
    expect(death?.time).toEqual([0, 10, 10, 50, 50, 50]);
    expect(death?.est.map((v) => Number(v.toFixed(12)))).toEqual([0, 0, 0.2, 0.2, 0.5, 0.5]);
    const same = competingRisksReport({
      timeName: "t",
      statusName: "s",
      time: [10, 20, 30, 40, 50],
      status: [1, 2, 0, 3, 1],
      covariates: [],
    });
    expect(death?.var).toEqual(same.cuminc["1 1"]?.var);
    expect(c?.atRisk[0]?.km.nRisk).toEqual([5, 4, 3, 2, 1]);
    expect(c?.grayTest).toBeNull();
  });
});
