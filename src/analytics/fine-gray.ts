/**
 * Fine–Gray proportional subdistribution hazards regression (Fine JP, Gray RJ. JASA
 * 1999;94:496–509), reproducing R's `cmprsk::crr` (cmprsk 2.2-11, Fortran `crrfsv`, `crrf`,
 * `crrvv`) with its defaults: one censoring group, fixed covariates (no `cov2`),
 * `gtol = 1e-6`, `maxiter = 10`, β₀ = 0.
 *
 * - Risk set at a time t of the event of interest: everyone still under observation, plus
 *   those who had a competing event before t, weighted by Ĝ(t−)/Ĝ(tᵢ−), Ĝ the Kaplan–Meier
 *   estimate of the censoring distribution (crr evaluates it at t·(1 − 100ε), as here).
 *   Tied events as Breslow.
 * - Newton–Raphson as crr: converged when max|score|·max(|β|, 1) < max(|ℓ|, 1)·gtol; a step is
 *   halved (at most 20 times) until the Armijo condition ℓ(β + s) ≤ ℓ(β) + 10⁻⁴·sᵀscore holds.
 * - Variance: crr's sandwich I⁻¹ Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ I⁻¹ (Fine & Gray 1999, §4), with ψᵢ the
 *   term for the estimated censoring distribution.
 *
 * crr's Fortran recomputes every weighted risk set from scratch (O(n²) per iteration, O(n³)
 * for the variance); here the same sums are carried as running prefix and suffix sums, so a fit
 * is O(n·p²). Covariates are centred first (the partial likelihood, its score and
 * information do not change under a shift), which keeps the sums well conditioned.
 */
import { LuDecomposition, Matrix } from "ml-matrix";
import { twoSidedNormalP, zForConfidence } from "./distributions.js";
import { eventsPerParameter, type FitWarning } from "./fit-warnings.js";
import { orderByTime } from "./order.js";

export interface FineGrayOptions {
  readonly gtol?: number;
  readonly maxIterations?: number;
  readonly confLevel?: number;
}

export interface FineGrayFit {
  readonly status: "ok";
  readonly failCode: number;
  readonly n: number;
  /** Events of the type of interest, and competing events. */
  readonly nevent: number;
  readonly ncompeting: number;
  readonly terms: readonly string[];
  readonly coef: readonly number[];
  readonly se: readonly number[];
  readonly z: readonly number[];
  readonly p: readonly number[];
  /** Subdistribution hazard ratios exp(β) and their Wald interval. */
  readonly shr: readonly number[];
  readonly shrLower: readonly number[];
  readonly shrUpper: readonly number[];
  readonly var: readonly (readonly number[])[];
  readonly loglik: number;
  readonly loglikNull: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly FitWarning[];
}

export type FineGrayResult =
  | FineGrayFit
  | { readonly status: "no-events"; readonly failCode: number; readonly n: number }
  | {
      readonly status: "invalid";
      readonly failCode: number;
      readonly code: "singular" | "no-covariates";
      readonly terms: readonly string[];
    };

/** Data sorted by time, centred covariates, the censoring weights Ĝ(tᵢ−). */
interface Prepared {
  readonly n: number;
  readonly p: number;
  readonly t: Float64Array;
  /** 0 censored, 1 event of interest, 2 competing event. */
  readonly ici: Uint8Array;
  /** Row-major n×p, centred. */
  readonly x: Float64Array;
  readonly w: Float64Array;
  /** Start index of each distinct time of the event of interest, ascending. */
  readonly failStart: Uint32Array;
  /** Number of events of interest at each of those times. */
  readonly failCount: Float64Array;
}

/**
 * Fit `crr(time, event, X, failcode = failCode)` on complete data: `event` 0 = censored, any
 * other code an event type.
 */
