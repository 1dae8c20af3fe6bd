/**
 * Cumulative incidence of one event type among competing events (the Aalen–Johansen
 * estimator) with its variance, and Gray's test comparing the curves of several groups,
 * reproducing R's `cmprsk::cuminc` (cmprsk 2.2-11: Fortran `cinc` and `crstm`).
 *
 * - Estimate (Kalbfleisch JD, Prentice RL. The Statistical Analysis of Failure Time Data,
 *   1980, §7.2): F(t) = Σ_{s ≤ t} S(s−)·d₁(s)/n(s), S the all-cause Kaplan–Meier.
 * - Variance: the delta-method estimator of `cinc` (Gray's Fortran, as in cmprsk), including
 *   its tie correction 1 − (d − 1)/(n − 1).
 * - Curve layout as `cuminc`: time 0 with estimate 0, then two points at each time the event
 *   occurs (the value before and after the jump) and a last point at the largest follow-up
 *   time, so the arrays draw the step function directly.
 * - Gray's test (Gray RJ. Ann Stat 1988;16:1141–1154): for each event type, the k-sample test
 *   of equal subdistributions with weight (1 − F(t−))^ρ, ρ = 0 by default, score and variance
 *   summed over strata; the statistic sᵀV⁻¹s on k − 1 df. `cuminc` gives −1 when V is
 *   singular; here the statistic is then null with `singular: true`.
 */
import { Matrix, SingularValueDecomposition, solve } from "ml-matrix";
import { chiSquareUpper } from "./distributions.js";
import { orderByTime } from "./order.js";

export interface CumincCurve {
  readonly time: readonly number[];
  readonly est: readonly number[];
  readonly var: readonly number[];
}

export interface GrayTestResult {
  readonly stat: number | null;
  readonly pv: number | null;
  readonly df: number;
  /** Scores of the first k − 1 groups and their covariance (crstm's s and vs). */
  readonly score: readonly number[];
  readonly variance: readonly (readonly number[])[];
  readonly singular: boolean;
}

/**
 * Cumulative incidence of `cause` (a code of `event`, 0 = censored) for one group: `cinc`.
 * Rows in any order (or `sorted` when the caller has sorted them by time, as cuminc does once
 * for all curves); `event` holds 0 for censored and the event type otherwise.
 */
export function cumulativeIncidence(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  cause: number,
  sorted = false,
): CumincCurve {
  const n = time.length;
  const order = sorted ? null : orderByTime(time);
  const at = (r: number): number => (order ? (order[r] as number) : r);
  const y = new Float64Array(n);
  const ic = new Uint8Array(n);
  const icc = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const i = at(r);
    const e = event[i] as number;
    y[r] = time[i] as number;
    ic[r] = e === 0 ? 0 : 1;
    icc[r] = e === cause ? 1 : 0;
  }
  const x: number[] = [0];
  const f: number[] = [0];
  const v: number[] = [0];
  if (n === 0) return { time: x, est: f, var: v };
  let fk = 1;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let rs = n;
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && y[end + 1] === y[start]) end++;
    let nd1 = 0;
    let nd2 = 0;
    for (let i = start; i <= end; i++) {
      nd1 += icc[i] as number;
      nd2 += (ic[i] as number) - (icc[i] as number);
    }
    const nd = nd1 + nd2;
    if (nd > 0) {
      const fkn = (fk * (rs - nd)) / rs;
      if (nd1 > 0) {
        const last = f[f.length - 1] as number;
        f.push(last, last + (fk * nd1) / rs);
      }
      const fl = f[f.length - 1] as number;
      if (nd2 > 0 && fkn > 0) {
        const t5 = nd2 > 1 ? 1 - (nd2 - 1) / (rs - 1) : 1;
        const t6 = (fk * fk * t5 * nd2) / (rs * rs);
        const t3 = 1 / fkn;
        const t4 = fl / fkn;
        v1 += t4 * t4 * t6;
        v2 += t3 * t4 * t6;
        v3 += t3 * t3 * t6;
      }
      if (nd1 > 0) {
        const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (rs - 1) : 1;
        const t6 = (fk * fk * t5 * nd1) / (rs * rs);
        const t3 = fkn > 0 ? 1 / fkn : 0;
        const t4 = 1 + t3 * fl;
        v1 += t4 * t4 * t6;
        v2 += t3 * t4 * t6;
        v3 += t3 * t3 * t6;
        const yt = y[end] as number;
        x.push(yt, yt);
        v.push(v[v.length - 1] as number, v1 + fl * fl * v3 - 2 * fl * v2);
      }
      fk = fkn;
    }
    rs = n - end - 1;
    start = end + 1;
  }
  x.push(y[n - 1] as number);
  f.push(f[f.length - 1] as number);
  v.push(v[v.length - 1] as number);
  return { time: x, est: f, var: v };
}

