/**
 * Cox proportional hazards regression with Breslow or Efron handling of tied event times,
 * reproducing R's `coxph` (survival 3.5, `coxph.fit` → `coxfit6.c`) with its defaults
 * (`eps = 1e-9`, `iter.max = 20`, `toler.chol = ε^0.75`).
 *
 * - Newton–Raphson from β = 0 on centered covariates; columns not confined to {−1, 0, 1} are
 *   also scaled by 1/mean|x − x̄| as coxfit6 does (the iterates are the same, the tolerance
 *   check below sees the same matrix R sees). Converged when |1 − ℓ_old/ℓ_new| ≤ eps; a step
 *   that lowers ℓ is halved. The returned β, variance and ℓ are those of the last iterate, as R.
 * - Efron (Efron B. JASA 1977;72:557) subtracts k/d of the tied deaths' risk from the
 *   denominator for the k-th of d tied deaths; Breslow (Biometrics 1974;30:89) does not.
 * - Score test at β = 0, likelihood-ratio 2(ℓ − ℓ₀), Wald βᵀV⁻¹β, each on p df; z tests and
 *   HR intervals exp(β ± z·se) per coefficient; concordance as `coxph` reports it.
 * - Singular columns: R's `cholesky2` skips a column whose pivot falls below toler × the
 *   largest diagonal of the (scaled) information; a Newton step then leaves that coefficient
 *   where it is (step halving may recover it), as here. A column singular at β = 0 (constant
 *   or collinear) or still singular at the end is what coxph reports as an NA coefficient
 *   with a warning. Here that is an "invalid" result naming the columns instead, because an
 *   NA hazard ratio on a clinician's screen is worse than a clear refusal.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { type Concordance, concordance } from "./concordance.js";
import { chiSquareUpper, twoSidedNormalP, zForConfidence } from "./distributions.js";
import { eventsPerParameter, type FitWarning } from "./fit-warnings.js";
import { countingSort, orderByTime } from "./order.js";

export type Ties = "efron" | "breslow";

export interface CoxOptions {
  readonly ties?: Ties;
  readonly confLevel?: number;
  readonly maxIterations?: number;
  readonly eps?: number;
  readonly tolerChol?: number;
  /** Skip the concordance (it is O(n log n) and not needed by every caller). */
  readonly concordance?: boolean;
  /** Stratum index of every row (R: `+ strata(s)`): separate baseline hazards, risk sets per stratum. */
  readonly strata?: ArrayLike<number>;
  /** Case weights (R: `weights =`), finite and > 0. */
  readonly weights?: ArrayLike<number>;
  /** Entry time of every row for counting-process data (R: `Surv(start, stop, event)`): at risk on (start, stop]. */
  readonly start?: ArrayLike<number>;
  /** Cluster index of every row (R: `cluster =`): robust sandwich variance summed by cluster. */
  readonly cluster?: ArrayLike<number>;
}

export interface ChiSquareTest {
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
}

export interface CoxFit {
  readonly status: "ok";
  readonly ties: Ties;
  readonly n: number;
  readonly nevent: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly terms: readonly string[];
  readonly coef: readonly number[];
  readonly se: readonly number[];
  readonly z: readonly number[];
  readonly p: readonly number[];
  readonly hr: readonly number[];
  readonly hrLower: readonly number[];
  readonly hrUpper: readonly number[];
  readonly var: readonly (readonly number[])[];
  readonly means: readonly number[];
  readonly loglikNull: number;
  readonly loglik: number;
  readonly lrTest: ChiSquareTest;
  readonly waldTest: ChiSquareTest;
  readonly scoreTest: ChiSquareTest;
  readonly concordance: Concordance | null;
  /**
   * With a cluster (or non-integer weights, as coxph's default `robust`): `se`, `z`, `p`, the HR
   * interval, `var` and the Wald test use the robust variance; the model-based ones are here.
   */
  readonly robust: {
    readonly naiveSe: readonly number[];
    readonly naiveVar: readonly (readonly number[])[];
    /** coxph's robust score test (`rscore`) at β = 0. */
    readonly scoreTest: ChiSquareTest;
    readonly clusters: number;
  } | null;
  /** Centered linear predictor Σ(x − x̄)β for each input row (R's `linear.predictors`). */
  readonly linearPredictors: Float64Array;
  readonly warnings: readonly FitWarning[];
}

export type CoxResult =
  | CoxFit
  | { readonly status: "no-events"; readonly n: number; readonly message: string }
  | {
      readonly status: "invalid";
      readonly code: "collinear" | "no-covariates" | "non-finite";
      readonly terms: readonly string[];
      readonly message: string;
    };

