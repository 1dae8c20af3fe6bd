/**
 * Test of the proportional-hazards assumption from scaled Schoenfeld residuals, as R's
 * `cox.zph(fit)` (survival 3.5: transform "km", terms = TRUE, global = TRUE; C routine
 * `zph1`). Grambsch P, Therneau T. Biometrika 1994;81:515.
 *
 * g(t) = 1 − S(t−) from the Kaplan–Meier of all rows, centered on its mean over events. One
 * pass of the Cox score/information for the augmented model {x, g(t)·x} at the fitted β gives
 * the score u for the g(t)·x block (the x block is zero at the MLE) and the 2p×2p information;
 * each term's statistic is uᵀI⁻¹u on the rows/columns of all x plus that term's g(t)·x, and
 * the global one uses the whole matrix.
 *
 * Departure from R: covariates are standardised before the pass (the statistics do not
 * change), so a covariate on a large scale does not make the system numerically singular.
 */
import { Matrix, SingularValueDecomposition, solve } from "ml-matrix";
import { chiSquareUpper } from "./distributions.js";
import { orderByTime, rankAll } from "./order.js";

/** The test cannot be computed (as R's cox.zph stops with a singular system). */
export class ZphSingularError extends Error {}

export interface ZphTerm {
  readonly term: string;
  readonly columns: readonly number[];
}

export interface ZphResult {
  /** Term names, then "GLOBAL". */
  readonly terms: readonly string[];
  readonly chisq: readonly number[];
  readonly df: readonly number[];
  readonly p: readonly number[];
}

/**
 * @param columns covariate columns (original scale) of the rows the model used.
 * @param eta the fit's linear predictor for the same rows.
 */
