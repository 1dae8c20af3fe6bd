/**
 * Ordering helpers shared by the survival estimators. Sorting is the one super-linear step
 * of KM, log-rank and Cox, so it avoids comparator sorts: the times are sorted natively as a
 * Float64Array, each row finds its rank by binary search, and a counting sort then orders the
 * rows stably by (rank, tie key).
 */

/** Distinct values of `values` in ascending order (NaN must already be excluded). */
export function sortedDistinct(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (m === 0 || v !== sorted[m - 1]) sorted[m++] = v;
  }
  return sorted.slice(0, m);
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

/** Ranks (0-based, ties share a rank) of every value among `distinct`. */
export function ranks(values: ArrayLike<number>, distinct: Float64Array): Uint32Array {
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = rankOf(distinct, values[i] as number);
  return out;
}

/**
 * Row order ascending by time; within a tied time, rows with `tieKey` 0 come before rows
 * with 1 (e.g. events before censorings, as `coxph` sorts), otherwise in input order.
 */
export function orderByTime(time: ArrayLike<number>, tieKey?: ArrayLike<number>): Uint32Array {
  const n = time.length;
  const distinct = sortedDistinct(time);
  const buckets = distinct.length * 2;
  const key = new Uint32Array(n);
  const count = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const k = rankOf(distinct, time[i] as number) * 2 + (tieKey ? (tieKey[i] as number) : 0);
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