/** Covariates as columns of equal length, one per term, with no missing values. */
export interface CoxDesign {
  readonly terms: readonly string[];
  readonly columns: readonly ArrayLike<number>[];
}

/** R's `coxph.control()$toler.chol`: .Machine$double.eps^0.75. */
const DEFAULT_TOLER = (2 ** -52) ** 0.75;

/**
 * Fit the Cox model on complete data (`status` 0/1, no NaN): drop rows with missing values
 * first (see `model-frame.ts`).
 */
export function coxPh(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  design: CoxDesign,
  options: CoxOptions = {},
): CoxResult {
  const ties = options.ties ?? "efron";
  const maxIter = options.maxIterations ?? 20;
  const eps = options.eps ?? 1e-9;
  const toler = options.tolerChol ?? DEFAULT_TOLER;
  const confLevel = options.confLevel ?? 0.95;
  const p = design.terms.length;
  const n = time.length;
  if (p === 0) return { status: "invalid", code: "no-covariates", terms: [], message: "no covariates" };
  let nevent = 0;
  for (let i = 0; i < n; i++) nevent += status[i] as number;
  if (nevent === 0) {
    return { status: "no-events", n, message: "no events: the Cox model cannot be estimated" };
  }

  // Sort ascending by (stratum, time), events before censorings at a tied time (coxph.fit's order).
  const tieKey = new Uint8Array(n);
  for (let i = 0; i < n; i++) tieKey[i] = status[i] === 1 ? 0 : 1;
  let order = orderByTime(time, tieKey);
  const strata = options.strata ? stratumKeys(options.strata) : null;
  if (strata) order = countingSort(order, strata.key, strata.count);
  const t = new Float64Array(n);
  const d = new Uint8Array(n);
  const x = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    t[r] = time[i] as number;
    d[r] = status[i] as number;
  }
  const w = options.weights ? permute(new Float64Array(n), options.weights, order) : null;
  let totalWeight = n;
  if (w) {
    totalWeight = 0;
    for (let r = 0; r < n; r++) totalWeight += w[r] as number;
  }
  // Center (and scale) each column, as coxfit6 (weighted means and mean absolute deviations).
  const means = new Array<number>(p).fill(0);
  const scale = new Array<number>(p).fill(1);
  for (let j = 0; j < p; j++) {
    const col = design.columns[j] as ArrayLike<number>;
    let sum = 0;
    let zeroOne = true;
    for (let r = 0; r < n; r++) {
      const v = col[order[r] as number] as number;
      if (!Number.isFinite(v)) {
        return {
          status: "invalid",
          code: "non-finite",
          terms: [design.terms[j] as string],
          message: `covariate ${design.terms[j]} has a non-finite value`,
        };
      }
      sum += w ? (w[r] as number) * v : v;
      if (v !== 0 && v !== 1 && v !== -1) zeroOne = false;
    }
    const mean = sum / totalWeight;
    means[j] = mean;
    let absDev = 0;
    for (let r = 0; r < n; r++) {
      const v = (col[order[r] as number] as number) - mean;
      x[r * p + j] = v;
      absDev += w ? (w[r] as number) * Math.abs(v) : Math.abs(v);
    }
    if (!zeroOne && absDev > 0) {
      const s = totalWeight / absDev;
      scale[j] = s;
      for (let r = 0; r < n; r++) x[r * p + j] = (x[r * p + j] as number) * s;
    }
  }
  const layout: Layout = {
    w,
    stratum: strata ? permute(new Uint32Array(n), strata.key, order) : null,
    start: options.start ? permute(new Float64Array(n), options.start, order) : null,
    byStart: null,
  };
  if (layout.start) layout.byStart = startOrder(layout.start, layout.stratum);

  const work = new CoxWork(n, p, t, d, x, ties === "efron", layout);
  let beta = new Float64Array(p);
  const first = work.evaluate(beta);
  const singularAt0 = singularColumns(first.imat, p, toler);
  if (singularAt0.length > 0) return collinear(design.terms, singularAt0);
  const loglikNull = first.loglik;
  const u0 = Matrix.columnVector(Array.from(first.u));
  const chol0 = new CholeskyDecomposition(symmetric(first.imat, p));
  const step0 = chol0.solve(u0);
  let scoreChisq = 0;
  for (let j = 0; j < p; j++) scoreChisq += step0.get(j, 0) * u0.get(j, 0);

  let oldLoglik = first.loglik;
  let newBeta = new Float64Array(p);
  for (let j = 0; j < p; j++) newBeta[j] = step0.get(j, 0);
  let halving = false;
  let converged = false;
  let iterations = 0;
  let current = first;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    current = work.evaluate(newBeta);
    if (Math.abs(1 - oldLoglik / current.loglik) <= eps && !halving) {
      converged = true;
      break;
    }
    if (iter === maxIter) break;
    if (current.loglik < oldLoglik) {
      halving = true;
      for (let j = 0; j < p; j++) newBeta[j] = ((newBeta[j] as number) + (beta[j] as number)) / 2;
    } else {
      halving = false;
      oldLoglik = current.loglik;
      const step = newtonStep(current, p, toler);
      beta = newBeta;
      newBeta = new Float64Array(p);
      for (let j = 0; j < p; j++) newBeta[j] = (beta[j] as number) + (step[j] as number);
    }
  }
  const warnings: FitWarning[] = [];

  // A column still singular at the end is what coxph reports as NA (with a warning).
  const singularAtEnd = singularColumns(current.imat, p, toler);
  if (singularAtEnd.length > 0) return collinear(design.terms, singularAtEnd, true);

  // Back to the original scale.
  const info = symmetric(current.imat, p);
  const invScaled = new CholeskyDecomposition(info).solve(Matrix.eye(p));
  const coef = new Array<number>(p);
  const variance: number[][] = [];
  for (let i = 0; i < p; i++) coef[i] = (newBeta[i] as number) * (scale[i] as number);
  for (let i = 0; i < p; i++) {
    const row = new Array<number>(p);
    for (let j = 0; j < p; j++) row[j] = invScaled.get(i, j) * (scale[i] as number) * (scale[j] as number);
    variance.push(row);
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const v = variance[i]?.[j] as number;
      (variance[j] as number[])[i] = v;
    }
  }
  // coxph.fit's check for a coefficient running off to infinity (monotone likelihood):
  // |u·V| > eps and > toler.inf·|β|, toler.inf = √eps.
  const infinite: string[] = [];
  for (let i = 0; i < p; i++) {
    let uv = 0;
    for (let j = 0; j < p; j++)
      uv += ((current.u[j] as number) / (scale[j] as number)) * (variance[j]?.[i] as number);
    if (Math.abs(uv) > eps && Math.abs(uv) > Math.sqrt(eps) * Math.abs(coef[i] as number)) {
      infinite.push(design.terms[i] as string);
    }
  }
  if (infinite.length > 0) {
    warnings.push({ code: "infinite-coefficient", terms: infinite });
  } else if (!converged) {
    warnings.push({ code: "not-converged", iterations: maxIter });
  }
  warnings.push(...eventsPerParameter(nevent, p));
  const z95 = zForConfidence(confLevel);
  // coxph's default `robust`: with a cluster, or with case weights that are not whole numbers.
  const nonIntegerWeights = w?.some((v) => v !== Math.floor(v)) === true;
  const robust =
    options.cluster || nonIntegerWeights
      ? robustVariance(work, newBeta, scale, variance, order, options.cluster, toler)
      : null;
  const used = robust ? robust.variance : variance;
  const se = coef.map((_, i) => Math.sqrt(used[i]?.[i] as number));
  const zs = coef.map((b, i) => b / (se[i] as number));
  // Wald test as coxph.wtest: βᵀ V⁻¹ β by cholesky2/chsolve2 (a singular pivot is skipped,
  // as with a robust variance from few clusters).
  const vFlat = toFlat(new Matrix(used.map((r) => [...r])), p);
  const vSolved = choleskySolve2(vFlat, Float64Array.from(coef), p, toler);
  let wald = 0;
  for (let j = 0; j < p; j++) wald += (vSolved[j] as number) * (coef[j] as number);
  const lr = 2 * (current.loglik - loglikNull);

  const lp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++)
      s += ((design.columns[j] as ArrayLike<number>)[i] as number) * (coef[j] as number);
    lp[i] = s;
  }
  let offset = 0;
  for (let j = 0; j < p; j++) offset += (coef[j] as number) * (means[j] as number);
  for (let i = 0; i < n; i++) lp[i] = (lp[i] as number) - offset;

  return {
    status: "ok",
    ties,
    n,
    nevent,
    iterations,
    converged,
    terms: design.terms,
    coef,
    se,
    z: zs,
    p: zs.map((v) => twoSidedNormalP(v)),
    hr: coef.map((b) => Math.exp(b)),
    hrLower: coef.map((b, i) => Math.exp(b - z95 * (se[i] as number))),
    hrUpper: coef.map((b, i) => Math.exp(b + z95 * (se[i] as number))),
    var: used,
    means,
    loglikNull,
    loglik: current.loglik,
    lrTest: { chisq: lr, df: p, p: chiSquareUpper(lr, p) },
    waldTest: { chisq: wald, df: p, p: chiSquareUpper(wald, p) },
    scoreTest: { chisq: scoreChisq, df: p, p: chiSquareUpper(scoreChisq, p) },
    // coxph computes the concordance within strata and weighted; not reproduced for those models.
    concordance:
      options.concordance === false || options.strata || options.weights || options.start
        ? null
        : concordance(time, status, lp),
    robust: robust
      ? {
          naiveSe: coef.map((_, i) => Math.sqrt(variance[i]?.[i] as number)),
          naiveVar: variance,
          scoreTest: { chisq: robust.scoreChisq, df: p, p: chiSquareUpper(robust.scoreChisq, p) },
          clusters: robust.clusters,
        }
      : null,
    linearPredictors: lp,
    warnings,
  };
}