export function fineGray(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  failCode: number,
  design: { readonly terms: readonly string[]; readonly columns: readonly ArrayLike<number>[] },
  options: FineGrayOptions = {},
): FineGrayResult {
  const gtol = options.gtol ?? 1e-6;
  const maxIter = options.maxIterations ?? 10;
  const p = design.terms.length;
  const n = time.length;
  if (p === 0) return { status: "invalid", failCode, code: "no-covariates", terms: [] };
  const d = prepare(time, event, failCode, design.columns);
  if (d.failStart.length === 0) return { status: "no-events", failCode, n };

  let b: Float64Array = new Float64Array(p);
  let z = scoreAndInformation(d, b);
  let converged = false;
  let iterations = 0;
  for (let ll = 0; ll <= maxIter; ll++) {
    let maxS = 0;
    for (let j = 0; j < p; j++) {
      maxS = Math.max(maxS, Math.abs(z.s[j] as number) * Math.max(Math.abs(b[j] as number), 1));
    }
    if (maxS < Math.max(Math.abs(z.lik), 1) * gtol) {
      converged = true;
      break;
    }
    if (ll === maxIter) break;
    const lu = new LuDecomposition(toMatrix(z.v, p));
    if (lu.isSingular()) return { status: "invalid", failCode, code: "singular", terms: design.terms };
    const step = lu.solve(Matrix.columnVector(Array.from(z.s)));
    let sc = Float64Array.from({ length: p }, (_, j) => -step.get(j, 0));
    let slope = 0;
    for (let j = 0; j < p; j++) slope += (sc[j] as number) * (z.s[j] as number);
    let bn = add(b, sc);
    let fbn = objective(d, bn);
    let halvings = 0;
    let failed = false;
    while (Number.isNaN(fbn) || fbn > z.lik + 1e-4 * slope) {
      halvings++;
      sc = sc.map((v) => v * 0.5);
      slope *= 0.5;
      bn = add(b, sc);
      fbn = objective(d, bn);
      if (halvings > 20) {
        failed = true;
        break;
      }
    }
    if (failed) break;
    b = bn;
    iterations = ll + 1;
    z = scoreAndInformation(d, b);
  }

  const lu = new LuDecomposition(toMatrix(z.v, p));
  if (lu.isSingular()) return { status: "invalid", failCode, code: "singular", terms: design.terms };
  const h = lu.solve(Matrix.eye(p));
  const v2 = sandwichMeat(d, b);
  const variance = h.mmul(toMatrix(v2, p)).mmul(h.transpose());
  const coef = Array.from(b);
  const se = coef.map((_, j) => Math.sqrt(variance.get(j, j)));
  const zs = coef.map((c, j) => c / (se[j] as number));
  const zc = zForConfidence(options.confLevel ?? 0.95);
  let ncompeting = 0;
  let nevent = 0;
  for (let i = 0; i < n; i++) {
    if (d.ici[i] === 1) nevent++;
    else if (d.ici[i] === 2) ncompeting++;
  }
  return {
    status: "ok",
    failCode,
    n,
    nevent,
    ncompeting,
    terms: design.terms,
    coef,
    se,
    z: zs,
    p: zs.map((v) => twoSidedNormalP(v)),
    shr: coef.map((c) => Math.exp(c)),
    shrLower: coef.map((c, j) => Math.exp(c - zc * (se[j] as number))),
    shrUpper: coef.map((c, j) => Math.exp(c + zc * (se[j] as number))),
    var: variance.to2DArray(),
    loglik: -z.lik,
    loglikNull: -objective(d, new Float64Array(p)),
    iterations,
    converged,
    warnings: [
      ...(converged ? [] : [{ code: "not-converged", iterations } as const]),
      ...eventsPerParameter(nevent, p),
    ],
  };
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, j) => v + (b[j] as number));
}

function toMatrix(a: Float64Array, p: number): Matrix {
  const m = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m.set(i, j, a[i * p + j] as number);
  return m;
}

