/**
 * Kaplan–Meier estimator with Greenwood variance, as R's `survfit(Surv(time, status) ~ 1)`
 * (survival 3.5) computes it with its defaults (`stype = 1`, `ctype = 1`).
 *
 * - Every distinct time is a row, censor-only times included (`nEvent` 0), as in survfit.
 * - `stdErr` is survfit's `std.err`: the Greenwood standard error of the cumulative hazard
 *   −log S, √Σ d/(n(n−d)) (Greenwood M. The natural duration of cancer. 1926); it is +∞ once
 *   everyone left at risk dies. `stdErrSurv` = S × stdErr.
 * - Confidence bands follow `survival:::survfit_confint`: "log" S·exp(∓z·se) capped at 1
 *   (R's default), "log-log" exp(−exp(log(−log S) ∓ z·se/log S)), "plain" S ∓ z·se·S
 *   clipped to [0, 1]. Where R gives NA (S = 0, or S = 1 for log-log) the band is NaN.
 * - Median and its CI follow `summary(survfit)$table` (the `minmin` rule): the first time the
 *   curve (or band) is below 0.5 + √ε; at exactly 0.5, the midpoint to the next lower step.
 */
import { zForConfidence } from "./distributions.js";
import { rankAll } from "./order.js";

export type ConfType = "log" | "log-log" | "plain";

export interface KmOptions {
  /** Confidence band transform; R's default is "log". */
  readonly confType?: ConfType;
  /** Confidence level, default 0.95. */
  readonly confLevel?: number;
}

export interface KmCurve {
  readonly n: number;
  readonly events: number;
  readonly confType: ConfType;
  readonly confLevel: number;
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly number[];
  readonly stdErr: readonly number[];
  readonly stdErrSurv: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/**
 * Kaplan–Meier curve. `time` must be finite and `status` 0 (censored) or 1 (event); the
 * caller drops rows with missing values first (R's na.omit).
 */
export function kaplanMeier(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  options: KmOptions = {},
): KmCurve {
  const confType = options.confType ?? "log";
  const confLevel = options.confLevel ?? 0.95;
  const n = time.length;
  // One hash pass: rows and events per distinct time.
  const { distinct, rank } = rankAll(time);
  const m = distinct.length;
  const atTime = new Float64Array(m);
  const eventsAt = new Float64Array(m);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const r = rank[i] as number;
    atTime[r] = (atTime[r] as number) + 1;
    if (status[i] === 1) {
      eventsAt[r] = (eventsAt[r] as number) + 1;
      events++;
    }
  }

  const out = {
    time: new Array<number>(m),
    nRisk: new Array<number>(m),
    nEvent: new Array<number>(m),
    nCensor: new Array<number>(m),
    surv: new Array<number>(m),
    stdErr: new Array<number>(m),
    stdErrSurv: new Array<number>(m),
    lower: new Array<number>(m),
    upper: new Array<number>(m),
  };
  const z = zForConfidence(confLevel);
  let atRisk = n;
  let s = 1;
  let varHaz = 0;
  for (let j = 0; j < m; j++) {
    const t = distinct[j] as number;
    const total = atTime[j] as number;
    const d = eventsAt[j] as number;
    if (d > 0) {
      s *= 1 - d / atRisk;
      varHaz += atRisk === d ? Number.POSITIVE_INFINITY : d / (atRisk * (atRisk - d));
    }
    const se = Math.sqrt(varHaz);
    const [lo, hi] = band(s, se, z, confType);
    out.time[j] = t;
    out.nRisk[j] = atRisk;
    out.nEvent[j] = d;
    out.nCensor[j] = total - d;
    out.surv[j] = s;
    out.stdErr[j] = se;
    out.stdErrSurv[j] = s * se;
    out.lower[j] = lo;
    out.upper[j] = hi;
    atRisk -= total;
  }
  return { n, events, confType, confLevel, ...out };
}