/**
 * coxph's robust variance (Lin DY, Wei LJ. JASA 1989;84:1074): DᵀD with D the weighted dfbeta
 * residuals (score residuals × model variance) summed within each cluster (each row its own
 * without one), and its robust score test at β = 0 (coxph's `rscore`).
 */
function robustVariance(
  work: CoxWork,
  beta: Float64Array,
  scale: readonly number[],
  naive: readonly (readonly number[])[],
  order: Uint32Array,
  cluster: ArrayLike<number> | undefined,
  toler: number,
): { variance: number[][]; scoreChisq: number; clusters: number } {
  const { n, p } = work;
  const w = work.layout.w;
  const ids = new Map<number, number>();
  const clusterOf = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const c = cluster ? (cluster[order[r] as number] as number) : r;
    let k = ids.get(c);
    if (k === undefined) {
      k = ids.size;
      ids.set(c, k);
    }
    clusterOf[r] = k;
  }
  const m = ids.size;
  const collapse = (resid: Float64Array): Float64Array => {
    const out = new Float64Array(m * p);
    for (let r = 0; r < n; r++) {
      const c = clusterOf[r] as number;
      const wt = w ? (w[r] as number) : 1;
      for (let j = 0; j < p; j++) {
        out[c * p + j] =
          (out[c * p + j] as number) + (wt * (resid[r * p + j] as number)) / (scale[j] as number);
      }
    }
    return out;
  };
  const score = collapse(work.scoreResiduals(beta));
  const variance = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const dfb = new Float64Array(p);
  for (let c = 0; c < m; c++) {
    for (let j = 0; j < p; j++) {
      let v = 0;
      for (let k = 0; k < p; k++) v += (score[c * p + k] as number) * (naive[k]?.[j] as number);
      dfb[j] = v;
    }
    for (let i = 0; i < p; i++) {
      const row = variance[i] as number[];
      for (let j = 0; j < p; j++) row[j] = (row[j] as number) + (dfb[i] as number) * (dfb[j] as number);
    }
  }
  // Robust score test: uᵀ (T₀ᵀT₀)⁻¹ u with T₀ the collapsed score residuals at β = 0.
  const t0 = collapse(work.scoreResiduals(new Float64Array(p)));
  const u = new Float64Array(p);
  const tt = new Float64Array(p * p);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < p; i++) {
      u[i] = (u[i] as number) + (t0[c * p + i] as number);
      for (let j = 0; j < p; j++)
        tt[i * p + j] = (tt[i * p + j] as number) + (t0[c * p + i] as number) * (t0[c * p + j] as number);
    }
  }
  let scoreChisq = Number.NaN;
  if (singularColumns(tt, p, toler).length === 0) {
    const solved = new CholeskyDecomposition(symmetric(tt, p)).solve(Matrix.columnVector(Array.from(u)));
    scoreChisq = 0;
    for (let j = 0; j < p; j++) scoreChisq += solved.get(j, 0) * (u[j] as number);
  }
  return { variance, scoreChisq, clusters: m };
}

