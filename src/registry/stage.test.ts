import { describe, expect, it } from "vitest";
import { FINDING_SYSTEM, LOINC } from "../fhir/codes.js";
import type { ObservationInput } from "./clinical-state.js";
import type { PatientSources } from "./load.js";
import { newestDataDate, stageAt, stageHistory } from "./stage.js";
import { uniformPolicy, validityPolicy } from "./validity.js";

let n = 0;
const obs = (
  date: string,
  code: string,
  value: number | null,
  unit: string | null,
  valueCode: string | null,
  system = LOINC,
) => ({ id: `o${++n}`, system, code, value, unit, valueCode, effectiveAt: date }) as ObservationInput;
const finding = (date: string, code: string, valueCode: string) =>
  obs(date, code, null, null, valueCode, FINDING_SYSTEM);
const labs = (date: string) => [
  obs(date, "1975-2", 0.8, "mg/dL", null),
  obs(date, "1751-7", 4.0, "g/dL", null),
  obs(date, "6301-6", 1.1, null, null),
];

// A single 30 mm nodule, Child-Pugh A, ECOG 0, no invasion or spread: BCLC A (Reig et al. 2022),
// CNLC Ia (≤ 5 cm, single, PS 0–2, Child-Pugh A/B).
const baseline = "2025-01-10";
const sources = (extra: ObservationInput[] = [], scans: string[] = [baseline]): PatientSources => ({
  patientId: "p1",
  sex: "male",
  birthDate: "1960-01-01",
  observations: [
    ...labs(baseline),
    obs(baseline, "89247-1", 0, null, null),
    finding(baseline, "ascites", "none"),
    finding(baseline, "encephalopathy", "none"),
    finding(baseline, "macrovascular-invasion", "false"),
    finding(baseline, "extrahepatic-spread", "false"),
    finding(baseline, "cirrhosis", "true"),
    ...extra,
  ],
  imaging: scans.map((d, k) => ({
    id: `i${k}`,
    studyDate: d,
    lesions: [{ label: "T1", organ: "liver", longestDiameterMm: 30 }],
  })),
  events: scans.map((d, k) => ({ kind: "imaging" as const, id: `i${k}`, date: d, label: "CT" })),
});

describe("clinical state at a date: each kind of input within its validity", () => {
  it("at baseline: BCLC A and CNLC Ia, every input current, dated and sourced", () => {
    const { stage, derived } = stageAt(sources(), baseline);
    expect(stage).toMatchObject({
      asOf: baseline,
      bclc: { status: "ok", stage: "A" },
      cnlc: { status: "ok", stage: "Ia" },
    });
    const ecog = derived.inputs.find((i) => i.path === "ecog");
    expect(ecog).toMatchObject({
      value: 0,
      date: baseline,
      ageDays: 0,
      validityDays: 90,
      status: "current",
      kind: "clinical",
    });
    expect(derived.stale).toEqual([]);
  });

  it("baseline findings carry 60 days later with new labs (the old 30-day window dropped them)", () => {
    const later = "2025-03-11"; // 60 days
    const { stage, derived } = stageAt(sources(labs(later)), later);
    expect(stage.bclc).toEqual({ status: "ok", stage: "A" });
    expect(derived.inputs.find((i) => i.path === "ascites")).toMatchObject({
      ageDays: 60,
      status: "current",
    });
    expect(derived.inputs.find((i) => i.path === "labs.bilirubin")).toMatchObject({
      ageDays: 0,
      date: later,
    });
    // The explicit uniform 30-day window still drops them, as before.
    expect(stageAt(sources(labs(later)), later, undefined, 30).stage.bclc.status).toBe("indeterminate");
  });

  it("at 90 days a finding is current, at 91 stale: named, dated, not used", () => {
    const d90 = "2025-04-10";
    const d91 = "2025-04-11";
    expect(stageAt(sources([...labs(d90)], [baseline, d90]), d90).stage.bclc).toEqual({
      status: "ok",
      stage: "A",
    });
    const { stage } = stageAt(sources([...labs(d91)], [baseline, d91]), d91);
    expect(stage.bclc.status).toBe("indeterminate");
    expect(stage.bclc.stage).toBeNull();
    const ecog = stage.stale.find((i) => i.path === "ecog");
    expect(ecog).toMatchObject({
      value: 0,
      date: baseline,
      ageDays: 91,
      validityDays: 90,
      sourceId: expect.stringMatching(/^o/),
    });
    // Standing facts never go stale.
    expect(stage.stale.some((i) => i.path === "cirrhosis")).toBe(false);
  });

  it("labs go stale after 30 days, imaging after 90", () => {
    const d31 = "2025-02-10";
    const { derived } = stageAt(sources(), d31);
    expect(derived.stale.map((i) => i.path).sort()).toEqual(["labs.albumin", "labs.bilirubin", "labs.inr"]);
    const d91 = "2025-04-11";
    expect(stageAt(sources(labs(d91)), d91).derived.stale.map((i) => i.path)).toContain("tumors");
  });

  it("a site's policy overrides the defaults; a typo is refused", () => {
    const d100 = "2025-04-20";
    const policy = validityPolicy({ clinical: 120, imaging: 120 });
    expect(stageAt(sources(labs(d100)), d100, policy).stage.bclc).toEqual({ status: "ok", stage: "A" });
    expect(() => validityPolicy({ clinicl: 120 })).toThrow(/unknown kind clinicl/);
    expect(() => validityPolicy({ lab: -1 })).toThrow(/validity.lab/);
    expect(uniformPolicy(7).standing).toBe(7);
  });

  it("nothing after the as-of date is used", () => {
    const { derived } = stageAt(sources([obs("2025-01-20", "89247-1", 3, null, null)]), baseline);
    expect(derived.inputs.find((i) => i.path === "ecog")?.value).toBe(0);
  });
});

describe("default as-of date and stage history", () => {
  it("the default date is the newest data, and the history stages every scan", () => {
    const s = sources(labs("2025-03-01"), [baseline, "2025-06-01"]);
    expect(newestDataDate(s)).toBe("2025-06-01");
    const h = stageHistory(s);
    expect(h.map((p) => [p.event.date, p.bclc.stage])).toEqual([
      [baseline, "A"],
      // 2025-06-01: labs from 2025-03-01 are 92 days old, ECOG 142: not staged, stale named.
      ["2025-06-01", null],
    ]);
  });
});
