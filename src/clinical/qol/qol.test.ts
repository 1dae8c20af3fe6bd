import { describe, expect, it } from "vitest";
import { eortcChange, factHepChange, osobaSize, qlqC30Change } from "./change.js";
import { readEortcAnswers, scoreQlqC30, scoreQlqHcc18 } from "./eortc.js";
import { readFactItems, scoreFactHep } from "./fact-hep.js";

const answers = (m: Record<number, number | null>) => {
  const r = readEortcAnswers(m);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.answers;
};
const all = (from: number, to: number, v: (i: number) => number) => {
  const m: Record<number, number> = {};
  for (let i = from; i <= to; i++) m[i] = v(i);
  return m;
};
const scale = (s: ReturnType<typeof scoreQlqC30>, code: string) =>
  s.scales.find((x) => x.code === code)?.score;

describe("EORTC QLQ-C30 linear transformation (§5.1)", () => {
  it("best answers: functional 100, symptoms 0, global QoL 100; worst: the reverse", () => {
    const best = scoreQlqC30(answers(all(1, 30, (i) => (i >= 29 ? 7 : 1))));
    expect(scale(best, "PF2")).toBe(100);
    expect(scale(best, "FA")).toBe(0);
    expect(scale(best, "QL2")).toBe(100);
    expect(best.summaryScore).toBe(100);
    const worst = scoreQlqC30(answers(all(1, 30, (i) => (i >= 29 ? 1 : 4))));
    expect(scale(worst, "PF2")).toBe(0);
    expect(scale(worst, "DY")).toBe(100);
    expect(scale(worst, "QL2")).toBe(0);
    expect(worst.summaryScore).toBe(0);
  });
  it("QL2 (range 6): items 5 and 6 → RS 5.5 → 75", () => {
    expect(scale(scoreQlqC30(answers({ 29: 5, 30: 6 })), "QL2")).toBe(75);
  });
  it("half-items rule: PF needs 3 of 5, EF 2 of 4, two-item scales 1, single items their item", () => {
    const s = scoreQlqC30(answers({ 1: 1, 2: 2, 3: 2, 21: 2, 22: 3, 26: 4, 8: null }));
    expect(scale(s, "PF2")).toBeCloseTo((1 - (5 / 3 - 1) / 3) * 100, 4); // 3 of 5 answered
    expect(scale(s, "EF")).toBeCloseTo((1 - (2.5 - 1) / 3) * 100, 4); // 2 of 4
    expect(scale(s, "SF")).toBe(0); // 1 of 2: item 26 = 4
    expect(scale(s, "DY")).toBeNull();
    expect(s.summaryScore).toBeNull();
    expect(scale(scoreQlqC30(answers({ 1: 1, 2: 2 })), "PF2")).toBeNull(); // 2 of 5
    expect(scale(scoreQlqC30(answers({ 21: 1 })), "EF")).toBeNull(); // 1 of 4
  });
  it("rejects answers off the scale, naming the item", () => {
    const r = readEortcAnswers({ 3: 5, 29: 8, 30: 7, 49: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join(" ")).toMatch(/item 3.*item 29.*49/);
  });
});

describe("EORTC QLQ-HCC18 (§5.2)", () => {
  it("scores items 31–48 as symptom scales with the half rule", () => {
    const h = scoreQlqHcc18(answers({ ...all(31, 48, () => 1), 45: 4, 46: 4, 47: 1, 33: null, 35: null }));
    const get = (c: string) => h.find((x) => x.code === c)?.score;
    expect(get("HCCFI")).toBe(66.6667);
    expect(get("HCCBI")).toBeNull(); // 0 of 2 answered
    expect(get("HCCNU")).toBe(0);
    expect(get("HCCSX")).toBe(0);
  });
});

describe("FACT-Hep (§5.3)", () => {
  const full = (v: number) => ({
    physical: Array(7).fill(v),
    social: Array(7).fill(v),
    emotional: Array(6).fill(v),
    functional: Array(7).fill(v),
    hcs: Array(18).fill(v),
  });
  const items = (x: unknown) => {
    const r = readFactItems(x);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.items;
  };
  it("maximum scores: FACT-G 108, HCS 72, FACT-Hep 180, TOI 128", () => {
    const s = scoreFactHep(items(full(4)));
    expect(s.factG).toBe(108);
    expect(s.subscales.hcs).toBe(72);
    expect(s.factHep).toBe(180);
    expect(s.toi).toBe(128);
  });
  it("prorates a subscale with > 50 % answered; not with 50 % or less; totals need > 80 %", () => {
    const x = full(2);
    x.physical = [4, 4, 4, 4, null, null, null];
    const s = scoreFactHep(items(x));
    expect(s.subscales.physical).toBe(28); // 16 × 7 / 4
    const y = full(2);
    y.emotional = [4, 4, 4, null, null, null];
    expect(scoreFactHep(items(y)).subscales.emotional).toBeNull();
    expect(scoreFactHep(items(y)).factG).toBeNull();
    const z = full(2);
    z.physical = [2, 2, 2, 2, null, null, null];
    z.social = [2, 2, 2, 2, null, null, null];
    z.emotional = [2, 2, 2, 2, null, null];
    z.functional = [2, 2, 2, 2, null, null, null];
    // every subscale valid (> 50 %), but 16 of 27 FACT-G items (59 %) ≤ 80 %: totals missing
    expect(scoreFactHep(items(z)).subscales.physical).toBe(14);
    expect(scoreFactHep(items(z)).factG).toBeNull();
    expect(scoreFactHep(items(z)).factHep).toBeNull();
  });
  it("MID change: FACT-Hep +8 is important, +7 is not", () => {
    const a = scoreFactHep(items(full(2)));
    const b = { ...a, factHep: (a.factHep as number) + 8 };
    const c = { ...a, factHep: (a.factHep as number) + 7 };
    expect(factHepChange(a, b).find((x) => x.score === "factHep")?.important).toBe(true);
    expect(factHepChange(a, c).find((x) => x.score === "factHep")?.direction).toBe("unchanged");
  });
});

describe("change between time points (Osoba bands)", () => {
  it("bands at 5, 10 and 20 points", () => {
    expect([4.99, 5, 10, 10.01, 20, 20.01].map(osobaSize)).toEqual([
      "none",
      "small",
      "small",
      "moderate",
      "moderate",
      "large",
    ]);
  });
  it("a falling symptom score is an improvement; a falling function score a worsening", () => {
    const before = scoreQlqC30(answers(all(1, 30, (i) => (i >= 29 ? 4 : 3))));
    const after = scoreQlqC30(answers(all(1, 30, (i) => (i >= 29 ? 4 : 2))));
    const ch = eortcChange(before.scales, after.scales);
    expect(ch.find((x) => x.code === "FA")?.direction).toBe("improved");
    expect(ch.find((x) => x.code === "PF2")?.direction).toBe("improved");
    expect(ch.find((x) => x.code === "QL2")?.direction).toBe("unchanged");
    expect(qlqC30Change(before, after).summaryDelta).toBeCloseTo(33.333, 3);
  });
});
