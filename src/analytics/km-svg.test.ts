import { describe, expect, it } from "vitest";
import { kaplanMeier, numberAtRisk } from "./kaplan-meier.js";
import { atRiskTimes, kmSvg } from "./km-svg.js";

/** R's `aml` (survival package): maintained and non-maintained chemotherapy, weeks. */
const MAINTAINED = {
  time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
  status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
};
const NON = {
  time: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  status: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
};

const all = (svg: string, re: RegExp): RegExpExecArray[] => [...svg.matchAll(new RegExp(re, "g"))];

describe("KM plot as SVG", () => {
  const a = kaplanMeier(MAINTAINED.time, MAINTAINED.status);
  const b = kaplanMeier(NON.time, NON.status);
  const svg = kmSvg(
    [
      { label: "Maintained", curve: a },
      { label: "Non-maintained <x>", curve: b },
    ],
    { title: "AML & maintenance", xLabel: "Weeks", id: "aml" },
  );

  it("is an accessible standalone SVG with title, desc and axis labels", () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img" aria-labelledby="aml-title aml-desc"');
    expect(svg).toContain('<title id="aml-title">AML &amp; maintenance</title>');
    const desc = /<desc id="aml-desc">([^<]*)<\/desc>/.exec(svg)?.[1] ?? "";
    // Medians as R's print(survfit): 31 and 23 weeks.
    expect(desc).toContain("Maintained: n = 11, 7 events, median 31");
    expect(desc).toContain("Non-maintained &lt;x&gt;: n = 12, 11 events, median 23");
    expect(svg).toContain(">Weeks</text>");
    expect(svg).toContain(">Survival probability</text>");
    expect(svg).not.toContain("style=");
    expect(svg).not.toContain("<x>");
  });

  it("draws one step curve and one band per group", () => {
    expect(all(svg, /class="km-curve"/)).toHaveLength(2);
    expect(all(svg, /class="ci-band"/)).toHaveLength(2);
    // The curve starts at (t = 0, S = 1): the plot's top-left corner.
    const d = /class="km-curve" data-group="Maintained" d="M([\d.]+) ([\d.]+)/.exec(svg);
    const origin = /class="x-tick" x1="([\d.]+)"/.exec(svg)?.[1];
    expect(d?.slice(1)).toEqual([origin, "56"]);
    // One vertical drop per event time: 7 distinct event times in the maintained group.
    const path = /class="km-curve" data-group="Maintained" d="([^"]+)"/.exec(svg)?.[1] ?? "";
    const eventTimes = a.time.filter((_, i) => (a.nEvent[i] as number) > 0).length;
    expect((path.match(/L/g) ?? []).length).toBe(2 * eventTimes + 1);
  });

  it("marks every censoring time at the curve", () => {
    const ticks = (label: string) =>
      all(svg, new RegExp(`class="censor-ticks" data-group="${label}"[^>]*>(.*?)</g>`))[0]?.[1] ?? "";
    const censored = (c: typeof a) => c.time.filter((_, i) => (c.nCensor[i] as number) > 0).length;
    expect(all(ticks("Maintained"), /class="censor-tick"/)).toHaveLength(censored(a));
    expect(censored(a)).toBe(4);
    expect(all(ticks("Non-maintained &lt;x&gt;"), /class="censor-tick"/)).toHaveLength(1);
  });

  it("puts the KM table's number at risk under the plot at the axis ticks", () => {
    const times = atRiskTimes(161);
    expect(times).toEqual([0, 50, 100, 150]);
    const rows = all(svg, /<g class="at-risk-row" data-group="([^"]+)">(.*?)<\/g>/);
    expect(rows.map((r) => r[1])).toEqual(["Maintained", "Non-maintained &lt;x&gt;"]);
    const numbers = (row: string) => all(row, /class="n-risk"[^>]*>(\d+)</).map((m) => Number(m[1]));
    expect(numbers(rows[0]?.[2] ?? "")).toEqual(numberAtRisk(a, times));
    expect(numbers(rows[0]?.[2] ?? "")).toEqual([11, 1, 1, 1]);
    expect(numbers(rows[1]?.[2] ?? "")).toEqual(numberAtRisk(b, times));
    expect(all(svg, /class="x-tick"/)).toHaveLength(times.length);
  });

  it("pretty times", () => {
    expect(atRiskTimes(0)).toEqual([0]);
    expect(atRiskTimes(30)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(atRiskTimes(7.3)).toEqual([0, 2, 4, 6]);
  });
});
