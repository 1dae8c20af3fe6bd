/**
 * Log-rank test for k groups, optionally stratified, as R's `survdiff(..., rho = 0)`
 * (survival 3.5; Mantel N. Cancer Chemother Rep 1966;50:163, Peto R & Peto J. JRSS A
 * 1972;135:185).
 *
 * At each event time with n at risk and d events, group g expects d·n_g/n, and the
 * hypergeometric covariance is d(n−d)/(n−1) · (n_g/n)(δ_gh − n_h/n) (no term when n = 1).
 * Strata contribute their own risk sets; observed, expected and variance are summed. The
 * statistic follows survdiff: groups with zero expected are left out, the first remaining
 * group is dropped, and (O−E)ᵀV⁻¹(O−E) is solved on the rest with df = groups kept − 1.
 */
import { LuDecomposition, Matrix, solve } from "ml-matrix";
import { chiSquareUpper } from "./distributions.js";
import { orderByTime } from "./order.js";

export interface LogRankResult {
  readonly groups: readonly string[];
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly variance: readonly (readonly number[])[];
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
}

/**
 * @param group index into `groups` for every row (0 … k−1).
 * @param stratum optional stratum index for every row.
 */
export function logRank(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  group: ArrayLike<number>,
  groups: readonly string[],
  stratum?: ArrayLike<number>,
): LogRankResult {
  const k = groups.length;
  const n = time.length;
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const variance = new Float64Array(k * k);
  const size = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) size[group[i] as number] = (size[group[i] as number] as number) + 1;

  // Split rows by stratum, then walk each stratum's rows in time order.
  const strata = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const s = stratum ? (stratum[i] as number) : 0;
    let rows = strata.get(s);
    if (!rows) {
      rows = [];
      strata.set(s, rows);
    }
    rows.push(i);
  }
  const atRisk = new Float64Array(k);
  const deaths = new Float64Array(k);
  const leaving = new Float64Array(k);
  for (const rows of strata.values()) {
    const t = rows.map((i) => time[i] as number);
    const order = orderByTime(t);
    atRisk.fill(0);
    for (const i of rows) atRisk[group[i] as number] = (atRisk[group[i] as number] as number) + 1;
    let total = rows.length;
    let p = 0;
    while (p < order.length) {
      const tNow = t[order[p] as number] as number;
      deaths.fill(0);
      leaving.fill(0);
      let d = 0;
      let left = 0;
      for (; p < order.length && t[order[p] as number] === tNow; p++) {
        const i = rows[order[p] as number] as number;
        const g = group[i] as number;
        leaving[g] = (leaving[g] as number) + 1;
        left++;
        if (status[i] === 1) {
          deaths[g] = (deaths[g] as number) + 1;
          d++;
        }
      }
      if (d > 0) {
        for (let g = 0; g < k; g++) {
          observed[g] = (observed[g] as number) + (deaths[g] as number);
          expected[g] = (expected[g] as number) + (d * (atRisk[g] as number)) / total;
        }
        if (total > 1) {
          const kk = (d * (total - d)) / (total * (total - 1));
          for (let g = 0; g < k; g++) {
            const ng = atRisk[g] as number;
            if (ng === 0) continue;
            for (let h = 0; h < k; h++) {
              const nh = atRisk[h] as number;
              const term = kk * ng * ((g === h ? total : 0) - nh);
              variance[g * k + h] = (variance[g * k + h] as number) + term / total;
            }
          }
        }
      }
      for (let g = 0; g < k; g++) atRisk[g] = (atRisk[g] as number) - (leaving[g] as number);
      total -= left;
    }
  }

  const kept: number[] = [];
  for (let g = 0; g < k; g++) if ((expected[g] as number) > 0) kept.push(g);
  let chisq = 0;
  if (kept.length >= 2) {
    const rest = kept.slice(1);
    const diff = Matrix.columnVector(rest.map((g) => (observed[g] as number) - (expected[g] as number)));
    const v = new Matrix(rest.map((g) => rest.map((h) => variance[g * k + h] as number)));
    // A singular variance (no information, e.g. every group's events tied at one time) has no
    // test: R's survdiff stops there ("system is exactly singular"); the result says so with NaN.
    if (new LuDecomposition(v).isSingular()) chisq = Number.NaN;
    else {
      const x = solve(v, diff);
      for (let i = 0; i < rest.length; i++) chisq += x.get(i, 0) * diff.get(i, 0);
    }
  }
  const df = Math.max(kept.length - 1, 0);
  const varianceRows: number[][] = [];
  for (let g = 0; g < k; g++) varianceRows.push(Array.from(variance.subarray(g * k, (g + 1) * k)));
  return {
    groups,
    n: size,
    observed: Array.from(observed),
    expected: Array.from(expected),
    variance: varianceRows,
    chisq,
    df,
    p: df > 0 && Number.isFinite(chisq) ? chiSquareUpper(chisq, df) : Number.NaN,
  };
}