/**
 * Newton step I⁻¹u as R's cholesky2/chsolve2 take it: a column whose pivot is below the
 * tolerance gets no step this iteration (step halving may bring it back later), the others
 * are solved on the remaining principal submatrix (ml-matrix Cholesky).
 */
function newtonStep(e: Evaluation, p: number, toler: number): Float64Array {
  return choleskySolve2(e.imat, e.u, p, toler);
}

/** A⁻¹b as cholesky2 + chsolve2: columns with a pivot below the tolerance get 0. */
function choleskySolve2(a: Float64Array, b: ArrayLike<number>, p: number, toler: number): Float64Array {
  const skip = new Set(singularColumns(a, p, toler));
  const keep = Array.from({ length: p }, (_, i) => i).filter((i) => !skip.has(i));
  const step = new Float64Array(p);
  if (keep.length === 0) return step;
  const full = symmetric(a, p);
  const sub = full.selection(keep, keep);
  const solved = new CholeskyDecomposition(sub).solve(Matrix.columnVector(keep.map((i) => b[i] as number)));
  keep.forEach((i, k) => {
    step[i] = solved.get(k, 0);
  });
  return step;
}

function collinear(terms: readonly string[], singular: readonly number[], atEnd = false): CoxResult {
  const names = singular.map((j) => terms[j] as string);
  if (atEnd) {
    return {
      status: "invalid",
      code: "collinear",
      terms: names,
      message: `the information for ${names.join(", ")} vanished at the fitted coefficients (collinear, or a coefficient tending to infinity); R's coxph would report NA: remove or recode ${names.length === 1 ? "it" : "them"}`,
    };
  }
  return {
    status: "invalid",
    code: "collinear",
    terms: names,
    message: `collinear covariates: ${names.join(", ")} ${names.length === 1 ? "is" : "are"} constant or a linear combination of the other covariates (R's coxph would report NA for ${names.length === 1 ? "it" : "them"}); remove ${names.length === 1 ? "it" : "them"} or a covariate ${names.length === 1 ? "it depends" : "they depend"} on`,
  };
}

