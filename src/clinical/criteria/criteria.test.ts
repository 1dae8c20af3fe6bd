import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { tumorBurden } from "./burden.js";
import { milan } from "./milan.js";
import { sixAndTwelve } from "./six-and-twelve.js";
import { ucsf } from "./ucsf.js";
import { upToSeven } from "./up-to-seven.js";

function parsed(diameters: readonly (number | null)[] | undefined, extra: Record<string, unknown> = {}) {
  return parseCase({
    ...(diameters ? { tumors: diameters.map((d) => ({ diameterCm: d })) } : {}),
    vascularInvasion: { present: false },
    extrahepaticSpread: false,
    ...extra,
  }).parsed;
}

function within(r: { status: string; within?: boolean }): boolean | string {
  return r.status === "ok" ? (r.within as boolean) : r.status;
}

describe("Milan (scores.md §6.1): both sides of every boundary", () => {
  it.each([
    [[5.0], true],
    [[5.1], false],
    [[3.0, 3.0, 2.0], true],
    [[3.1, 2, 1], false],
    [[3.0, 3.0], true],
    [[3.1, 1.0], false],
    [[1.5, 1.5, 1.5, 1.5], false],
  ])("%j → within %s", (d, expected) => {
    expect(within(milan(parsed(d)))).toBe(expected);
  });

  it("macrovascular invasion or extrahepatic spread → beyond", () => {
    expect(within(milan(parsed([2], { vascularInvasion: { present: true } })))).toBe(false);
    expect(within(milan(parsed([2], { vascularInvasion: { portalVein: "Vp1" } })))).toBe(false);
    expect(within(milan(parsed([2], { extrahepaticSpread: true })))).toBe(false);
  });

  it("reports count and largest, cites Mazzaferro 1996", () => {
    const r = milan(parsed([3.0, 3.0, 2.0]));
    expect(r).toMatchObject({ status: "ok", rule: "milan", tumorCount: 3, largestCm: 3, within: true });
    expect(r.citation).toContain("Mazzaferro");
    expect(r.reason).toMatch(/Within Milan/);
  });

  it("missing inputs are named exactly as the reference vectors", () => {
    const r = milan(parseCase({}).parsed);
    expect(r.status).toBe("indeterminate");
    if (r.status === "indeterminate") {
      expect([...r.missing].sort()).toEqual(["extrahepaticSpread", "macrovascularInvasion", "tumors"]);
    }
    const m = milan(parseCase({ tumors: [{ diameterCm: 2 }] }).parsed);
    expect(m.status === "indeterminate" && [...m.missing].sort()).toEqual([
      "extrahepaticSpread",
      "macrovascularInvasion",
    ]);
  });

  it("a known beyond-fact decides even when other inputs are missing", () => {
    expect(within(milan(parseCase({ vascularInvasion: { present: true } }).parsed))).toBe(false);
    expect(within(milan(parseCase({ tumors: [{ diameterCm: 5.1 }] }).parsed))).toBe(false);
  });

  it("tumorCountTotal: > 3 decides beyond; 2 with one unmeasured is indeterminate", () => {
    const many = milan(parsed([2.0, 1.5, 1.0], { tumorCountTotal: 6 }));
    expect(many).toMatchObject({
      status: "ok",
      within: false,
      tumorCount: 6,
      largestCm: null,
      unmeasuredNodules: 3,
    });
    const two = milan(parsed([2.0], { tumorCountTotal: 2 }));
    expect(two.status === "indeterminate" && two.missing).toEqual(["tumors[].diameterCm (all 2 nodules)"]);
    expect(within(milan(parsed([3.5], { tumorCountTotal: 2 })))).toBe(false);
    expect(within(milan(parsed([2.0, null])))).toBe("indeterminate");
  });

  it("invalid tumour input → invalid", () => {
    expect(milan(parsed([-1])).status).toBe("invalid");
    expect(milan(parseCase({ tumors: [] }).parsed).status).toBe("invalid");
    expect(milan(parsed([2], { extrahepaticSpread: "no" })).status).toBe("invalid");
  });
});

describe("UCSF (scores.md §6.2)", () => {
  it.each([
    [[6.5], true],
    [[6.6], false],
    [[4.5, 3.5], true],
    [[4.6, 3.4], false],
    [[3, 3, 2], true],
    [[3, 3, 2.1], false],
    [[4.5, 3.6], false],
    [[1, 1, 1, 1], false],
  ])("%j → within %s", (d, expected) => {
    expect(within(ucsf(parsed(d)))).toBe(expected);
  });

  it("total diameter is exact (4.5 + 3.5 = 8.0; 0.1 + 0.2 sums do not drift)", () => {
    expect(ucsf(parsed([4.5, 3.5]))).toMatchObject({ totalDiameterCm: 8 });
    expect(ucsf(parsed([4.4, 3.5, 0.1]))).toMatchObject({ totalDiameterCm: 8, within: true });
  });

  it("a known partial sum > 8 decides beyond with unmeasured nodules", () => {
    expect(within(ucsf(parsed([4.5, 4.0], { tumorCountTotal: 3 })))).toBe(false);
    expect(within(ucsf(parsed([4.0, 3.0], { tumorCountTotal: 3 })))).toBe("indeterminate");
  });
});