/**
 * Gray's k-sample test for the event type `cause`: `crstm` with `rho`.
 * @param group group index of every row, 0 … groups − 1.
 * @param stratum optional stratum index of every row.
 */
export function grayTest(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  cause: number,
  group: ArrayLike<number>,
  groups: number,
  stratum?: ArrayLike<number>,
  rho = 0,
  sorted = false,
): GrayTestResult {
  const ng1 = groups - 1;
  let order: Uint32Array;
  if (sorted) {
    order = new Uint32Array(time.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
  } else order = orderByTime(time);
  const s = new Float64Array(ng1);
  const vs = new Float64Array(ng1 * ng1);
  const byStratum = new Map<number, ArrayLike<number>>();
  if (!stratum) byStratum.set(0, order);
  else {
    const lists = new Map<number, number[]>();
    for (const i of order) {
      const k = stratum[i] as number;
      let rows = lists.get(k);
      if (!rows) {
        rows = [];
        lists.set(k, rows);
      }
      rows.push(i);
    }
    for (const [k, rows] of lists) byStratum.set(k, rows);
  }
  for (const rows of byStratum.values()) {
    const y = new Float64Array(rows.length);
    const m = new Uint8Array(rows.length);
    const ig = new Uint32Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r] as number;
      const e = event[i] as number;
      y[r] = time[i] as number;
      m[r] = e === 0 ? 0 : e === cause ? 1 : 2;
      ig[r] = group[i] as number;
    }
    crst(y, m, ig, groups, rho, s, vs);
  }
  const score = Array.from(s);
  const variance = Array.from({ length: ng1 }, (_, i) => Array.from(vs.subarray(i * ng1, (i + 1) * ng1)));
  const df = ng1;
  if (ng1 === 0) return { stat: null, pv: null, df, score, variance, singular: true };
  // cuminc: full rank by qr() (tolerance 1e-7), else −1. Here: the smallest singular value
  // relative to the largest, with the same tolerance.
  const vm = new Matrix(variance);
  const sv = new SingularValueDecomposition(vm, { autoTranspose: true }).diagonal;
  const maxSv = Math.max(...sv);
  if (!(maxSv > 0) || Math.min(...sv) <= 1e-7 * maxSv) {
    return { stat: null, pv: null, df, score, variance, singular: true };
  }
  const solved = solve(vm, Matrix.columnVector(score));
  let stat = 0;
  for (let i = 0; i < ng1; i++) stat += (score[i] as number) * solved.get(i, 0);
  return { stat, pv: chiSquareUpper(stat, df), df, score, variance, singular: false };
}

