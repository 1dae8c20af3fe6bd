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
import { orderByTime } from "./order.js";

export type Ties = "efron" | "breslow";

export interface CoxOptions {
  readonly ties?: Ties;
  readonly confLevel?: number;
  readonly maxIterations?: number;
  readonly eps?: number;
  readonly tolerChol?: number;
  /** Skip the concordance (it is O(n log n) and not needed by every caller). */
  readonly concordance?: boolean;
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
  /** Centered linear predictor Σ(x − x̄)β for each input row (R's `linear.predictors`). */
  readonly linearPredictors: Float64Array;
  readonly warnings: readonly string[];
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

  // Sort ascending by time, events before censorings at a tied time (coxph.fit's order).
  const tieKey = new Uint8Array(n);
  for (let i = 0; i < n; i++) tieKey[i] = status[i] === 1 ? 0 : 1;
  const order = orderByTime(time, tieKey);
  const t = new Float64Array(n);
  const d = new Uint8Array(n);
  const x = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    t[r] = time[i] as number;
    d[r] = status[i] as number;
  }
  // Center (and scale) each column, as coxfit6.
  const means = new Array<number>(p).fill(0);
  const scale = new Array<number>(p).fill(1);
  for (let j = 0; j < p; j++) {
    const col = design.columns[j] as ArrayLike<number>;
    let sum = 0;
    let zeroOne = true;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (!Number.isFinite(v)) {
        return {
          status: "invalid",
          code: "non-finite",
          terms: [design.terms[j] as string],
          message: `covariate ${design.terms[j]} has a non-finite value`,
        };
      }
      sum += v;
      if (v !== 0 && v !== 1 && v !== -1) zeroOne = false;
    }
    const mean = sum / n;
    means[j] = mean;
    let absDev = 0;
    for (let r = 0; r < n; r++) {
      const v = (col[order[r] as number] as number) - mean;
      x[r * p + j] = v;
      absDev += Math.abs(v);
    }
    if (!zeroOne && absDev > 0) {
      const s = n / absDev;
      scale[j] = s;
      for (let r = 0; r < n; r++) x[r * p + j] = (x[r * p + j] as number) * s;
    }
  }

  const work = new CoxWork(n, p, t, d, x, ties === "efron");
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
  const warnings: string[] = [];

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
    warnings.push(`log-likelihood converged before ${infinite.join(", ")}: coefficient may be infinite`);
  } else if (!converged) {
    warnings.push(`did not converge in ${maxIter} iterations`);
  }
  const z95 = zForConfidence(confLevel);
  const se = coef.map((_, i) => Math.sqrt(variance[i]?.[i] as number));
  const zs = coef.map((b, i) => b / (se[i] as number));
  // Wald test as coxph.wtest: βᵀ V⁻¹ β via a Cholesky solve of V.
  const vMat = new Matrix(variance);
  const vSolved = new CholeskyDecomposition(symmetric(toFlat(vMat, p), p)).solve(Matrix.columnVector(coef));
  let wald = 0;
  for (let j = 0; j < p; j++) wald += vSolved.get(j, 0) * (coef[j] as number);
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
    var: variance,
    means,
    loglikNull,
    loglik: current.loglik,
    lrTest: { chisq: lr, df: p, p: chiSquareUpper(lr, p) },
    waldTest: { chisq: wald, df: p, p: chiSquareUpper(wald, p) },
    scoreTest: { chisq: scoreChisq, df: p, p: chiSquareUpper(scoreChisq, p) },
    concordance: options.concordance === false ? null : concordance(time, status, lp),
    linearPredictors: lp,
    warnings,
  };
}

/**
 * Newton step I⁻¹u as R's cholesky2/chsolve2 take it: a column whose pivot is below the
 * tolerance gets no step this iteration (step halving may bring it back later), the others
 * are solved on the remaining principal submatrix (ml-matrix Cholesky).
 */
function newtonStep(e: Evaluation, p: number, toler: number): Float64Array {
  const skip = new Set(singularColumns(e.imat, p, toler));
  const keep = Array.from({ length: p }, (_, i) => i).filter((i) => !skip.has(i));
  const step = new Float64Array(p);
  if (keep.length === 0) return step;
  const full = symmetric(e.imat, p);
  const sub = full.selection(keep, keep);
  const solved = new CholeskyDecomposition(sub).solve(Matrix.columnVector(keep.map((i) => e.u[i] as number)));
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

/** Log partial likelihood, score and information at β: one backward pass (coxfit6). */
class CoxWork {
  private readonly a: Float64Array;
  private readonly a2: Float64Array;
  private readonly cmat: Float64Array;
  private readonly cmat2: Float64Array;
  private readonly risk: Float64Array;
  private readonly zbeta: Float64Array;

  constructor(
    private readonly n: number,
    private readonly p: number,
    private readonly t: Float64Array,
    private readonly d: Uint8Array,
    private readonly x: Float64Array,
    private readonly efron: boolean,
  ) {
    this.a = new Float64Array(p);
    this.a2 = new Float64Array(p);
    this.cmat = new Float64Array(p * p);
    this.cmat2 = new Float64Array(p * p);
    this.risk = new Float64Array(n);
    this.zbeta = new Float64Array(n);
  }

  evaluate(beta: Float64Array): Evaluation {
    const { n, p, t, d, x, a, a2, cmat, cmat2, risk, zbeta } = this;
    const u = new Float64Array(p);
    const imat = new Float64Array(p * p);
    a.fill(0);
    cmat.fill(0);
    for (let r = 0; r < n; r++) {
      let zb = 0;
      const base = r * p;
      for (let j = 0; j < p; j++) zb += (beta[j] as number) * (x[base + j] as number);
      zbeta[r] = zb;
      risk[r] = Math.exp(zb);
    }
    let loglik = 0;
    let denom = 0;
    let person = n - 1;
    while (person >= 0) {
      const dtime = t[person] as number;
      let ndead = 0;
      let denom2 = 0;
      a2.fill(0);
      cmat2.fill(0);
      for (; person >= 0 && t[person] === dtime; person--) {
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
          ndead++;
          denom2 += rk;
          loglik += zbeta[person] as number;
          for (let i = 0; i < p; i++) {
            const xi = x[base + i] as number;
            u[i] = (u[i] as number) + xi;
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
        loglik -= ndead * Math.log(denom);
        for (let i = 0; i < p; i++) {
          const mean = (a[i] as number) / denom;
          u[i] = (u[i] as number) - ndead * mean;
          const row = i * p;
          for (let j = i; j < p; j++) {
            imat[row + j] =
              (imat[row + j] as number) +
              (ndead * ((cmat[row + j] as number) - mean * (a[j] as number))) / denom;
          }
        }
      } else {
        for (let k = 0; k < ndead; k++) {
          const frac = k / ndead;
          const d2 = denom - frac * denom2;
          loglik -= Math.log(d2);
          for (let i = 0; i < p; i++) {
            const mean = ((a[i] as number) - frac * (a2[i] as number)) / d2;
            u[i] = (u[i] as number) - mean;
            const row = i * p;
            for (let j = i; j < p; j++) {
              imat[row + j] =
                (imat[row + j] as number) +
                ((cmat[row + j] as number) -
                  frac * (cmat2[row + j] as number) -
                  mean * ((a[j] as number) - frac * (a2[j] as number))) /
                  d2;
            }
          }
        }
      }
    }
    return { loglik, u, imat };
  }
}