function prepare(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  failCode: number,
  columns: readonly ArrayLike<number>[],
): Prepared {
  const n = time.length;
  const p = columns.length;
  const order = orderByTime(time);
  const t = Float64Array.from(order, (i) => time[i] as number);
  const ici = Uint8Array.from(order, (i) => {
    const e = event[i] as number;
    return e === 0 ? 0 : e === failCode ? 1 : 2;
  });
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const col = columns[j] as ArrayLike<number>;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[i] as number;
    mean /= n;
    for (let r = 0; r < n; r++) x[r * p + j] = (col[order[r] as number] as number) - mean;
  }
  const w = censoringWeights(t, ici);
  const starts: number[] = [];
  const counts: number[] = [];
  for (let r = 0; r < n; ) {
    let e = r;
    let k = 0;
    while (e < n && t[e] === t[r]) {
      if (ici[e] === 1) k++;
      e++;
    }
    if (k > 0) {
      starts.push(r);
      counts.push(k);
    }
    r = e;
  }
  return { n, p, t, ici, x, w, failStart: Uint32Array.from(starts), failCount: Float64Array.from(counts) };
}

/**
 * Ĝ(tᵢ−) for each sorted row, as crr takes it: the Kaplan–Meier curve of the censoring times
 * (`survfit(Surv(t, censored) ~ 1)`) read by `approx(..., method = "constant")` at
 * tᵢ·(1 − 100ε), with 1 before the first time.
 */
function censoringWeights(t: Float64Array, ici: Uint8Array): Float64Array {
  const n = t.length;
  const nodes: number[] = [Math.min(0, t[0] as number) - 10 * Number.EPSILON];
  const surv: number[] = [1];
  let s = 1;
  for (let r = 0; r < n; ) {
    let e = r;
    let c = 0;
    while (e < n && t[e] === t[r]) {
      if (ici[e] === 0) c++;
      e++;
    }
    s *= 1 - c / (n - r);
    nodes.push(t[r] as number);
    surv.push(s);
    r = e;
  }
  nodes.push((t[n - 1] as number) * (1 + 10 * Number.EPSILON));
  surv.push(0);
  const w = new Float64Array(n);
  let k = 0;
  for (let r = 0; r < n; r++) {
    const xout = (t[r] as number) * (1 - 100 * Number.EPSILON);
    if (xout < (nodes[0] as number)) {
      w[r] = 1;
      continue;
    }
    while (k + 1 < nodes.length && (nodes[k + 1] as number) <= xout) k++;
    while (k > 0 && (nodes[k] as number) > xout) k--;
    w[r] = surv[k] as number;
  }
  return w;
}

/** The objective crr minimises, −log partial likelihood (`crrf`). */
function objective(d: Prepared, b: Float64Array): number {
  return sweep(d, b, false).lik;
}

function scoreAndInformation(d: Prepared, b: Float64Array): Sweep {
  return sweep(d, b, true);
}

interface Sweep {
  readonly lik: number;
  /** Gradient of the objective (minus the score). */
  readonly s: Float64Array;
  /** Information, row-major p×p. */
  readonly v: Float64Array;
  readonly eb: Float64Array;
  /** S0 and the weighted mean covariate x̄ at each distinct time of the event of interest. */
  readonly s0: Float64Array;
  readonly xbar: Float64Array;
}

/**
 * One pass over the distinct times of the event of interest (crrfsv): the weighted risk set
 * at t is the suffix {tᵢ ≥ t} plus Ĝ(t−)·Σ_{competing, tᵢ < t} e^{xᵢβ}/Ĝ(tᵢ−).
 */
