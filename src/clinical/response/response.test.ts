import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessCourse, type CourseAssessment } from "./assess-course.js";
import { parseCourse } from "./course.js";
import { meetsPd, meetsPr } from "./timepoint.js";

type Ok = Extract<CourseAssessment, { status: "ok" }>;

const ok = (input: unknown): Ok => {
  const a = assessCourse(input);
  if (a.status !== "ok") throw new Error(`expected ok: ${JSON.stringify(a.errors)}`);
  return a;
};

/** A one-target liver course: baseline, then follow-ups with [longest, viable] pairs. */
function liver(base: [number, number], ...follow: [number, number][]) {
  const dates = ["2024-01-01", "2024-02-15", "2024-04-01", "2024-06-01", "2024-08-01"];
  return {
    timepoints: [
      {
        date: dates[0],
        lesions: [
          { id: "L1", organ: "liver", role: "target", longestDiameterMm: base[0], viableDiameterMm: base[1] },
        ],
      },
      ...follow.map(([l, v], i) => ({
        date: dates[i + 1],
        lesions: [{ id: "L1", longestDiameterMm: l, viableDiameterMm: v }],
      })),
    ],
  };
}
const last = (a: Ok) => a.timepoints[a.timepoints.length - 1] as Ok["timepoints"][number];

describe("exact boundaries (response-followup.md §9.2)", () => {
  it("−30.0 % is PR, −29.8 % is SD (both criteria)", () => {
    expect(last(ok(liver([50, 50], [35, 35]))).recist11.target).toBe("PR");
    expect(last(ok(liver([50, 50], [35, 35]))).mrecist.target).toBe("PR");
    expect(last(ok(liver([50, 50], [35.1, 35.1]))).recist11.target).toBe("SD");
  });
  it("−30 % is exact where floating point is not (33.3 → 23.31; 0.7 × 33.3 = 23.309999…)", () => {
    expect(0.7 * 33.3 < 23.31).toBe(true); // the float trap the integer arithmetic avoids
    const a = ok(liver([33.3, 33.3], [23.31, 23.31]));
    expect(last(a).recist11.target).toBe("PR");
    expect(last(a).mrecist.target).toBe("PR");
    expect(last(ok(liver([33.3, 33.3], [23.32, 23.32]))).recist11.target).toBe("SD");
  });
  it("+20 % exactly and +5 mm exactly is PD; 1 µm less is not", () => {
    const pd = ok(liver([30, 30], [25, 25], [30, 30]));
    expect(last(pd).recist11.target).toBe("PD");
    expect(last(pd).mrecist.target).toBe("PD");
    const sd = ok(liver([30, 30], [25, 25], [29.999, 29.999]));
    expect(last(sd).recist11.target).toBe("SD");
    expect(last(sd).mrecist.target).toBe("SD");
  });
  it("+20 % is exact where floating point is not (10.3 → 12.36; 1.2 × 10.3 = 12.360000000000001)", () => {
    expect(1.2 * 10.3 > 12.36).toBe(true); // the float traps the integer arithmetic avoids
    expect(((12.36 - 10.3) / 10.3) * 100 < 20).toBe(true);
    // mRECIST has no absolute rule by default, so the relative boundary alone decides.
    const a = ok(liver([20, 20], [20, 10.3], [20, 12.36]));
    expect(last(a).mrecist.target).toBe("PD");
    expect(last(a).mrecist.pctFromNadir).toBe(20);
    expect(last(ok(liver([20, 20], [20, 10.3], [20, 12.35]))).mrecist.target).toBe("PR"); // not PD; still ≤ −30 % from baseline
  });
  it("the 5 mm rule: +24.5 % but +4.9 mm is RECIST SD and mRECIST PD; +5.0 mm is PD under both", () => {
    const a = ok(liver([20, 20], [20, 20], [24.9, 24.9]));
    expect(last(a).recist11.target).toBe("SD");
    expect(last(a).mrecist.target).toBe("PD");
    const b = ok(liver([20, 20], [20, 20], [25, 25]));
    expect(last(b).recist11.target).toBe("PD");
  });
  it("mrecistPdAbsoluteMm adds the 5 mm rule to mRECIST, inclusive at exactly 5 mm", () => {
    const opts = { options: { mrecistPdAbsoluteMm: 5 } };
    expect(last(ok({ ...liver([20, 20], [20, 20], [24.9, 24.9]), ...opts })).mrecist.target).toBe("SD");
    expect(last(ok({ ...liver([20, 20], [20, 20], [25, 25]), ...opts })).mrecist.target).toBe("PD");
  });
  it("meetsPr / meetsPd on integers: both boundaries inclusive, zero nadir handled", () => {
    expect(meetsPr(7000, 10000)).toBe(true);
    expect(meetsPr(7001, 10000)).toBe(false);
    expect(meetsPd(12000, 10000, 2000)).toBe(true);
    expect(meetsPd(11999, 10000, 0)).toBe(false);
    expect(meetsPd(12000, 10000, 2001)).toBe(false);
    expect(meetsPd(1, 0, 0)).toBe(true);
    expect(meetsPd(0, 0, 0)).toBe(false);
  });
  it("a target node < 10 mm short axis counts as CR; 10 mm does not", () => {
    const course = (sa: number) => ({
      timepoints: [
        { date: "2024-01-01", lesions: [{ id: "N1", organ: "lymph_node", role: "target", shortAxisMm: 20 }] },
        { date: "2024-03-01", lesions: [{ id: "N1", shortAxisMm: sa }] },
      ],
    });
    expect(last(ok(course(9.9))).recist11.target).toBe("CR");
    expect(last(ok(course(10))).recist11.target).toBe("PR");
  });
  it("too small to measure is 5 mm", () => {
    const a = ok(liver([20, 20], ["TSTM", "TSTM"] as unknown as [number, number]));
    expect(last(a).recist11.sumMm).toBe(5);
    expect(last(a).recist11.target).toBe("PR");
  });
});

