/**
 * Harrell's concordance for a Cox model's linear predictor, as `coxph` reports it
 * (survival 3.5 `concordancefit(y, lp, reverse = TRUE, timewt = "n")`, C routine
 * `concordance3`), with its infinitesimal-jackknife standard error.
 *
 * Rows are walked from the longest time down (censored before events at a tied time, then
 * by risk); a Fenwick tree over the ranks of the predictor counts, for each event, the
 * subjects still at risk with a larger, smaller or tied predictor. Events tied in time are
 * not comparable with one another. Each subject's share of concordant / discordant / tied
 * pairs gives its influence on Somers' d, and var(C) = Σ dfbeta² / 4 (Therneau T, Atkinson E.
 * "Concordance", survival package vignette).
 */
import { countingSort, rankAll } from "./order.js";

export interface Concordance {
  readonly concordant: number;
  readonly discordant: number;
  readonly tiedRisk: number;
  readonly tiedTime: number;
  readonly tiedBoth: number;
  readonly c: number;
  readonly se: number;
}

/** Fenwick (binary indexed) tree of counts over risk ranks: add one, count ranks ≤ r. */
function fenwickAdd(tree: Int32Array, rank: number): void {
  for (let i = rank + 1; i < tree.length; i += i & -i) tree[i] = (tree[i] as number) + 1;
}

function fenwickPrefix(tree: Int32Array, rank: number): number {
  let s = 0;
  for (let i = rank + 1; i > 0; i -= i & -i) s += tree[i] as number;
  return s;
}

export function concordance(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  risk: ArrayLike<number>,
): Concordance {
  const n = time.length;
  const { rank } = rankAll(risk);
  // order(-time, status, risk): two stable counting sorts, by risk then by (−time, status).
  const times = rankAll(time);
  const nTimes = times.distinct.length;
  const timeKey = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    timeKey[k] = (nTimes - 1 - (times.rank[k] as number)) * 2 + (status[k] === 1 ? 1 : 0);
  }
  const size = rank.reduce((m, r) => Math.max(m, r + 1), 0);
  const identity = new Uint32Array(n);
  for (let k = 0; k < n; k++) identity[k] = k;
  const order = countingSort(countingSort(identity, rank, size), timeKey, nTimes * 2);
  // Two trees, as concordance3: everyone already passed (longer times), and the events
  // already passed. Counts are unit weights, so integer trees.
  const allTree = new Int32Array(size + 1);
  const allNode = new Int32Array(size);
  let allTotal = 0;
  const deadTree = new Int32Array(size + 1);
  const deadNode = new Int32Array(size);
  let deadTotal = 0;
  const infConc = new Float64Array(n);
  const infDisc = new Float64Array(n);
  const infTied = new Float64Array(n);
  let conc = 0;
  let disc = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;

  let i = 0;
  while (i < n) {
    const ii = order[i] as number;
    if (status[ii] === 0) {
      // Events already passed are not comparable with this censored row: take them out now,
      // the final pass adds every event back.
      const r = rank[ii] as number;
      const upTo = fenwickPrefix(deadTree, r);
      const eq = deadNode[r] as number;
      infConc[ii] = (infConc[ii] as number) - (upTo - eq);
      infDisc[ii] = (infDisc[ii] as number) - (deadTotal - upTo);
      infTied[ii] = (infTied[ii] as number) - eq;
      fenwickAdd(allTree, r);
      allNode[r] = (allNode[r] as number) + 1;
      allTotal++;
      i++;
      continue;
    }
    let ndeath = 0;
    let dwt = 0;
    let dwt2 = 0;
    let xsave = rank[ii] as number;
    const tNow = time[ii] as number;
    for (let j = i; j < n && time[order[j] as number] === tNow; j++) {
      const jj = order[j] as number;
      const r = rank[jj] as number;
      ndeath++;
      tiedY += dwt;
      dwt += 1;
      if (r !== xsave) {
        dwt2 = 0;
        xsave = r;
      }
      tiedXY += dwt2;
      dwt2 += 1;
      const upTo = fenwickPrefix(allTree, r);
      const eq = allNode[r] as number;
      const greater = allTotal - upTo;
      const less = upTo - eq;
      conc += greater;
      disc += less;
      tiedX += eq;
      infConc[jj] = (infConc[jj] as number) + greater;
      infDisc[jj] = (infDisc[jj] as number) + less;
      infTied[jj] = (infTied[jj] as number) + eq;
      fenwickAdd(deadTree, r);
      deadNode[r] = (deadNode[r] as number) + 1;
      deadTotal++;
    }
    for (let k = i; k < i + ndeath; k++) {
      const jj = order[k] as number;
      const r = rank[jj] as number;
      const upTo = fenwickPrefix(deadTree, r);
      const eq = deadNode[r] as number;
      infConc[jj] = (infConc[jj] as number) - (upTo - eq);
      infDisc[jj] = (infDisc[jj] as number) - (deadTotal - upTo);
      infTied[jj] = (infTied[jj] as number) - eq;
      fenwickAdd(allTree, r);
      allNode[r] = (allNode[r] as number) + 1;
      allTotal++;
    }
    i += ndeath;
  }
  // Every event, by rank, as cumulative counts: the final tree is static.
  const deadUpTo = new Float64Array(size);
  let running = 0;
  for (let r = 0; r < size; r++) {
    running += deadNode[r] as number;
    deadUpTo[r] = running;
  }
  for (let k = 0; k < n; k++) {
    const r = rank[k] as number;
    const upTo = deadUpTo[r] as number;
    const eq = deadNode[r] as number;
    infConc[k] = (infConc[k] as number) + (upTo - eq);
    infDisc[k] = (infDisc[k] as number) + (deadTotal - upTo);
    infTied[k] = (infTied[k] as number) + eq;
  }
  tiedY -= tiedXY;

  const npair = conc + disc + tiedX;
  const somers = (conc - disc) / npair;
  let varSomers = 0;
  for (let k = 0; k < n; k++) {
    const ic = infConc[k] as number;
    const id = infDisc[k] as number;
    const dfbeta = (ic - id) / npair - (somers / npair) * (ic + id + (infTied[k] as number));
    varSomers += dfbeta * dfbeta;
  }
  // reverse = TRUE: a higher risk score should go with a shorter time.
  return {
    concordant: disc,
    discordant: conc,
    tiedRisk: tiedX,
    tiedTime: tiedY,
    tiedBoth: tiedXY,
    c: 1 - (somers + 1) / 2,
    se: Math.sqrt(varSomers / 4),
  };
}