function sweep(d: Prepared, b: Float64Array, derivatives: boolean): Sweep {
  const { n, p, t, ici, x, w, failStart, failCount } = d;
  const eb = new Float64Array(n);
  const xb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += (x[i * p + j] as number) * (b[j] as number);
    xb[i] = s;
    eb[i] = Math.exp(s);
  }
  const nf = failStart.length;
  const s0 = new Float64Array(nf);
  const xbar = new Float64Array(nf * p);
  const s = new Float64Array(p);
  const v = new Float64Array(p * p);
  // Suffix sums over {tᵢ ≥ t}, built from the end; prefix sums of competing events.
  const r1 = new Float64Array(p);
  const r2 = new Float64Array(p * p);
  const c1 = new Float64Array(p);
  const c2 = new Float64Array(p * p);
  let r0 = 0;
  let c0 = 0;
  // Prefix sums of competing events before each failure time, computed ascending first.
  const pre0 = new Float64Array(nf);
  const pre1 = derivatives ? new Float64Array(nf * p) : new Float64Array(0);
  const pre2 = derivatives ? new Float64Array(nf * p * p) : new Float64Array(0);
  let row = 0;
  for (let k = 0; k < nf; k++) {
    const start = failStart[k] as number;
    for (; row < start; row++) {
      if (ici[row] !== 2) continue;
      const e = (eb[row] as number) / (w[row] as number);
      c0 += e;
      if (!derivatives) continue;
      for (let i = 0; i < p; i++) {
        const xi = x[row * p + i] as number;
        c1[i] = (c1[i] as number) + e * xi;
        for (let j = i; j < p; j++)
          c2[i * p + j] = (c2[i * p + j] as number) + e * xi * (x[row * p + j] as number);
      }
    }
    pre0[k] = c0;
    if (derivatives) {
      pre1.set(c1, k * p);
      pre2.set(c2, k * p * p);
    }
  }
  let lik = 0;
  row = n - 1;
  for (let k = nf - 1; k >= 0; k--) {
    const start = failStart[k] as number;
    for (; row >= start; row--) {
      const e = eb[row] as number;
      r0 += e;
      if (!derivatives) continue;
      for (let i = 0; i < p; i++) {
        const xi = x[row * p + i] as number;
        r1[i] = (r1[i] as number) + e * xi;
        for (let j = i; j < p; j++)
          r2[i * p + j] = (r2[i * p + j] as number) + e * xi * (x[row * p + j] as number);
      }
    }
    const g = w[start] as number;
    const total = r0 + g * (pre0[k] as number);
    s0[k] = total;
    const dk = failCount[k] as number;
    for (let r = start; r < n && t[r] === t[start]; r++) {
      if (ici[r] !== 1) continue;
      lik -= xb[r] as number;
      if (derivatives) for (let j = 0; j < p; j++) s[j] = (s[j] as number) - (x[r * p + j] as number);
    }
    lik += dk * Math.log(total);
    if (!derivatives) continue;
    for (let i = 0; i < p; i++) {
      const m = ((r1[i] as number) + g * (pre1[k * p + i] as number)) / total;
      xbar[k * p + i] = m;
      s[i] = (s[i] as number) + dk * m;
    }
    for (let i = 0; i < p; i++) {
      for (let j = i; j < p; j++) {
        const second = ((r2[i * p + j] as number) + g * (pre2[k * p * p + i * p + j] as number)) / total;
        const val =
          (v[i * p + j] as number) +
          dk * (second - (xbar[k * p + i] as number) * (xbar[k * p + j] as number));
        v[i * p + j] = val;
        v[j * p + i] = val;
      }
    }
  }
  return { lik, s, v, eb, s0, xbar };
}

/**
 * Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ of crrvv, with its integrals over the risk sets written as running
 * sums: for row i with Eᵢ = e^{xᵢβ},
 *   ηᵢ = [i an event of interest](xᵢ − x̄(tᵢ)) − Eᵢ Σ_{t ≤ tᵢ} d(t)(xᵢ − x̄(t))/S0(t)
 *        − [i a competing event] Eᵢ/Ĝ(tᵢ−) Σ_{t > tᵢ} d(t)Ĝ(t−)(xᵢ − x̄(t))/S0(t),
 *   ψᵢ = −Σ_{u ≤ tᵢ} c(u) q(u)/Y(u)² + [i censored] q(tᵢ)/Y(tᵢ),
 *   q(u) = Σ_{t ≥ u} d(t)Ĝ(t−)/S0(t) · Σ_{competing j, tⱼ < u} Eⱼ(xⱼ − x̄(t))/Ĝ(tⱼ−),
 * sums over distinct times t of the event of interest (d events), u of censoring (c censored,
 * Y at risk).
 */
