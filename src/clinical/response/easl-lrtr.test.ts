/**
 * EASL (bidimensional viable product; Bruix 2001) and LI-RADS v2018 LR-TR, on courses built from
 * the definitions, both sides of every cut-off: PR at −50 % of the baseline sum of products,
 * PD at +25 % over the nadir.
 */
import { describe, expect, it } from "vitest";
import { assessCourse } from "./assess-course.js";
import { lrTr } from "./lrtr.js";

const lesion = (viable: number | null, perp: number | null, extra: Record<string, unknown> = {}) => ({
  id: "L1",
  organ: "liver",
  role: "target",
  longestDiameterMm: 40,
  viableDiameterMm: viable,
  ...(perp !== null ? { viablePerpendicularMm: perp } : {}),
  ...extra,
});

function course(...followUps: [number | null, number | null][]) {
  return {
    treatmentStart: "2026-01-05",
    treatments: [{ date: "2026-01-05", modality: "ctace" }],
    timepoints: [
      { date: "2026-01-01", lesions: [lesion(40, 30)] },
      ...followUps.map(([v, p], i) => ({
        date: `2026-0${i + 2}-15`,
        lesions: [lesion(v, p)],
      })),
    ],
  };
}

function easl(c: unknown) {
  const a = assessCourse(c);
  if (a.status !== "ok") throw new Error(JSON.stringify(a.errors));
  return a;
}

describe("EASL beside RECIST 1.1 and mRECIST", () => {
  it("−50 % of the baseline product is PR (1200 → 600 mm²); 603 mm² is SD", () => {
    const a = easl(course([30, 20]));
    expect(a.easl.status).toBe("ok");
    if (a.easl.status !== "ok") return;
    expect(a.easl.baseline.sumOfProductsMm2).toBe(1200);
    expect(a.easl.timepoints[0]).toMatchObject({
      sumOfProductsMm2: 600,
      pctFromBaseline: -50,
      target: "PR",
      overall: "PR",
    });
    // mRECIST on the same scan: viable 40 → 30 mm is −25 %, SD.
    expect(a.timepoints[0]?.mrecist.overall).toBe("SD");
    expect(a.timepoints[0]?.easl?.overall).toBe("PR");
    const b = easl(course([30, 20.1]));
    expect(b.easl.status === "ok" && b.easl.timepoints[0]?.target).toBe("SD");
  });

  it("+25 % over the nadir is PD (600 → 750 mm²); 747 mm² is SD", () => {
    const a = easl(course([30, 20], [30, 25]));
    expect(a.easl.status === "ok" && a.easl.timepoints[1]).toMatchObject({
      nadirMm2: 600,
      pctFromNadir: 25,
      target: "PD",
    });
    expect(a.easl.status === "ok" && a.easl.progression.firstPdDate).toBe("2026-03-15");
    const b = easl(course([30, 20], [30, 24.9]));
    expect(b.easl.status === "ok" && b.easl.timepoints[1]?.target).toBe("SD");
  });

  it("no viable tumour is CR; best response CR", () => {
    const a = easl(course([0, null]));
    expect(a.easl.status === "ok" && a.easl.timepoints[0]?.target).toBe("CR");
    expect(a.easl.status === "ok" && a.easl.bestOverallResponse).toBe("CR");
  });

  it("a missing perpendicular: NE at a follow-up, indeterminate at baseline, naming the input", () => {
    const a = easl(course([30, null]));
    expect(a.easl.status === "ok" && a.easl.timepoints[0]).toMatchObject({
      target: "NE",
      missing: ["timepoints.1.lesions[L1].viablePerpendicularMm"],
    });
    const c = course([30, 20]);
    c.timepoints[0] = { date: "2026-01-01", lesions: [lesion(40, null)] };
    const b = easl(c);
    expect(b.easl).toMatchObject({
      status: "indeterminate",
      missing: ["timepoints.0.lesions[L1].viablePerpendicularMm"],
    });
  });

  it("a perpendicular longer than the viable diameter is refused", () => {
    const a = assessCourse(course([30, 31]));
    expect(a.status).toBe("invalid");
    expect(a.status === "invalid" && a.errors[0]?.path).toBe("timepoints.1.lesions.0.viablePerpendicularMm");
  });
});

describe("LI-RADS v2018 treatment response (LR-TR)", () => {
  it("the algorithm, in order", () => {
    expect(lrTr({ evaluable: false, enhancement: "nodular-masslike", aphe: true })).toMatchObject({
      category: "nonevaluable",
    });
    expect(lrTr({ evaluable: true, enhancement: "nodular-masslike", washout: true })).toMatchObject({
      category: "viable",
    });
    expect(
      lrTr({ evaluable: true, enhancement: "nodular-masslike", similarToPretreatment: true }),
    ).toMatchObject({ category: "viable" });
    expect(lrTr({ evaluable: true, enhancement: "none" })).toMatchObject({ category: "nonviable" });
    expect(lrTr({ evaluable: true, enhancement: "treatment-specific" })).toMatchObject({
      category: "nonviable",
    });
    expect(lrTr({ evaluable: true, enhancement: "atypical" })).toMatchObject({ category: "equivocal" });
    expect(
      lrTr({
        evaluable: true,
        enhancement: "nodular-masslike",
        aphe: false,
        washout: false,
        similarToPretreatment: false,
      }),
    ).toMatchObject({ category: "equivocal" });
    expect(lrTr({ evaluable: true, enhancement: "nodular-masslike", aphe: false })).toEqual({
      status: "indeterminate",
      missing: ["lrtr.washout", "lrtr.similarToPretreatment"],
    });
    expect(lrTr({ evaluable: true })).toEqual({ status: "indeterminate", missing: ["lrtr.enhancement"] });
  });

  it("per treated lesion after each locoregional treatment, with its source and the treatment", () => {
    const c = {
      treatmentStart: "2026-01-05",
      treatments: [
        { date: "2026-01-05", modality: "ctace" },
        { date: "2026-03-01", modality: "tare" },
      ],
      timepoints: [
        {
          date: "2026-01-01",
          lesions: [lesion(40, 30, { lrtr: { enhancement: "nodular-masslike", aphe: true } })],
        },
        {
          date: "2026-02-15",
          lesions: [lesion(20, 10, { lrtr: { enhancement: "nodular-masslike", aphe: true, growth: false } })],
        },
        { date: "2026-04-15", lesions: [lesion(0, null, { lrtr: { enhancement: "treatment-specific" } })] },
      ],
    };
    const a = easl(c);
    expect(a.lrTr.citation).toMatch(/LI-RADS v2018/);
    expect(a.lrTr.notApplicable).toEqual([{ date: "2026-01-01", lesionId: "L1" }]);
    expect(
      a.lrTr.assessments.map((x) => [
        x.date,
        x.verdict.status === "ok" ? x.verdict.category : "?",
        x.afterTreatment.modality,
      ]),
    ).toEqual([
      ["2026-02-15", "viable", "ctace"],
      ["2026-04-15", "nonviable", "tare"],
    ]);
    expect(a.lrTr.assessments[0]?.growth).toBe(false);
    expect(a.lrTr.assessments[1]?.caveats[0]).toMatch(/radiation-based/);
  });

  it("an unknown enhancement value is refused", () => {
    const c = course([30, 20]);
    c.timepoints[1] = { date: "2026-02-15", lesions: [lesion(30, 20, { lrtr: { enhancement: "rim" } })] };
    const a = assessCourse(c);
    expect(a.status).toBe("invalid");
  });
});