/** One stratum of `crstm` (Gray's `crst`): adds its score to s and its covariance to vs. */
function crst(
  y: Float64Array,
  m: Uint8Array,
  ig: Uint32Array,
  ng: number,
  rho: number,
  sOut: Float64Array,
  vsOut: Float64Array,
): void {
  const n = y.length;
  const ng1 = ng - 1;
  const rs = new Float64Array(ng);
  for (let i = 0; i < n; i++) rs[ig[i] as number] = (rs[ig[i] as number] as number) + 1;
  const s = new Float64Array(ng1);
  const v = new Float64Array(ng1 * ng1);
  const f1m = new Float64Array(ng);
  const f1 = new Float64Array(ng);
  const skmm = new Float64Array(ng).fill(1);
  const skm = new Float64Array(ng).fill(1);
  const v3 = new Float64Array(ng);
  const v2 = new Float64Array(ng1 * ng);
  const c = new Float64Array(ng * ng);
  const a = new Float64Array(ng * ng);
  const d0 = new Float64Array(ng);
  const d1 = new Float64Array(ng);
  const d2 = new Float64Array(ng);
  let fm = 0;
  let f = 0;
  let ll = 0;
  while (ll < n) {
    let lu = ll;
    while (lu + 1 < n && (y[lu + 1] as number) <= (y[ll] as number)) lu++;
    d0.fill(0);
    d1.fill(0);
    d2.fill(0);
    for (let i = ll; i <= lu; i++) {
      const j = ig[i] as number;
      const k = m[i] as number;
      if (k === 0) d0[j] = (d0[j] as number) + 1;
      else if (k === 1) d1[j] = (d1[j] as number) + 1;
      else d2[j] = (d2[j] as number) + 1;
    }
    let nd1 = 0;
    let nd2 = 0;
    for (let i = 0; i < ng; i++) {
      nd1 += d1[i] as number;
      nd2 += d2[i] as number;
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let i = 0; i < ng; i++) {
        const r = rs[i] as number;
        if (r <= 0) continue;
        const td = (d1[i] as number) + (d2[i] as number);
        skm[i] = ((skmm[i] as number) * (r - td)) / r;
        f1[i] = (f1m[i] as number) + ((skmm[i] as number) * (d1[i] as number)) / r;
        tr += r / (skmm[i] as number);
        tq += (r * (1 - (f1m[i] as number))) / (skmm[i] as number);
      }
      f = fm + nd1 / tr;
      const fb = (1 - fm) ** rho;
      for (let i = 0; i < ng; i++) {
        for (let j = i; j < ng; j++) a[i * ng + j] = 0;
        const ri = rs[i] as number;
        if (ri <= 0) continue;
        const t1 = ri / (skmm[i] as number);
        const aii = fb * t1 * (1 - t1 / tr);
        a[i * ng + i] = aii;
        // cmprsk 2.2-12 guards these increments against 0/0 once F reaches 1.
        if (aii !== 0) c[i * ng + i] = (c[i * ng + i] as number) + (aii * nd1) / (tr * (1 - fm));
        for (let j = i + 1; j < ng; j++) {
          const rj = rs[j] as number;
          if (rj <= 0) continue;
          const aij = (-fb * t1 * rj) / ((skmm[j] as number) * tr);
          a[i * ng + j] = aij;
          if (aij !== 0) c[i * ng + j] = (c[i * ng + j] as number) + (aij * nd1) / (tr * (1 - fm));
        }
      }
      for (let i = 1; i < ng; i++) {
        for (let j = 0; j < i; j++) {
          a[i * ng + j] = a[j * ng + i] as number;
          c[i * ng + j] = c[j * ng + i] as number;
        }
      }
      for (let i = 0; i < ng1; i++) {
        const r = rs[i] as number;
        if (r <= 0) continue;
        s[i] =
          (s[i] as number) +
          fb * ((d1[i] as number) - (nd1 * r * (1 - (f1m[i] as number))) / ((skmm[i] as number) * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          const r = rs[k] as number;
          if (r <= 0) continue;
          const t4 = (skm[k] as number) > 0 ? 1 - (1 - f) / (skm[k] as number) : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * (skmm[k] as number) - 1) : 1;
          const t3 = (t5 * (skmm[k] as number) * nd1) / (tr * r);
          v3[k] = (v3[k] as number) + t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = (a[i * ng + k] as number) - t4 * (c[i * ng + k] as number);
            v2[i * ng + k] = (v2[i * ng + k] as number) + t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = (a[j * ng + k] as number) - t4 * (c[j * ng + k] as number);
              v[i * ng1 + j] = (v[i * ng1 + j] as number) + t1 * t2 * t3;
            }
          }
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          const dk = d2[k] as number;
          if ((skm[k] as number) <= 0 || dk <= 0) continue;
          const t4 = (1 - f) / (skm[k] as number);
          const r = rs[k] as number;
          const t5 = dk > 1 ? 1 - (dk - 1) / (r - 1) : 1;
          const t3 = (t5 * ((skmm[k] as number) ** 2 * dk)) / (r * r);
          v3[k] = (v3[k] as number) + t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = t4 * (c[i * ng + k] as number);
            v2[i * ng + k] = (v2[i * ng + k] as number) - t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = t4 * (c[j * ng + k] as number);
              v[i * ng1 + j] = (v[i * ng1 + j] as number) + t1 * t2 * t3;
            }
          }
        }
      }
    }
    if (lu >= n - 1) break;
    for (let i = ll; i <= lu; i++) rs[ig[i] as number] = (rs[ig[i] as number] as number) - 1;
    fm = f;
    f1m.set(f1);
    skmm.set(skm);
    ll = lu + 1;
  }
  for (let i = 0; i < ng1; i++) {
    for (let j = 0; j <= i; j++) {
      let add = 0;
      for (let k = 0; k < ng; k++) {
        add += (c[i * ng + k] as number) * (c[j * ng + k] as number) * (v3[k] as number);
        add += (c[i * ng + k] as number) * (v2[j * ng + k] as number);
        add += (c[j * ng + k] as number) * (v2[i * ng + k] as number);
      }
      // Fortran adds term by term into v(l); summing k first changes only rounding.
      v[i * ng1 + j] = (v[i * ng1 + j] as number) + add;
    }
  }
  for (let i = 0; i < ng1; i++) {
    sOut[i] = (sOut[i] as number) + (s[i] as number);
    for (let j = 0; j <= i; j++) {
      const val = (vsOut[i * ng1 + j] as number) + (v[i * ng1 + j] as number);
      vsOut[i * ng1 + j] = val;
      vsOut[j * ng1 + i] = val;
    }
  }
}
