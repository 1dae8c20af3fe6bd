import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { afpModel } from "./afp-model.js";
import { metroticket2 } from "./metroticket2.js";
import { unosDownstaging } from "./unos-downstaging.js";

const p = (sizes: number[], afp?: [number, string], extra: Record<string, unknown> = {}) =>
  parseCase({
    tumors: sizes.map((d) => ({ diameterCm: d })),
    vascularInvasion: { present: false },
    extrahepaticSpread: false,
    ...(afp ? { labs: { afp: { value: afp[0], unit: afp[1] } } } : {}),
    ...extra,
  }).parsed;

describe("UNOS downstaging (scores.md §6.5)", () => {
  it.each([
    [[8.0], "eligible"],
    [[8.1], "beyond-inclusion"],
    [[5.0, 3.0], "eligible"],
    [[5.0, 3.1], "beyond-inclusion"],
    [[5.1, 1], "beyond-inclusion"],
    [[3, 1, 1, 1, 1], "eligible"],
    [[3.1, 1, 1, 1], "beyond-inclusion"],
    [[1, 1, 1, 1, 1, 1], "beyond-inclusion"],
    [[5.0], "within-milan"],
    [[3, 3, 2], "within-milan"],
  ])("%j → %s", (sizes, category) => {
    const r = unosDownstaging(p(sizes));
    expect(r.status === "ok" && r.category).toBe(category);
  });
  it("macrovascular invasion excludes even without tumours", () => {
    const r = unosDownstaging(parseCase({ vascularInvasion: { present: true, portalVein: "Vp2" } }).parsed);
    expect(r.status === "ok" && [r.category, r.eligible]).toEqual([
      "excluded-vascular-or-extrahepatic",
      false,
    ]);
  });
  it("missing", () => {
    const r = unosDownstaging(parseCase({}).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual([
      "tumors",
      "macrovascularInvasion",
      "extrahepaticSpread",
    ]);
  });
});

describe("Metroticket 2.0 (scores.md §6.6)", () => {
  it.each([
    [[5, 2], 150, 7, "<200", true],
    [[5.1, 2], 150, 7.1, "<200", false],
    [[4.0], 200, 5, "200-400", true],
    [[4.5], 200, 5.5, "200-400", false],
    [[4.0], 400, 5, "200-400", true],
    [[3.0], 401, 4, ">400-1000", true],
    [[3.0], 1000, 4, ">400-1000", true],
    [[3.0], 1001, 4, ">1000", false],
  ])("%j, AFP %s → sum %s band %s within %s", (sizes, afp, sum, band, within) => {
    const r = metroticket2(p(sizes, [afp, "ng/mL"]));
    expect(r.status === "ok" && [r.sum, r.afpBand, r.within]).toEqual([sum, band, within]);
  });
  it("SI twin: 165.29 IU/mL ≈ 200 ng/mL falls in 200-400", () => {
    const r = metroticket2(p([4.0], [200 / 1.21, "IU/mL"]));
    expect(r.status === "ok" && r.afpBand).toBe("200-400");
  });
  it("macrovascular invasion → beyond; missing listed", () => {
    const r = metroticket2(p([2], [10, "ng/mL"], { vascularInvasion: { present: true, portalVein: "Vp1" } }));
    expect(r.status === "ok" && r.within).toBe(false);
    const m = metroticket2(parseCase({}).parsed);
    expect(m.status === "indeterminate" && m.missing).toEqual([
      "tumors",
      "afp",
      "macrovascularInvasion",
      "extrahepaticSpread",
    ]);
  });
});

describe("AFP model (scores.md §6.7)", () => {
  it.each([
    [[3.0, 2.0, 1.0], 100, 0, "low"],
    [[6.0], 150, 3, "high"],
    [[6.1, 1, 1, 1], 100.1, 8, "high"],
    [[3.1], 10, 1, "low"],
    [[2], 1000, 2, "low"],
    [[2], 1000.1, 3, "high"],
  ])("%j, AFP %s → %s (%s)", (sizes, afp, score, risk) => {
    const r = afpModel(p(sizes, [afp, "ng/mL"]));
    expect(r.status === "ok" && [r.score, r.risk]).toEqual([score, risk]);
  });
  it("IU/mL: 100 IU/mL = 121 ng/mL → 2 AFP points, assumption stated", () => {
    const r = afpModel(p([2], [100, "IU/mL"]));
    expect(r.status === "ok" && [r.points.afp, r.assumptions?.length]).toEqual([2, 1]);
  });
  it("missing", () => {
    const r = afpModel(parseCase({}).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual(["tumors", "afp"]);
  });
});

describe("properties", () => {
  it("never throw", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 60, noNaN: true }), { maxLength: 8 }),
        fc.double({ min: -1, max: 1e6, noNaN: true }),
        (sizes, afp) => {
          const c = p(sizes, [afp, "ng/mL"]);
          for (const r of [unosDownstaging(c), metroticket2(c), afpModel(c)])
            expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});
