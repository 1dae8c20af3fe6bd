/**
 * Change in quality of life between two time points (response-followup.md §5.1, §5.3).
 *
 * EORTC scales: Δ = later − earlier; size by Osoba 1998 [R]: < 5 none, 5–10 small, 10–20
 * moderate, > 20 large ([CHOICE] 10 and 20 fall in the lower band); direction "improved" when a
 * functional/global score rises or a symptom score falls.
 * FACT-Hep: Δ compared with the lower bound of the minimal important difference (Steel 2006):
 * |Δ| ≥ MID is an important change; higher is better for every FACT score.
 */
import { cite } from "../evidence/index.js";
import type { EortcScores, ScaleScore } from "./eortc.js";
import { FACT_MID, type FactHepScores, type FactSubscale } from "./fact-hep.js";

export type ChangeSize = "none" | "small" | "moderate" | "large";
export type Direction = "improved" | "worsened" | "unchanged";

export interface ScaleChange {
  readonly code: string;
  readonly from: number | null;
  readonly to: number | null;
  readonly delta: number | null;
  readonly size: ChangeSize | null;
  readonly direction: Direction | null;
}

export const OSOBA_BANDS = { small: 5, moderate: 10, large: 20 } as const;

export function osobaSize(delta: number): ChangeSize {
  const d = Math.abs(delta);
  if (d < OSOBA_BANDS.small) return "none";
  if (d <= OSOBA_BANDS.moderate) return "small";
  if (d <= OSOBA_BANDS.large) return "moderate";
  return "large";
}

function r4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function eortcChange(earlier: readonly ScaleScore[], later: readonly ScaleScore[]): ScaleChange[] {
  return earlier.map((a) => {
    const b = later.find((x) => x.code === a.code);
    const from = a.score;
    const to = b?.score ?? null;
    if (from === null || to === null)
      return { code: a.code, from, to, delta: null, size: null, direction: null };
    const delta = r4(to - from);
    const size = osobaSize(delta);
    const better = a.type === "symptom" ? delta < 0 : delta > 0;
    return {
      code: a.code,
      from,
      to,
      delta,
      size,
      direction: size === "none" ? "unchanged" : better ? "improved" : "worsened",
    };
  });
}

export function qlqC30Change(earlier: EortcScores, later: EortcScores) {
  const summary =
    earlier.summaryScore === null || later.summaryScore === null
      ? null
      : r4(later.summaryScore - earlier.summaryScore);
  return {
    scales: eortcChange(earlier.scales, later.scales),
    summaryDelta: summary,
    citation: cite("aaronson1993Qlqc30", "fayers2001Qlqc30Manual"),
  };
}

export interface FactChange {
  readonly score: string;
  readonly delta: number | null;
  readonly mid: number;
  readonly important: boolean | null;
  readonly direction: Direction | null;
}

export function factHepChange(earlier: FactHepScores, later: FactHepScores): FactChange[] {
  const one = (score: string, a: number | null, b: number | null, mid: number): FactChange => {
    if (a === null || b === null) return { score, delta: null, mid, important: null, direction: null };
    const delta = r4(b - a);
    const important = Math.abs(delta) >= mid;
    return {
      score,
      delta,
      mid,
      important,
      direction: !important ? "unchanged" : delta > 0 ? "improved" : "worsened",
    };
  };
  const subs = (Object.keys(earlier.subscales) as FactSubscale[]).map((k) =>
    one(k, earlier.subscales[k], later.subscales[k], k === "hcs" ? FACT_MID.hcs : FACT_MID.subscale),
  );
  return [
    ...subs,
    one("factG", earlier.factG, later.factG, FACT_MID.factG),
    one("factHep", earlier.factHep, later.factHep, FACT_MID.factHep),
    one("toi", earlier.toi, later.toi, FACT_MID.toi),
  ];
}
