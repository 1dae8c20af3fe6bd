/**
 * A Kaplan–Meier plot as a standalone SVG document: step curves, confidence bands, censor ticks
 * (one per time with censoring, at the curve's height), the number-at-risk table under the plot
 * at the x-axis ticks, axis labels, a legend, and an accessible `<title>` and `<desc>` (the
 * groups with n, events and median). Pure; the same string serves the CLI (`--svg`) and the web
 * cohort page. Only presentation attributes are used (no `style`), so the page's strict CSP
 * applies unchanged. Colours: Okabe & Ito's colour-blind-safe palette.
 */
import { type KmCurve, medianSurvival, numberAtRisk } from "./kaplan-meier.js";

export interface KmSeries {
  readonly label: string;
  readonly curve: KmCurve;
}

export interface KmPlotOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel?: string;
  /** Prefix of the element ids (title, desc), unique within a page. */
  readonly id?: string;
  readonly width?: number;
  /** Times of the x-axis ticks and the number-at-risk table (default: {@link atRiskTimes}). */
  readonly times?: readonly number[];
  /** Draw the confidence bands (default true). */
  readonly bands?: boolean;
  /**
   * "incidence": the curves' `surv` holds a cumulative incidence (rising from 0), e.g. the
   * Aalen–Johansen estimate with the all-cause numbers at risk; no medians in the description.
   */
  readonly kind?: "survival" | "incidence";
}

export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;