/** One confidence band point, as `survival:::survfit_confint` (ulimit = TRUE). */
function band(s: number, se: number, z: number, confType: ConfType): [number, number] {
  switch (confType) {
    case "log": {
      if (s === 0) return [Number.NaN, Number.NaN];
      const ls = Math.log(s);
      return [Math.exp(ls - z * se), Math.min(Math.exp(ls + z * se), 1)];
    }
    case "log-log": {
      if (s === 0 || s === 1) return [Number.NaN, Number.NaN];
      const ll = Math.log(-Math.log(s));
      const w = (z * se) / Math.log(s);
      return [Math.exp(-Math.exp(ll - w)), Math.exp(-Math.exp(ll + w))];
    }
    case "plain": {
      const w = z * se * s;
      return [Math.max(s - w, 0), Math.min(s + w, 1)];
    }
  }
}

export interface MedianSurvival {
  readonly n: number;
  readonly events: number;
  /** null when the curve (or band) never falls below one half: "not reached". */
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

const HALF_TOLERANCE = Math.sqrt(2 ** -52);

/** R's `survmean` `minmin`: first time y < 0.5 + √ε; at exactly 0.5, midpoint to the next drop. */
function firstBelowHalf(y: readonly number[], x: readonly number[]): number | null {
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (!Number.isNaN(v) && v < 0.5 + HALF_TOLERANCE) keep.push(i);
  }
  if (keep.length === 0) return null;
  const first = keep[0] as number;
  const y1 = y[first] as number;
  if (Math.abs(y1 - 0.5) < HALF_TOLERANCE) {
    const next = keep.find((i) => (y[i] as number) < y1);
    if (next !== undefined) return ((x[first] as number) + (x[next] as number)) / 2;
  }
  return x[first] as number;
}

/** Median survival with its confidence interval (R's `summary(fit)$table`). */
export function medianSurvival(curve: KmCurve): MedianSurvival {
  return {
    n: curve.n,
    events: curve.events,
    median: firstBelowHalf(curve.surv, curve.time),
    // The lower limit of the median comes from the lower band, which falls first.
    lower: firstBelowHalf(curve.lower, curve.time),
    upper: firstBelowHalf(curve.upper, curve.time),
  };
}

export interface SurvivalAt {
  readonly time: number;
  /** Number still at risk at `time` (observed time ≥ `time`). */
  readonly nRisk: number;
  /** Events in the interval since the previous requested time. */
  readonly nEvent: number;
  readonly surv: number;
  /** Standard error of S (R's `summary(fit, times)$std.err`). */
  readonly stdErr: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The curve read at fixed times, as `summary(fit, times = ..., extend = TRUE)`: the step
 * function's value at the last time ≤ t, the number at risk at t, the events since the
 * previous requested time. `times` must be ascending.
 */
export function survivalAt(curve: KmCurve, times: readonly number[]): SurvivalAt[] {
  const out: SurvivalAt[] = [];
  let j = -1; // last curve row with time ≤ t
  let eventsSoFar = 0;
  let eventsReported = 0;
  for (const t of times) {
    while (j + 1 < curve.time.length && (curve.time[j + 1] as number) <= t) {
      j++;
      eventsSoFar += curve.nEvent[j] as number;
    }
    // At risk at t: the risk set of the first curve time ≥ t, or 0 past the end.
    let nRisk = 0;
    if (j >= 0 && curve.time[j] === t) nRisk = curve.nRisk[j] as number;
    else if (j + 1 < curve.time.length) nRisk = curve.nRisk[j + 1] as number;
    const inBefore = j < 0;
    out.push({
      time: t,
      nRisk,
      nEvent: eventsSoFar - eventsReported,
      surv: inBefore ? 1 : (curve.surv[j] as number),
      stdErr: inBefore ? 0 : (curve.stdErrSurv[j] as number),
      lower: inBefore ? 1 : (curve.lower[j] as number),
      upper: inBefore ? 1 : (curve.upper[j] as number),
    });
    eventsReported = eventsSoFar;
  }
  return out;
}

/** Number-at-risk table under a KM plot: at each requested time, those with time ≥ t. */
export function numberAtRisk(curve: KmCurve, times: readonly number[]): number[] {
  return survivalAt(curve, times).map((row) => row.nRisk);
}
