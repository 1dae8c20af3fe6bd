import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { downstagingOutcome } from "../criteria/downstaging-outcome.js";
import { art } from "./art.js";
import { taceRefractoriness } from "./tace-refractoriness.js";

const ast = (v: number) => ({ value: v, unit: "U/L" });
const artOf = (a0: number, a1: number, cp0: number, cp1: number, response: boolean) =>
  art(
    parseCase({
      tace: {
        childPughScoreBeforeFirst: cp0,
        childPughScoreBeforeSecond: cp1,
        astBeforeFirst: ast(a0),
        astBeforeSecond: ast(a1),
        radiologicResponse: response,
      },
    }).parsed,
  );

describe("ART (scores.md §7.3 worked examples)", () => {
  it("AST +25.0 % → 0; Child-Pugh +1 → 1.5; responder → ART 1.5, retreat", () => {
    expect(artOf(40, 50, 5, 6, true)).toMatchObject({ status: "ok", score: 1.5, retreatmentSupported: true });
  });
  it("AST +27.5 % → 4, plus 1.5 → 5.5", () => {
    expect(artOf(40, 51, 5, 6, true)).toMatchObject({
      score: 5.5,
      group: ">=2.5",
      retreatmentSupported: false,
    });
  });
  it("Child-Pugh 5 → 7 → 3, no response → 1: ART 4", () => {
    expect(artOf(40, 40, 5, 7, false)).toMatchObject({
      score: 4,
      points: { ast: 0, childPugh: 3, noResponse: 1 },
    });
  });
  it("exactly +25 % is exact even where floating point is not (40.4 → 50.5)", () => {
    expect(((50.5 - 40.4) / 40.4) * 100 > 25).toBe(true); // the float trap
    expect(artOf(40.4, 50.5, 5, 5, true)).toMatchObject({ score: 0, points: { ast: 0 } });
    expect(artOf(40.4, 50.51, 5, 5, true)).toMatchObject({ score: 4 });
  });
  it("lists every missing input", () => {
    const r = art(parseCase({ tace: { radiologicResponse: true } }).parsed);
    expect(r.status).toBe("indeterminate");
    if (r.status === "indeterminate") expect(r.missing).toHaveLength(4);
  });
});

const jsh = (t: object) => taceRefractoriness(parseCase({ taceRefractoriness: t }).parsed);
const NONE = {
  consecutiveInsufficientResponses: 0,
  consecutiveIntrahepaticProgressions: 0,
  continuousTumorMarkerElevation: false,
  newVascularInvasion: false,
  newExtrahepaticSpread: false,
};

describe("JSH-LCSGJ 2014 TACE refractoriness (scores.md §7.6)", () => {
  it("two consecutive insufficient responses → refractory (1a), stage migration suggested", () => {
    const r = jsh({ ...NONE, consecutiveInsufficientResponses: 2 });
    expect(r).toMatchObject({ refractory: true, criteriaMet: ["consecutiveInsufficientResponses"] });
    if (r.status === "ok") expect(r.stageMigration.suggested).toBe(true);
  });
  it("one insufficient response, one progression → not refractory", () => {
    expect(
      jsh({ ...NONE, consecutiveInsufficientResponses: 1, consecutiveIntrahepaticProgressions: 1 }),
    ).toMatchObject({ refractory: false, criteriaMet: [] });
  });
  it("new extrahepatic spread decides refractory even with other inputs missing", () => {
    expect(jsh({ newExtrahepaticSpread: true })).toMatchObject({ status: "ok", refractory: true });
    expect(jsh({ newExtrahepaticSpread: false }).status).toBe("indeterminate");
  });
  it("rejects a negative count", () => {
    expect(jsh({ ...NONE, consecutiveInsufficientResponses: -1 }).status).toBe("invalid");
  });
});

const ds = (input: object) => downstagingOutcome(parseCase(input).parsed);
const clean = { vascularInvasion: { present: false }, extrahepaticSpread: false };

describe("downstaging outcome and conversion (scores.md §6.5)", () => {
  it("baseline 6 cm, AFP 50, one viable 2 cm focus → successful; within Milan; resection review", () => {
    const r = ds({
      tumors: [{ diameterCm: 6 }],
      labs: { afp: { value: 50, unit: "ng/mL" } },
      postDownstaging: { viableTumors: [{ diameterCm: 2 }], ...clean },
    });
    expect(r).toMatchObject({ status: "ok", successful: true, failedCriteria: [] });
    if (r.status === "ok")
      expect(r.conversion).toMatchObject({ flag: true, withinMilan: true, resectionReview: true });
  });
  it("baseline AFP 1200 and post-treatment 501 → not successful even with complete necrosis; 500 passes", () => {
    const base = { tumors: [{ diameterCm: 7 }], labs: { afp: { value: 1200, unit: "ng/mL" } } };
    const r = ds({
      ...base,
      postDownstaging: { viableTumors: [], ...clean, afp: { value: 501, unit: "ng/mL" } },
    });
    expect(r).toMatchObject({ successful: false });
    const s = ds({
      ...base,
      postDownstaging: { viableTumors: [], ...clean, afp: { value: 500, unit: "ng/mL" } },
    });
    expect(s).toMatchObject({ successful: true });
  });
  it("viable 3.5 + 1.0 cm is beyond Milan but within UCSF: not successful, conversion flag via UCSF", () => {
    const r = ds({
      labs: { afp: { value: 5, unit: "ng/mL" } },
      postDownstaging: { viableTumors: [{ diameterCm: 3.5 }, { diameterCm: 1 }], ...clean },
    });
    expect(r).toMatchObject({ successful: false, failedCriteria: ["viable tumour burden beyond Milan"] });
    if (r.status === "ok")
      expect(r.conversion).toMatchObject({ withinMilan: false, withinUcsf: true, flag: true });
  });
  it("new vessel invasion fails downstaging whatever is missing", () => {
    const r = ds({ postDownstaging: { vascularInvasion: { present: true } } });
    expect(r).toMatchObject({ status: "ok", successful: false, failedCriteria: ["major vessel invasion"] });
  });
});