/** Evenly spaced "pretty" times from 0 covering `max` (steps of 1, 2, 2.5 or 5 × 10^k; about 5–8 ticks). */
export function atRiskTimes(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let k = 0; k * step <= max + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const r2 = (x: number): string => String(Math.round(x * 100) / 100);

function fmtNum(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** The step function's points: (0, 1), then at each time the previous and the new value. */
function steps(
  time: readonly number[],
  y: readonly number[],
  fallback: readonly number[],
  from = 1,
): [number, number][] {
  const pts: [number, number][] = [[0, from]];
  let prev = from;
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    const raw = y[i] as number;
    const v = Number.isNaN(raw) ? (fallback[i] as number) : raw;
    if (v !== prev) pts.push([t, prev], [t, v]);
    prev = v;
  }
  const last = time.at(-1);
  if (last !== undefined) pts.push([last, prev]);
  return pts;
}

/** Renders the plot. Curves are drawn in the order given, coloured from {@link PALETTE}. */
export function kmSvg(series: readonly KmSeries[], options: KmPlotOptions): string {
  const id = options.id ?? "km";
  const width = options.width ?? 760;
  const longest = Math.max(0, ...series.map((s) => s.label.length));
  const left = Math.max(64, 36 + Math.ceil(longest * 7.5));
  const right = 28;
  const top = 56;
  const plotH = 300;
  const plotW = width - left - right;
  const maxTime = Math.max(0, ...series.flatMap((s) => s.curve.time));
  const times = options.times ?? atRiskTimes(maxTime);
  const xMax = Math.max(maxTime, times.at(-1) ?? 0) || 1;
  const x = (t: number) => left + (t / xMax) * plotW;
  const y = (s: number) => top + (1 - s) * plotH;
  const rowH = 20;
  const tableTop = top + plotH + 62;
  const height = tableTop + 24 + series.length * rowH + 12;
  const color = (k: number) => PALETTE[k % PALETTE.length] as string;
  const pathOf = (pts: readonly [number, number][]) =>
    pts.map(([t, s], i) => `${i === 0 ? "M" : "L"}${r2(x(t))} ${r2(y(s))}`).join(" ");

  const incidence = options.kind === "incidence";
  const from = incidence ? 0 : 1;
  const summary = series.map((s) => {
    if (incidence) return `${s.label}: n = ${s.curve.n}, ${fmtNum(s.curve.surv.at(-1) ?? 0)} at the end`;
    const m = medianSurvival(s.curve);
    const median = m.median === null ? "median not reached" : `median ${fmtNum(m.median)}`;
    return `${s.label}: n = ${s.curve.n}, ${s.curve.events} events, ${median}`;
  });
  const desc = incidence
    ? `Cumulative incidence (Aalen–Johansen) of each event type against ${options.xLabel}, other event types competing, with censoring marks. ${summary.join("; ")}.`
    : `Kaplan–Meier estimate of the survival probability against ${options.xLabel}, with ${Math.round(
        (series[0]?.curve.confLevel ?? 0.95) * 100,
      )}% confidence bands and censoring marks. ${summary.join("; ")}.`;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`,
    `<title id="${id}-title">${esc(options.title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    // Shrunk to fit the width (bold sans-serif is about 0.62 em per character).
    `<text x="${left}" y="22" font-size="${r2(Math.min(15, (width - left - 8) / (0.62 * Math.max(1, options.title.length))))}" font-weight="bold" fill="#111111">${esc(options.title)}</text>`,
  );
  // Legend.
  let lx = left;
  series.forEach((s, k) => {
    out.push(
      `<g class="legend-item"><line x1="${lx}" y1="40" x2="${lx + 18}" y2="40" stroke="${color(k)}" stroke-width="2.5"/><text x="${lx + 22}" y="44" fill="#111111">${esc(s.label)}</text></g>`,
    );
    lx += 30 + 7 * s.label.length + 12;
  });
  // Grid and axes.
  out.push('<g class="axes" stroke="#444444" fill="#111111">');
  for (const s of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    out.push(
      `<line x1="${left}" y1="${r2(y(s))}" x2="${left + plotW}" y2="${r2(y(s))}" stroke="#dddddd"/>`,
      `<text x="${left - 8}" y="${r2(y(s) + 4)}" text-anchor="end" stroke="none">${s.toFixed(1)}</text>`,
    );
  }
  out.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}"/>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}"/>`,
  );
  for (const t of times) {
    out.push(
      `<line class="x-tick" x1="${r2(x(t))}" y1="${top + plotH}" x2="${r2(x(t))}" y2="${top + plotH + 5}"/>`,
      `<text x="${r2(x(t))}" y="${top + plotH + 18}" text-anchor="middle" stroke="none">${fmtNum(t)}</text>`,
    );
  }
  out.push(
    `<text class="x-label" x="${left + plotW / 2}" y="${top + plotH + 38}" text-anchor="middle" stroke="none">${esc(options.xLabel)}</text>`,
    `<text class="y-label" transform="translate(18 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" stroke="none">${esc(options.yLabel ?? (incidence ? "Cumulative incidence" : "Survival probability"))}</text>`,
    "</g>",
  );
  // Bands, then curves, then censor ticks, so that lines sit on top.
  if (options.bands ?? true) {
    series.forEach((s, k) => {
      const c = s.curve;
      const upper = steps(c.time, c.upper, c.surv, from);
      const lower = steps(c.time, c.lower, c.surv, from);
      const d = `${pathOf(upper)} ${pathOf([...lower].reverse()).replace(/^M/, "L")} Z`;
      out.push(
        `<path class="ci-band" data-group="${esc(s.label)}" d="${d}" fill="${color(k)}" fill-opacity="0.15" stroke="none"/>`,
      );
    });
  }
  series.forEach((s, k) => {
    const c = s.curve;
    out.push(
      `<path class="km-curve" data-group="${esc(s.label)}" d="${pathOf(steps(c.time, c.surv, c.surv, from))}" fill="none" stroke="${color(k)}" stroke-width="2"/>`,
    );
  });
  series.forEach((s, k) => {
    const c = s.curve;
    const ticks: string[] = [];
    for (let i = 0; i < c.time.length; i++) {
      if ((c.nCensor[i] as number) === 0) continue;
      const cx = r2(x(c.time[i] as number));
      const cy = y(c.surv[i] as number);
      ticks.push(`<line class="censor-tick" x1="${cx}" y1="${r2(cy - 5)}" x2="${cx}" y2="${r2(cy + 5)}"/>`);
    }
    out.push(
      `<g class="censor-ticks" data-group="${esc(s.label)}" stroke="${color(k)}" stroke-width="1.5">${ticks.join("")}</g>`,
    );
  });
  // Number at risk.
  out.push(
    `<g class="at-risk" fill="#111111"><text x="${left}" y="${tableTop}" font-weight="bold">Number at risk</text>`,
  );
  series.forEach((s, k) => {
    const rowY = tableTop + 22 + k * rowH;
    const cells = numberAtRisk(s.curve, times)
      .map(
        (n, i) =>
          `<text class="n-risk" x="${r2(x(times[i] as number))}" y="${rowY}" text-anchor="middle">${n}</text>`,
      )
      .join("");
    out.push(
      `<g class="at-risk-row" data-group="${esc(s.label)}"><text x="${left - 20}" y="${rowY}" text-anchor="end" fill="${color(k)}" font-weight="bold">${esc(s.label)}</text>${cells}</g>`,
    );
  });
  out.push("</g>", "</svg>");
  return `${out.join("\n")}\n`;
}