function toFlat(m: Matrix, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = m.get(i, j);
  return out;
}

/** A p×p Matrix from the upper triangle of a row-major array, exactly symmetric. */
function symmetric(a: Float64Array, p: number): Matrix {
  const m = new Matrix(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const v = a[i * p + j] as number;
      m.set(i, j, v);
      m.set(j, i, v);
    }
  }
  return m;
}

/**
 * Columns R's `cholesky2` would declare singular: an LDLᵀ sweep without pivoting that skips
 * any column whose pivot is below toler × the largest diagonal (survival's cholesky2.c).
 * Only the decision is taken from this sweep; solving is left to ml-matrix.
 */
export function singularColumns(a: Float64Array, p: number, toler: number): number[] {
  const m = Float64Array.from(a);
  let eps = 0;
  for (let i = 0; i < p; i++) {
    if ((m[i * p + i] as number) > eps) eps = m[i * p + i] as number;
    for (let j = i + 1; j < p; j++) m[j * p + i] = m[i * p + j] as number;
  }
  eps = eps === 0 ? toler : eps * toler;
  const singular: number[] = [];
  for (let i = 0; i < p; i++) {
    const pivot = m[i * p + i] as number;
    if (!Number.isFinite(pivot) || pivot < eps) {
      singular.push(i);
      continue;
    }
    for (let j = i + 1; j < p; j++) {
      const temp = (m[j * p + i] as number) / pivot;
      m[j * p + i] = temp;
      m[j * p + j] = (m[j * p + j] as number) - temp * temp * pivot;
      for (let k = j + 1; k < p; k++)
        m[k * p + j] = (m[k * p + j] as number) - temp * (m[k * p + i] as number);
    }
  }
  return singular;
}

interface Evaluation {
  readonly loglik: number;
  readonly u: Float64Array;
  /** Upper triangle (i ≤ j) of the information matrix, row-major p×p. */
  readonly imat: Float64Array;
}

/** Strata, weights and entry times of the sorted rows; null when the model has none. */
interface Layout {
  readonly w: Float64Array | null;
  readonly stratum: Uint32Array | null;
  readonly start: Float64Array | null;
  /** Sorted-row indices ordered by (stratum, start), for leaving the risk set. */
  byStart: Uint32Array | null;
}

/** Dense stratum keys 0 … count − 1 in the order of the given indices. */
/** out[r] = values[order[r]] (a plain loop: TypedArray.from with a map function is slow in V8). */
function permute<T extends Float64Array | Uint32Array>(
  out: T,
  values: ArrayLike<number>,
  order: Uint32Array,
): T {
  for (let r = 0; r < order.length; r++) out[r] = values[order[r] as number] as number;
  return out;
}

function stratumKeys(strata: ArrayLike<number>): { key: Uint32Array; count: number } {
  const seen = new Set<number>();
  for (let i = 0; i < strata.length; i++) seen.add(strata[i] as number);
  const distinct = [...seen].sort((a, b) => a - b);
  const ids = new Map(distinct.map((v, k) => [v, k]));
  const key = new Uint32Array(strata.length);
  for (let i = 0; i < strata.length; i++) key[i] = ids.get(strata[i] as number) as number;
  return { key, count: distinct.length };
}