function sandwichMeat(d: Prepared, b: Float64Array): Float64Array {
  const { n, p, t, ici, x, w, failStart, failCount } = d;
  const { eb, s0, xbar } = sweep(d, b, true);
  const nf = failStart.length;
  // Cumulative sums over failure times: D (t ≤ ·) ascending, F (t ≥ ·) descending.
  const cumD0 = new Float64Array(nf);
  const cumD1 = new Float64Array(nf * p);
  let a0 = 0;
  const a1 = new Float64Array(p);
  for (let k = 0; k < nf; k++) {
    const q = (failCount[k] as number) / (s0[k] as number);
    a0 += q;
    for (let j = 0; j < p; j++) a1[j] = (a1[j] as number) + q * (xbar[k * p + j] as number);
    cumD0[k] = a0;
    cumD1.set(a1, k * p);
  }
  const sufF0 = new Float64Array(nf + 1);
  const sufF1 = new Float64Array((nf + 1) * p);
  for (let k = nf - 1; k >= 0; k--) {
    const q = ((failCount[k] as number) * (w[failStart[k] as number] as number)) / (s0[k] as number);
    sufF0[k] = (sufF0[k + 1] as number) + q;
    for (let j = 0; j < p; j++) {
      sufF1[k * p + j] = (sufF1[(k + 1) * p + j] as number) + q * (xbar[k * p + j] as number);
    }
  }
  const meat = new Float64Array(p * p);
  const st = new Float64Array(p);
  const ss2 = new Float64Array(p);
  const qu = new Float64Array(p);
  const b1 = new Float64Array(p);
  let b0 = 0;
  // k: number of failure times ≤ the current time; kGe: first failure time ≥ it.
  let k = 0;
  for (let r = 0; r < n; ) {
    let e = r;
    let ncens = 0;
    while (e < n && t[e] === t[r]) {
      if (ici[e] === 0) ncens++;
      e++;
    }
    const tr = t[r] as number;
    const kGe = k;
    while (k < nf && (t[failStart[k] as number] as number) <= tr) k++;
    // k now counts failure times ≤ tr; kGe is the first failure time ≥ tr.
    if (ncens > 0) {
      const atRisk = n - r;
      for (let j = 0; j < p; j++) {
        qu[j] = (b1[j] as number) * (sufF0[kGe] as number) - b0 * (sufF1[kGe * p + j] as number);
        ss2[j] = (ss2[j] as number) - (ncens * (qu[j] as number)) / (atRisk * atRisk);
      }
    }
    for (let i = r; i < e; i++) {
      const ei = eb[i] as number;
      const last = k - 1;
      const dsum0 = last >= 0 ? (cumD0[last] as number) : 0;
      for (let j = 0; j < p; j++) {
        const xi = x[i * p + j] as number;
        const dsum1 = last >= 0 ? (cumD1[last * p + j] as number) : 0;
        let v = -ei * (xi * dsum0 - dsum1);
        if (ici[i] === 2) {
          v -= (ei / (w[i] as number)) * (xi * (sufF0[k] as number) - (sufF1[k * p + j] as number));
        } else if (ici[i] === 1) {
          v += xi - (xbar[last * p + j] as number);
        }
        v += ss2[j] as number;
        if (ici[i] === 0) v += (qu[j] as number) / (n - r);
        st[j] = v;
      }
      for (let a = 0; a < p; a++) {
        for (let c = a; c < p; c++)
          meat[a * p + c] = (meat[a * p + c] as number) + (st[a] as number) * (st[c] as number);
      }
    }
    // Competing events at this time join the prefix used by later q(u).
    for (let i = r; i < e; i++) {
      if (ici[i] !== 2) continue;
      const ew = (eb[i] as number) / (w[i] as number);
      b0 += ew;
      for (let j = 0; j < p; j++) b1[j] = (b1[j] as number) + ew * (x[i * p + j] as number);
    }
    r = e;
  }
  for (let a = 0; a < p; a++) for (let c = 0; c < a; c++) meat[a * p + c] = meat[c * p + a] as number;
  return meat;
}