describe("target selection errors name the lesion, date or count (§9.2)", () => {
  const codes = (input: unknown) => {
    const p = parseCourse(input);
    return p.ok ? [] : p.errors.map((e) => e.code);
  };
  it("rejects a 9.9 mm target and a 14.9 mm node target", () => {
    expect(codes(liver([9.9, 9.9]))).toContain("TARGET_TOO_SMALL");
    const node = {
      timepoints: [
        {
          date: "2024-01-01",
          lesions: [{ id: "N1", organ: "lymph_node", role: "target", shortAxisMm: 14.9 }],
        },
      ],
    };
    expect(codes(node)).toEqual(["NODE_TARGET_TOO_SMALL"]);
  });
  it("rejects three targets in one organ and a porta hepatis node < 20 mm under mRECIST", () => {
    const three = {
      timepoints: [
        {
          date: "2024-01-01",
          lesions: ["A", "B", "C"].map((id) => ({
            id,
            organ: "liver",
            role: "target",
            longestDiameterMm: 20,
            viableDiameterMm: 20,
          })),
        },
      ],
    };
    const p = parseCourse(three);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors[0]?.message).toContain("A, B, C");
    const porta = {
      timepoints: [
        {
          date: "2024-01-01",
          lesions: [
            { id: "N1", organ: "lymph_node", nodeSite: "porta_hepatis", role: "target", shortAxisMm: 18 },
          ],
        },
      ],
    };
    expect(codes(porta)).toEqual(["MRECIST_PORTA_HEPATIS_NODE_TOO_SMALL"]);
  });
  it("rejects a portal-vein target under mRECIST unless mrecistRole makes it a non-target", () => {
    const pvt = (extra: object) => ({
      timepoints: [
        {
          date: "2024-01-01",
          lesions: [{ id: "PV", organ: "portal_vein", role: "target", longestDiameterMm: 20, ...extra }],
        },
      ],
    });
    expect(codes(pvt({}))).toEqual(["MRECIST_PVT_NOT_TARGET"]);
    const a = ok(pvt({ mrecistRole: "non_target" }));
    expect(a.baseline.recist11.targets).toEqual(["PV"]);
    expect(a.baseline.mrecist.nonTargets).toEqual(["PV"]);
  });
  it("reports every error at once, each naming its lesion or date", () => {
    const p = parseCourse({
      timepoints: [
        {
          date: "2024-01-01",
          lesions: [
            { id: "L1", organ: "liver", role: "target", longestDiameterMm: 30, viableDiameterMm: 40 },
          ],
        },
        { date: "2024-13-01", lesions: [{ id: "L1", longestDiameterMm: -1 }, { id: "L2" }], newLesions: [] },
      ],
      treatmentStart: "yesterday",
      options: { sdMinDays: -1 },
    });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map((e) => e.code)).toEqual([
      "INVALID_DATE",
      "VIABLE_EXCEEDS_LONGEST",
      "NEGATIVE_MEASUREMENT",
      "UNKNOWN_LESION",
      "TREATMENT_START_INVALID",
      "INVALID_OPTION",
    ]);
    expect(p.errors[1]?.message).toContain("L1");
    expect(p.errors[3]?.message).toContain("L2");
  });
  it("rejects role changes, duplicate ids and new lesions at baseline", () => {
    const c = liver([30, 30], [20, 20]);
    const base = c.timepoints[0] as { lesions: object[]; newLesions?: object[] };
    const fu = c.timepoints[1] as { lesions: object[] };
    expect(
      codes({ ...c, timepoints: [base, { ...fu, lesions: [{ id: "L1", role: "non_target" }] }] }),
    ).toContain("ROLE_CHANGED");
    expect(codes({ timepoints: [{ ...base, lesions: [...base.lesions, ...base.lesions] }] })).toContain(
      "DUPLICATE_LESION_ID",
    );
    expect(codes({ timepoints: [{ ...base, newLesions: [{ id: "N1", organ: "liver" }] }] })).toContain(
      "NEW_LESION_AT_BASELINE",
    );
    expect(codes({ timepoints: [{ date: "2024-01-01", lesions: [] }] })).toEqual(["NO_DISEASE"]);
  });
});