describe("up-to-seven (scores.md §6.3)", () => {
  it.each([
    [[5.0, 2.0], 7, true],
    [[5.1, 2.0], 7.1, false],
    [[1, 1, 1, 1, 1, 1], 7, true],
    [[6.5], 7.5, false],
  ])("%j → sum %s within %s", (d, sum, w) => {
    expect(upToSeven(parsed(d))).toMatchObject({ status: "ok", sum, within: w });
  });

  it("ignores macrovascular invasion (size + number only)", () => {
    expect(within(upToSeven(parsed([2], { vascularInvasion: { present: true } })))).toBe(true);
  });

  it("missing, invalid and lower-bound decisions", () => {
    const r = upToSeven(parseCase({}).parsed);
    expect(r.status === "indeterminate" && r.missing).toEqual(["tumors"]);
    expect(upToSeven(parsed([0])).status).toBe("invalid");
    expect(upToSeven(parseCase({ tumorCountTotal: 7 }).parsed)).toMatchObject({
      status: "ok",
      within: false,
      sum: null,
    });
    expect(upToSeven(parseCase({ tumorCountTotal: 6 }).parsed).status).toBe("indeterminate");
    expect(upToSeven(parsed([4], { tumorCountTotal: 4 }))).toMatchObject({ status: "ok", within: false });
  });
});

describe("six-and-twelve (scores.md §6.4)", () => {
  it.each([
    [[5.0], 6, "low"],
    [[5.1], 6.1, "intermediate"],
    [[11.0], 12, "intermediate"],
    [[11.1], 12.1, "high"],
    [[11.1, 1.0], 13.1, "high"],
  ])("%j → %s %s", (d, sum, stratum) => {
    expect(sixAndTwelve(parsed(d))).toMatchObject({ status: "ok", sum, stratum });
  });

  it("lower bound > 12 decides high; otherwise indeterminate", () => {
    expect(sixAndTwelve(parsed([10], { tumorCountTotal: 3 }))).toMatchObject({ stratum: "high", sum: null });
    expect(sixAndTwelve(parsed([2], { tumorCountTotal: 3 })).status).toBe("indeterminate");
  });
});

describe("burden summary", () => {
  it("is computed once per parsed case", () => {
    const c = parsed([3, 2]);
    expect(tumorBurden(c)).toBe(tumorBurden(c));
    expect(tumorBurden(c)).toMatchObject({
      state: "present",
      value: { count: 2, sumKnownCm: 5, largestKnownCm: 3 },
    });
  });
});

describe("properties", () => {
  const diameter = fc.integer({ min: 1, max: 200 }).map((x) => x / 10);
  const tumours = fc.array(diameter, { minLength: 1, maxLength: 8 });

  it("never throw on arbitrary input", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const c = parseCase(input).parsed;
        for (const r of [milan(c), ucsf(c), upToSeven(c), sixAndTwelve(c)]) {
          expect(["ok", "indeterminate", "invalid"]).toContain(r.status);
        }
      }),
    );
    fc.assert(
      fc.property(
        fc.record({
          tumors: fc.option(
            fc.array(fc.record({ diameterCm: fc.option(fc.double({ noNaN: false }), { nil: undefined }) })),
          ),
          tumorCountTotal: fc.option(fc.integer({ min: -2, max: 20 })),
          vascularInvasion: fc.option(fc.record({ present: fc.boolean() })),
          extrahepaticSpread: fc.option(fc.oneof(fc.boolean(), fc.string())),
        }),
        (input) => {
          const c = parseCase(input).parsed;
          milan(c);
          ucsf(c);
          upToSeven(c);
          sixAndTwelve(c);
        },
      ),
    );
  });

  it("adding a nodule never moves Milan or UCSF from beyond to within, nor lowers up-to-seven's sum", () => {
    fc.assert(
      fc.property(tumours, diameter, fc.boolean(), (d, extra, mvi) => {
        const before = parsed(d, { vascularInvasion: { present: mvi } });
        const after = parsed([...d, extra], { vascularInvasion: { present: mvi } });
        if (within(milan(before)) === false) expect(within(milan(after))).toBe(false);
        if (within(ucsf(before)) === false) expect(within(ucsf(after))).toBe(false);
        const s0 = upToSeven(before);
        const s1 = upToSeven(after);
        if (s0.status === "ok" && s1.status === "ok")
          expect(s1.sum as number).toBeGreaterThan(s0.sum as number);
      }),
    );
  });

  it("mm-precision sums are exact (no floating-point drift at the cut-offs)", () => {
    fc.assert(
      fc.property(tumours, (d) => {
        const r = ucsf(parsed(d));
        if (r.status === "ok" && r.totalDiameterCm !== null) {
          expect(r.totalDiameterCm).toBe(Math.round(d.reduce((a, b) => a + b * 10, 0)) / 10);
        }
      }),
    );
  });
});
