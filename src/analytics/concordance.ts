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

class Fenwick {
  private readonly tree: Float64Array;
  readonly node: Float64Array;
  total = 0;
  constructor(size: number) {
    this.tree = new Float64Array(size + 1);
    this.node = new Float64Array(size);
  }
  add(rank: number, w: number): void {
    this.node[rank] = (this.node[rank] as number) + w;
    this.total += w;
    for (let i = rank + 1; i < this.tree.length; i += i & -i) this.tree[i] = (this.tree[i] as number) + w;
  }
  /** Sum over ranks ≤ rank. */
  prefix(rank: number): number {
    let s = 0;
    for (let i = rank + 1; i > 0; i -= i & -i) s += this.tree[i] as number;
    return s;
  }
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
  const all = new Fenwick(size);
  const dead = new Fenwick(size);
  const infConc = new Float64Array(n);
  const infDisc = new Float64Array(n);
  const infTied = new Float64Array(n);
  let greater = 0;
  let less = 0;
  let equal = 0;
  const walk = (tree: Fenwick, r: number): void => {
    const upTo = tree.prefix(r);
    equal = tree.node[r] as number;
    less = upTo - equal;
    greater = tree.total - upTo;
  };
  let conc = 0;
  let disc = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;

  let i = 0;
  while (i < n) {
    const ii = order[i] as number;
    if (status[ii] === 0) {
      walk(dead, rank[ii] as number);
      infConc[ii] = (infConc[ii] as number) - less;
      infDisc[ii] = (infDisc[ii] as number) - greater;
      infTied[ii] = (infTied[ii] as number) - equal;
      all.add(rank[ii] as number, 1);
      i++;
      continue;
    }
    let ndeath = 0;
    let dwt = 0;
    let dwt2 = 0;
    let xsave = rank[ii] as number;
    let j = i;
    for (; j < n && time[order[j] as number] === time[ii]; j++) {
      const jj = order[j] as number;
      ndeath++;
      tiedY += dwt;
      dwt += 1;
      if (rank[jj] !== xsave) {
        dwt2 = 0;
        xsave = rank[jj] as number;
      }
      tiedXY += dwt2;
      dwt2 += 1;
      walk(all, rank[jj] as number);
      conc += greater;
      disc += less;
      tiedX += equal;
      infConc[jj] = (infConc[jj] as number) + greater;
      infDisc[jj] = (infDisc[jj] as number) + less;
      infTied[jj] = (infTied[jj] as number) + equal;
      dead.add(rank[jj] as number, 1);
    }
    for (let k = i; k < i + ndeath; k++) {
      const jj = order[k] as number;
      walk(dead, rank[jj] as number);
      infConc[jj] = (infConc[jj] as number) - less;
      infDisc[jj] = (infDisc[jj] as number) - greater;
      infTied[jj] = (infTied[jj] as number) - equal;
      all.add(rank[jj] as number, 1);
    }
    i += ndeath;
  }
  for (let k = 0; k < n; k++) {
    walk(dead, rank[k] as number);
    infConc[k] = (infConc[k] as number) + less;
    infDisc[k] = (infDisc[k] as number) + greater;
    infTied[k] = (infTied[k] as number) + equal;
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