function startOrder(start: Float64Array, stratum: Uint32Array | null): Uint32Array {
  let order = orderByTime(start);
  if (stratum) {
    let count = 0;
    for (let i = 0; i < stratum.length; i++) count = Math.max(count, (stratum[i] as number) + 1);
    order = countingSort(order, stratum, count);
  }
  return order;
}

/**
 * Log partial likelihood, score and information at β: one backward pass over the rows sorted
 * by (stratum, time) — coxfit6 for right-censored data, agfit4 for (start, stop] data, where a
 * row leaves the risk set once the pass reaches its entry time. Case weights multiply the risk
 * scores and the deaths' contributions; Efron's tied deaths share their mean weight.
 */
class CoxWork {
  private readonly a: Float64Array;
  private readonly a2: Float64Array;
  private readonly cmat: Float64Array;
  private readonly cmat2: Float64Array;
  private readonly risk: Float64Array;
  private readonly zbeta: Float64Array;

  constructor(
    readonly n: number,
    readonly p: number,
    readonly t: Float64Array,
    readonly d: Uint8Array,
    readonly x: Float64Array,
    readonly efron: boolean,
    readonly layout: Layout,
  ) {
    this.a = new Float64Array(p);
    this.a2 = new Float64Array(p);
    this.cmat = new Float64Array(p * p);
    this.cmat2 = new Float64Array(p * p);
    this.risk = new Float64Array(n);
    this.zbeta = new Float64Array(n);
  }