describe("treatments and TACE failure", () => {
  it("assigns treatments to the scan that follows them and flags stage migration after two non-responses", () => {
    const a = ok({
      ...liver([40, 40], [40, 38], [40, 36]),
      treatments: [
        { date: "2024-01-02", modality: "ctace" },
        { date: "2024-02-20", modality: "ctace" },
      ],
    });
    expect(a.timepoints[0]?.treatmentsBefore.map((t) => t.date)).toEqual(["2024-01-02"]);
    expect(a.timepoints[1]?.treatmentsBefore.map((t) => t.date)).toEqual(["2024-02-20"]);
    // The day in the course (treatmentStart defaults to the baseline scan, 2024-01-01 = day 0),
    // not days since 1970 (19724 for 2024-01-02).
    expect(a.timepoints[0]?.treatmentsBefore.map((t) => t.day)).toEqual([1]);
    expect(a.timepoints[1]?.treatmentsBefore.map((t) => t.day)).toEqual([50]);
    expect(a.taceFailure.failing).toBe(true);
    expect(a.taceFailure.stageMigration.suggested).toBe(true);
  });
  it("does not flag failure after an objective response", () => {
    const a = ok({
      ...liver([40, 40], [40, 10], [40, 10]),
      treatments: [
        { date: "2024-01-02", modality: "ctace" },
        { date: "2024-02-20", modality: "ctace" },
      ],
    });
    expect(a.taceFailure.failing).toBe(false);
  });
  it("never calls SD an objective response (objective response = CR or PR, mRECIST)", () => {
    const a = ok({
      ...liver([40, 40], [40, 38], [40, 36]),
      treatments: [
        { date: "2024-01-02", modality: "ctace" },
        { date: "2024-04-15", modality: "ctace" },
      ],
    });
    expect(a.taceFailure.failing).toBe(false);
    expect(a.taceFailure.reason).not.toMatch(/^Objective/);
    expect(a.taceFailure.reason).toContain("SD is not an objective response (CR or PR only)");
  });
});

// ---- properties -------------------------------------------------------------------------

const ISO = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

const baselineLesion = fc.record({
  longest: fc.integer({ min: 100, max: 1500 }).map((x) => x / 10),
  viableFraction: fc.double({ min: 0.7, max: 1, noNaN: true }),
});

/** A valid course: 1–2 liver targets, increasing dates, follow-ups scaled by non-increasing k < 1. */
const shrinkingCourse = fc
  .record({
    lesions: fc.array(baselineLesion, { minLength: 1, maxLength: 2 }),
    ks: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 4 }),
    gaps: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ lesions, ks, gaps }) => {
    const base = lesions.map((l, i) => ({
      id: `L${i + 1}`,
      organ: "liver",
      role: "target",
      longestDiameterMm: l.longest,
      viableDiameterMm: Math.max(10, Math.floor(l.longest * l.viableFraction * 10) / 10),
    }));
    const sorted = [...ks].sort((a, b) => b - a);
    let day = 0;
    const follow = sorted.map((k, j) => {
      day += gaps[j] ?? 30;
      return {
        date: ISO(day),
        lesions: base.map((b) => ({
          id: b.id,
          longestDiameterMm: Math.floor(b.longestDiameterMm * k * 10) / 10,
          viableDiameterMm: Math.floor(b.viableDiameterMm * k * 10) / 10,
        })),
      };
    });
    return { timepoints: [{ date: ISO(0), lesions: base }, ...follow] };
  });