export function coxZph(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  columns: readonly ArrayLike<number>[],
  eta: ArrayLike<number>,
  efron: boolean,
  termsAssign: readonly ZphTerm[],
): ZphResult {
  const n = time.length;
  const p = columns.length;

  // g(t): 1 − KM just before t.
  const { distinct, rank } = rankAll(time);
  const m = distinct.length;
  const atTime = new Float64Array(m);
  const deathsAt = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const r = rank[i] as number;
    atTime[r] = (atTime[r] as number) + 1;
    if (status[i] === 1) deathsAt[r] = (deathsAt[r] as number) + 1;
  }
  const survBefore = new Float64Array(m);
  let s = 1;
  let atRisk = n;
  for (let r = 0; r < m; r++) {
    survBefore[r] = s;
    s *= 1 - (deathsAt[r] as number) / atRisk;
    atRisk -= atTime[r] as number;
  }
  const ttimes = new Float64Array(n);
  let sumEvent = 0;
  let nEvent = 0;
  for (let i = 0; i < n; i++) {
    ttimes[i] = 1 - (survBefore[rank[i] as number] as number);
    if (status[i] === 1) {
      sumEvent += ttimes[i] as number;
      nEvent++;
    }
  }
  const meanEvent = sumEvent / nEvent;

  // Covariates recentred by their plain means, as zph1 does, and also divided by their
  // standard deviation: the statistics are invariant to it, and it keeps the information
  // matrix well conditioned when a covariate is on a large scale (AFP in ng/mL), where R's
  // `solve` stops with "system is computationally singular".
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const col = columns[j] as ArrayLike<number>;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += col[i] as number;
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = (col[i] as number) - mean;
      x[i * p + j] = v;
      ss += v * v;
    }
    const sd = Math.sqrt(ss / n);
    if (sd > 0) for (let i = 0; i < n; i++) x[i * p + j] = (x[i * p + j] as number) / sd;
  }

  const order = orderByTime(time);
  const p2 = 2 * p;
  const u = new Float64Array(p2);
  const imat = new Float64Array(p2 * p2);
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const cmat = new Float64Array(p * p);
  const cmat2 = new Float64Array(p * p);
  let denom = 0;
  let ip = n - 1;
  const addInfo = (i: number, j: number, temp: number, gt: number): void => {
    imat[j * p2 + i] = (imat[j * p2 + i] as number) + temp;
    imat[j * p2 + i + p] = (imat[j * p2 + i + p] as number) + temp * gt;
    imat[(j + p) * p2 + i + p] = (imat[(j + p) * p2 + i + p] as number) + temp * gt * gt;
  };
  while (ip >= 0) {
    const first = order[ip] as number;
    const dtime = time[first] as number;
    const gt = (ttimes[first] as number) - meanEvent;
    let ndead = 0;
    let denom2 = 0;
    for (; ip >= 0; ip--) {
      const person = order[ip] as number;
      if (time[person] !== dtime) break;
      const risk = Math.exp(eta[person] as number);
      const base = person * p;
      if (status[person] === 0) {
        denom += risk;
        for (let i = 0; i < p; i++) {
          a[i] = (a[i] as number) + risk * (x[base + i] as number);
          for (let j = 0; j <= i; j++) {
            cmat[i * p + j] =
              (cmat[i * p + j] as number) + risk * (x[base + i] as number) * (x[base + j] as number);
          }
        }
      } else {
        ndead++;
        denom2 += risk;
        for (let i = 0; i < p; i++) {
          const xi = x[base + i] as number;
          u[i] = (u[i] as number) + xi;
          u[i + p] = (u[i + p] as number) + gt * xi;
          a2[i] = (a2[i] as number) + risk * xi;
          for (let j = 0; j <= i; j++) {
            cmat2[i * p + j] = (cmat2[i * p + j] as number) + risk * xi * (x[base + j] as number);
          }
        }
      }
    }
    if (ndead === 0) continue;
    if (!efron) {
      denom += denom2;
      for (let i = 0; i < p; i++) {
        a[i] = (a[i] as number) + (a2[i] as number);
        const mean = (a[i] as number) / denom;
        u[i] = (u[i] as number) - ndead * mean;
        u[i + p] = (u[i + p] as number) - gt * ndead * mean;
        for (let j = 0; j <= i; j++) {
          cmat[i * p + j] = (cmat[i * p + j] as number) + (cmat2[i * p + j] as number);
          addInfo(i, j, (ndead * ((cmat[i * p + j] as number) - mean * (a[j] as number))) / denom, gt);
        }
      }
    } else {
      for (let k = 0; k < ndead; k++) {
        denom += denom2 / ndead;
        for (let i = 0; i < p; i++) {
          a[i] = (a[i] as number) + (a2[i] as number) / ndead;
          const mean = (a[i] as number) / denom;
          u[i] = (u[i] as number) - mean;
          u[i + p] = (u[i + p] as number) - gt * mean;
          for (let j = 0; j <= i; j++) {
            cmat[i * p + j] = (cmat[i * p + j] as number) + (cmat2[i * p + j] as number) / ndead;
            addInfo(i, j, ((cmat[i * p + j] as number) - mean * (a[j] as number)) / denom, gt);
          }
        }
      }
    }
    a2.fill(0);
    cmat2.fill(0);
  }
  // Fill the lower triangles and the lower-left block.
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      imat[i * p2 + j] = imat[j * p2 + i] as number;
      imat[i * p2 + j + p] = imat[j * p2 + i + p] as number;
      imat[(i + p) * p2 + j + p] = imat[(j + p) * p2 + i + p] as number;
    }
  }
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) imat[(i + p) * p2 + j] = imat[j * p2 + i + p] as number;

  const test = (keep: readonly number[]): number => {
    const sub = new Matrix(keep.map((r) => keep.map((c) => imat[r * p2 + c] as number)));
    if (new SingularValueDecomposition(sub).condition > 1e14) {
      throw new ZphSingularError("the information matrix of the test is computationally singular");
    }
    const uu = Matrix.columnVector(keep.map((r) => (r < p ? 0 : (u[r] as number))));
    let sol: Matrix;
    try {
      sol = solve(sub, uu);
    } catch {
      throw new ZphSingularError("the information matrix of the test is singular");
    }
    let chisq = 0;
    for (let r = 0; r < keep.length; r++) chisq += sol.get(r, 0) * uu.get(r, 0);
    return chisq;
  };
  const base = Array.from({ length: p }, (_, i) => i);
  const names: string[] = [];
  const chisq: number[] = [];
  const df: number[] = [];
  for (const term of termsAssign) {
    names.push(term.term);
    chisq.push(test([...base, ...term.columns.map((c) => c + p)]));
    df.push(term.columns.length);
  }
  names.push("GLOBAL");
  chisq.push(test(Array.from({ length: p2 }, (_, i) => i)));
  df.push(p);
  return { terms: names, chisq, df, p: chisq.map((c, i) => chiSquareUpper(c, df[i] as number)) };
}