  /** exp(xβ) per sorted row (without the weight). */
  scores(beta: Float64Array): Float64Array {
    const { n, p, x } = this;
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let zb = 0;
      for (let j = 0; j < p; j++) zb += (beta[j] as number) * (x[r * p + j] as number);
      out[r] = Math.exp(zb);
    }
    return out;
  }

  evaluate(beta: Float64Array): Evaluation {
    const { n, p, t, d, x, a, a2, cmat, cmat2, risk, zbeta } = this;
    const { w, stratum, start, byStart } = this.layout;
    const u = new Float64Array(p);
    const imat = new Float64Array(p * p);
    a.fill(0);
    cmat.fill(0);
    for (let r = 0; r < n; r++) {
      let zb = 0;
      const base = r * p;
      for (let j = 0; j < p; j++) zb += (beta[j] as number) * (x[base + j] as number);
      zbeta[r] = zb;
      risk[r] = w ? Math.exp(zb) * (w[r] as number) : Math.exp(zb);
    }
    let loglik = 0;
    let denom = 0;
    let person = n - 1;
    let leave = n - 1;
    let current = stratum ? (stratum[n - 1] as number) : 0;
    while (person >= 0) {
      if (stratum && stratum[person] !== current) {
        current = stratum[person] as number;
        denom = 0;
        a.fill(0);
        cmat.fill(0);
      }
      const dtime = t[person] as number;
      if (start && byStart) {
        // Rows of later strata were never in this stratum's risk set; skip them.
        while (leave >= 0 && stratum && stratum[byStart[leave] as number] !== current) leave--;
        while (leave >= 0 && (start[byStart[leave] as number] as number) >= dtime) {
          const q = byStart[leave] as number;
          if (stratum && stratum[q] !== current) break;
          const rk = risk[q] as number;
          denom -= rk;
          const base = q * p;
          for (let i = 0; i < p; i++) {
            const xi = x[base + i] as number;
            a[i] = (a[i] as number) - rk * xi;
            const row = i * p;
            for (let j = i; j < p; j++)
              cmat[row + j] = (cmat[row + j] as number) - rk * xi * (x[base + j] as number);
          }
          leave--;
        }
      }
      let ndead = 0;
      let deadwt = 0;
      let denom2 = 0;
      a2.fill(0);
      cmat2.fill(0);
      for (; person >= 0 && t[person] === dtime && (!stratum || stratum[person] === current); person--) {
        const rk = risk[person] as number;
        const base = person * p;
        if (d[person] === 0) {
          denom += rk;
          for (let i = 0; i < p; i++) {
            const xi = x[base + i] as number;
            a[i] = (a[i] as number) + rk * xi;
            const row = i * p;
            for (let j = i; j < p; j++)
              cmat[row + j] = (cmat[row + j] as number) + rk * xi * (x[base + j] as number);
          }
        } else {
          const wt = w ? (w[person] as number) : 1;
          ndead++;
          deadwt += wt;
          denom2 += rk;
          loglik += wt * (zbeta[person] as number);
          for (let i = 0; i < p; i++) {
            const xi = x[base + i] as number;
            u[i] = (u[i] as number) + wt * xi;
            a2[i] = (a2[i] as number) + rk * xi;
            const row = i * p;
            for (let j = i; j < p; j++)
              cmat2[row + j] = (cmat2[row + j] as number) + rk * xi * (x[base + j] as number);
          }
        }
      }
      if (ndead === 0) continue;
      denom += denom2;
      for (let i = 0; i < p; i++) {
        a[i] = (a[i] as number) + (a2[i] as number);
        const row = i * p;
        for (let j = i; j < p; j++) cmat[row + j] = (cmat[row + j] as number) + (cmat2[row + j] as number);
      }
      if (!this.efron || ndead === 1) {
        loglik -= deadwt * Math.log(denom);
        for (let i = 0; i < p; i++) {
          const mean = (a[i] as number) / denom;
          u[i] = (u[i] as number) - deadwt * mean;
          const row = i * p;
          for (let j = i; j < p; j++) {
            imat[row + j] =
              (imat[row + j] as number) +
              (deadwt * ((cmat[row + j] as number) - mean * (a[j] as number))) / denom;
          }
        }
      } else {
        const wtave = deadwt / ndead;
        for (let k = 0; k < ndead; k++) {
          const frac = k / ndead;
          const d2 = denom - frac * denom2;
          loglik -= wtave * Math.log(d2);
          for (let i = 0; i < p; i++) {
            const mean = ((a[i] as number) - frac * (a2[i] as number)) / d2;
            u[i] = (u[i] as number) - wtave * mean;
            const row = i * p;
            for (let j = i; j < p; j++) {
              imat[row + j] =
                (imat[row + j] as number) +
                (wtave *
                  ((cmat[row + j] as number) -
                    frac * (cmat2[row + j] as number) -
                    mean * ((a[j] as number) - frac * (a2[j] as number)))) /
                  d2;
            }
          }
        }
      }
    }
    return { loglik, u, imat };
  }

  /**
   * Score residuals per sorted row on the internal (centred, scaled) covariates, unweighted,
   * as survival's coxscore2 / agscore3: for a row at risk at event time t (Efron: the k-th of
   * D tied deaths seen with the deaths' risk down-weighted by k/D),
   *   Uᵢ = Σ_t [i dies at t] Σ_k (xᵢ − x̄ₖ)/D − Σ_t eᵢ Σ_k (1 − [i dies at t]·k/D)(xᵢ − x̄ₖ) hₖ,
   * hₖ = (mean death weight)/(k-th denominator). Cumulative sums over event times make it
   * O(n log n).
   */
  scoreResiduals(beta: Float64Array): Float64Array {
    const { n, p, t, d, x } = this;
    const { w, stratum, start } = this.layout;
    const score = this.scores(beta);
    const resid = new Float64Array(n * p);
    // Event times per stratum, ascending, with H = Σ hₖ and XH = Σ x̄ₖ hₖ (prefix sums).
    const segments: { lo: number; hi: number }[] = [];
    for (let r = 0; r < n; ) {
      let e = r;
      while (e < n && (!stratum || stratum[e] === stratum[r])) e++;
      segments.push({ lo: r, hi: e });
      r = e;
    }
    const a = new Float64Array(p);
    const a2 = new Float64Array(p);
    const xbar = new Float64Array(p);
    for (const { lo, hi } of segments) {
      const times: number[] = [];
      const cumH: number[] = [];
      const cumXH: number[][] = [];
      // Risk-set sums at each event time, forward in time: in the risk set are rows with
      // stop ≥ t (and start < t); computed directly from suffix sums in a backward pass.
      const groups: { from: number; to: number }[] = [];
      for (let r = lo; r < hi; ) {
        let e = r;
        let dead = 0;
        while (e < hi && t[e] === t[r]) {
          dead += d[e] as number;
          e++;
        }
        if (dead > 0) groups.push({ from: r, to: e });
        r = e;
      }
      const sums = this.riskSums(score, lo, hi, groups);
      let h = 0;
      const xh = new Float64Array(p);
      groups.forEach((g, gi) => {
        const denom = sums.denom[gi] as number;
        a.set(sums.a.subarray(gi * p, (gi + 1) * p));
        let deaths = 0;
        let eDenom = 0;
        let meanwt = 0;
        a2.fill(0);
        for (let r = g.from; r < g.to; r++) {
          if (d[r] !== 1) continue;
          const rk = (score[r] as number) * (w ? (w[r] as number) : 1);
          deaths++;
          eDenom += rk;
          meanwt += w ? (w[r] as number) : 1;
          for (let j = 0; j < p; j++) a2[j] = (a2[j] as number) + rk * (x[r * p + j] as number);
        }
        if (!this.efron || deaths === 1) {
          const hazard = meanwt / denom;
          h += hazard;
          for (let j = 0; j < p; j++) {
            xbar[j] = (a[j] as number) / denom;
            xh[j] = (xh[j] as number) + (xbar[j] as number) * hazard;
          }
          for (let r = g.from; r < g.to; r++) {
            if (d[r] !== 1) continue;
            for (let j = 0; j < p; j++)
              resid[r * p + j] =
                (resid[r * p + j] as number) + (x[r * p + j] as number) - (xbar[j] as number);
          }
        } else {
          meanwt /= deaths;
          for (let k = 0; k < deaths; k++) {
            const down = k / deaths;
            const temp = denom - down * eDenom;
            const hazard = meanwt / temp;
            h += hazard;
            for (let j = 0; j < p; j++) {
              const xb = ((a[j] as number) - down * (a2[j] as number)) / temp;
              xh[j] = (xh[j] as number) + xb * hazard;
              for (let r = g.from; r < g.to; r++) {
                if (d[r] !== 1) continue;
                const diff = (x[r * p + j] as number) - xb;
                resid[r * p + j] =
                  (resid[r * p + j] as number) + diff / deaths + diff * (score[r] as number) * hazard * down;
              }
            }
          }
        }
        times.push(t[g.from] as number);
        cumH.push(h);
        cumXH.push(Array.from(xh));
      });
      // Every row: − eᵢ (xᵢ ΔH − ΔXH) over the event times in (start, stop].
      const upTo = (time: number): number => {
        let l = 0;
        let r = times.length;
        while (l < r) {
          const m = (l + r) >>> 1;
          if ((times[m] as number) <= time) l = m + 1;
          else r = m;
        }
        return l - 1;
      };
      for (let r = lo; r < hi; r++) {
        const kStop = upTo(t[r] as number);
        const kStart = start ? upTo(start[r] as number) : -1;
        if (kStop < 0) continue;
        const dh = (cumH[kStop] as number) - (kStart >= 0 ? (cumH[kStart] as number) : 0);
        const e = score[r] as number;
        for (let j = 0; j < p; j++) {
          const dxh =
            ((cumXH[kStop] as number[])[j] as number) -
            (kStart >= 0 ? ((cumXH[kStart] as number[])[j] as number) : 0);
          resid[r * p + j] = (resid[r * p + j] as number) - e * ((x[r * p + j] as number) * dh - dxh);
        }
      }
    }
    return resid;
  }

  /** Weighted risk-set denominators and covariate sums at the given event-time groups of a stratum. */
  private riskSums(
    score: Float64Array,
    lo: number,
    hi: number,
    groups: readonly { from: number; to: number }[],
  ): { denom: Float64Array; a: Float64Array } {
    const { p, t, x } = this;
    const { w, start } = this.layout;
    const denom = new Float64Array(groups.length);
    const sums = new Float64Array(groups.length * p);
    // Rows with stop ≥ t: suffix from the group's first row. Minus rows with start ≥ t.
    const byStart = start
      ? Array.from({ length: hi - lo }, (_, k) => lo + k).sort(
          (u, v) => (start[u] as number) - (start[v] as number),
        )
      : [];
    let row = hi - 1;
    let leave = byStart.length - 1;
    let den = 0;
    const acc = new Float64Array(p);
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const g = groups[gi] as { from: number; to: number };
      const time = t[g.from] as number;
      for (; row >= g.from; row--) {
        const rk = (score[row] as number) * (w ? (w[row] as number) : 1);
        den += rk;
        for (let j = 0; j < p; j++) acc[j] = (acc[j] as number) + rk * (x[row * p + j] as number);
      }
      if (start) {
        while (leave >= 0 && (start[byStart[leave] as number] as number) >= time) {
          const q = byStart[leave] as number;
          const rk = (score[q] as number) * (w ? (w[q] as number) : 1);
          den -= rk;
          for (let j = 0; j < p; j++) acc[j] = (acc[j] as number) - rk * (x[q * p + j] as number);
          leave--;
        }
      }
      denom[gi] = den;
      sums.set(acc, gi * p);
    }
    return { denom, a: sums };
  }
}