describe("properties (fast-check)", () => {
  it("never crashes on arbitrary input: always ok or invalid with codes", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const a = assessCourse(x);
        return a.status === "ok" || (a.status === "invalid" && a.errors.length > 0);
      }),
      { numRuns: 300 },
    );
  });
  it("never crashes on random structured courses", () => {
    const meas = fc.oneof(
      fc.double({ min: -5, max: 200, noNaN: true }),
      fc.constantFrom("TSTM", "NE", null, undefined),
    );
    const lesion = fc.record(
      {
        id: fc.constantFrom("L1", "L2", "L3", "N1"),
        organ: fc.constantFrom("liver", "lymph_node", "lung", "portal_vein", "ascites"),
        role: fc.constantFrom("target", "non_target"),
        longestDiameterMm: meas,
        viableDiameterMm: meas,
        shortAxisMm: meas,
        status: fc.constantFrom("present", "absent", "progression", "not_evaluated"),
        enhancing: fc.boolean(),
      },
      { requiredKeys: ["id"] },
    );
    const newLesion = fc.record({
      id: fc.constantFrom("N1", "N2"),
      organ: fc.constantFrom("liver", "lymph_node", "lung", "pleural_effusion"),
      longestDiameterMm: meas,
      shortAxisMm: meas,
      aphe: fc.boolean(),
      washout: fc.boolean(),
      unequivocal: fc.boolean(),
      cytologyMalignant: fc.boolean(),
    });
    const tp = fc.record({
      date: fc.integer({ min: 0, max: 400 }).map(ISO),
      lesions: fc.array(lesion, { maxLength: 4 }),
      newLesions: fc.array(newLesion, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(tp, { maxLength: 5 }), fc.boolean(), (tps, confirm) => {
        const a = assessCourse({ timepoints: tps, options: { confirmationRequired: confirm } });
        if (a.status === "ok") {
          expect(a.timepoints).toHaveLength(tps.length - 1);
          return true;
        }
        return a.errors.length > 0;
      }),
      { numRuns: 500 },
    );
  });
  it("scaling every diameter by non-increasing k < 1 never yields PD", () => {
    fc.assert(
      fc.property(shrinkingCourse, (course) => {
        const a = ok(course);
        for (const t of a.timepoints) {
          expect(t.recist11.overall).not.toBe("PD");
          expect(t.mrecist.overall).not.toBe("PD");
        }
        expect(a.progression.recist11.firstPdDate).toBeNull();
        expect(a.progression.mrecist.firstPdDate).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
  it("dates out of order (or repeated) are rejected with DATES_OUT_OF_ORDER", () => {
    fc.assert(
      fc.property(shrinkingCourse, fc.nat(), fc.boolean(), (course, pick, equal) => {
        const tps = course.timepoints;
        const i = 1 + (pick % (tps.length - 1));
        const prev = tps[i - 1] as { date: string };
        const moved = equal ? prev.date : ISO(-1 - (pick % 30));
        const bad = { timepoints: tps.map((t, j) => (j === i ? { ...t, date: moved } : t)) };
        const p = parseCourse(bad);
        expect(p.ok).toBe(false);
        if (!p.ok) expect(p.errors.map((e) => e.code)).toContain("DATES_OUT_OF_ORDER");
      }),
      { numRuns: 200 },
    );
  });
});

describe("quality of life along the course (§5)", () => {
  it("scores the questionnaires at each scan and their change since the previous one", () => {
    const c30 = (v: number, g: number) =>
      Object.fromEntries(Array.from({ length: 30 }, (_, i) => [i + 1, i >= 28 ? g : v]));
    const course = liver([40, 40], [40, 20]);
    const tps = course.timepoints as Record<string, unknown>[];
    (tps[0] as Record<string, unknown>).qol = { eortc: c30(2, 4) };
    (tps[1] as Record<string, unknown>).qol = { eortc: c30(1, 6) };
    const a = ok(course);
    expect(a.qol).toHaveLength(2);
    const ch = a.qol?.[1]?.changeFromPrevious?.qlqC30?.scales.find((x) => x.code === "QL2");
    expect(ch).toMatchObject({ from: 50, to: 83.3333, size: "large", direction: "improved" });
    const bad = assessCourse({ ...course, timepoints: [{ ...tps[0], qol: { eortc: { 1: 9 } } }] });
    expect(bad.status === "invalid" && bad.errors[0]?.message).toContain("2024-01-01: item 1");
  });
});
