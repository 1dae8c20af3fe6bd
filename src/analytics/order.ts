/**
 * Ordering helpers shared by the survival estimators. Sorting is the one super-linear step
 * of KM, log-rank and Cox, so it avoids comparator sorts: the times are sorted natively as a
 * Float64Array, each row finds its rank by binary search, and a counting sort then orders the
 * rows stably by (rank, tie key).
 */

export interface Ranked {
  /** Distinct values, ascending. */
  readonly distinct: Float64Array;
  /** Rank of each input value in `distinct` (ties share a rank). */
  readonly rank: Uint32Array;
}

/** Beyond this many distinct values, hashing doubles costs more than sorting them. */
const HASH_LIMIT = 1 << 14;

/**
 * Distinct values and every value's rank among them. Registry times have many ties, so a
 * hash pass and a sort of the few distinct values is fastest; when the values turn out to be
 * nearly all distinct (a continuous risk score), a native sort and binary searches are.
 * NaN must already be excluded; −0 and 0 are one value.
 */
export function rankAll(values: ArrayLike<number>): Ranked {
  const n = values.length;
  const firstSeen = new Map<number, number>();
  const id = new Uint32Array(n);
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    let k = firstSeen.get(v);
    if (k === undefined) {
      if (seen.length >= HASH_LIMIT) return rankBySort(values);
      k = seen.length;
      firstSeen.set(v, k);
      seen.push(v);
    }
    id[i] = k;
  }
  const distinct = Float64Array.from(seen).sort();
  const rankOfId = new Uint32Array(seen.length);
  for (let r = 0; r < distinct.length; r++) rankOfId[firstSeen.get(distinct[r] as number) as number] = r;
  for (let i = 0; i < n; i++) id[i] = rankOfId[id[i] as number] as number;
  return { distinct, rank: id };
}

function rankBySort(values: ArrayLike<number>): Ranked {
  const sorted = Float64Array.from(values).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (m === 0 || v !== sorted[m - 1]) sorted[m++] = v;
  }
  const distinct = sorted.slice(0, m);
  const rank = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) rank[i] = rankOf(distinct, values[i] as number);
  return { distinct, rank };
}

/** Distinct values of `values` in ascending order (NaN must already be excluded). */
export function sortedDistinct(values: ArrayLike<number>): Float64Array {
  return rankAll(values).distinct;
}

/** Index of `value` in the ascending array `distinct` (which must contain it). */
export function rankOf(distinct: Float64Array, value: number): number {
  let lo = 0;
  let hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((distinct[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Row order ascending by time; within a tied time, rows with `tieKey` 0 come before rows
 * with 1 (e.g. events before censorings, as `coxph` sorts), otherwise in input order.
 */
export function orderByTime(time: ArrayLike<number>, tieKey?: ArrayLike<number>): Uint32Array {
  const n = time.length;
  const { distinct, rank } = rankAll(time);
  const buckets = distinct.length * 2;
  const key = new Uint32Array(n);
  const count = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const k = (rank[i] as number) * 2 + (tieKey ? (tieKey[i] as number) : 0);
    key[i] = k;
    count[k + 1] = (count[k + 1] as number) + 1;
  }
  for (let k = 0; k < buckets; k++) count[k + 1] = (count[k + 1] as number) + (count[k] as number);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key[i] as number;
    order[count[k] as number] = i;
    count[k] = (count[k] as number) + 1;
  }
  return order;
}

/** Stable counting sort of `input` (row indices) by integer `key[row]` in [0, buckets). */
export function countingSort(input: Uint32Array, key: Uint32Array, buckets: number): Uint32Array {
  const count = new Uint32Array(buckets + 1);
  for (let r = 0; r < input.length; r++) {
    const k = key[input[r] as number] as number;
    count[k + 1] = (count[k + 1] as number) + 1;
  }
  for (let k = 0; k < buckets; k++) count[k + 1] = (count[k + 1] as number) + (count[k] as number);
  const out = new Uint32Array(input.length);
  for (let r = 0; r < input.length; r++) {
    const row = input[r] as number;
    const k = key[row] as number;
    out[count[k] as number] = row;
    count[k] = (count[k] as number) + 1;
  }
  return out;
}
