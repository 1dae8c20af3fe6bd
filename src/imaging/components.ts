/**
 * 3-D connected components with 26-connectivity, over runs: each image row is scanned once, the
 * runs of foreground voxels are stored in typed arrays and joined with a union-find to the runs of
 * the four earlier rows a 26-neighbour can lie in ((j−1, k), (j−1..j+1, k−1)). No per-voxel
 * objects; memory is a few integers per run. The same single pass also counts every label
 * (what scipy's `bincount` gives).
 */
import type { LabelArray } from "./label-volume.js";

export interface Runs {
  /** Runs in scan order (k, then j, then i). */
  readonly count: number;
  readonly start: Int32Array;
  /** Inclusive end index along i. */
  readonly end: Int32Array;
  /** Run index range of row r = j + ny·k: [rowStart[r], rowStart[r + 1]). */
  readonly rowStart: Int32Array;
  /** Component (0-based, scan order of first voxel) of every run. */
  readonly component: Int32Array;
  readonly componentCount: number;
  /** Voxels per component. */
  readonly componentVoxels: Float64Array;
}

export interface Scan {
  readonly runs: Runs;
  /** Voxels per label value. */
  readonly labelCounts: Float64Array;
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function find(parent: Int32Array, x: number): number {
  let r = x;
  while (parent[r] !== r) r = parent[r] as number;
  let y = x;
  while (parent[y] !== r) {
    const next = parent[y] as number;
    parent[y] = r;
    y = next;
  }
  return r;
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra === rb) return;
  // The smaller index stays the root: components come out in scan order.
  if (ra < rb) parent[rb] = ra;
  else parent[ra] = rb;
}

/** Joins the runs of row `cur` to those of row `prev` that touch them diagonally or directly. */
function joinRows(
  parent: Int32Array,
  start: Int32Array,
  end: Int32Array,
  c0: number,
  c1: number,
  p0: number,
  p1: number,
): void {
  let p = p0;
  for (let c = c0; c < c1; c++) {
    const s = (start[c] as number) - 1;
    const e = (end[c] as number) + 1;
    while (p < p1 && (end[p] as number) < s) p++;
    let q = p;
    while (q < p1 && (start[q] as number) <= e) {
      union(parent, c, q);
      q++;
    }
  }
}

/**
 * One pass over the labels: label counts and the runs of voxels whose label has `foreground[label]`
 * set, then their 26-connected components.
 */
export function scan(
  labels: LabelArray,
  dims: readonly [number, number, number],
  foreground: Uint8Array,
): Scan {
  const [nx, ny, nz] = dims;
  const labelCounts = new Float64Array(labels instanceof Uint8Array ? 256 : 65536);
  const rows = ny * nz;
  const rowStart = new Int32Array(rows + 1);
  let start = new Int32Array(1024);
  let end = new Int32Array(1024);
  let n = 0;
  // Counting in a 32-bit array per row and flushing is faster than float increments per voxel.
  const counts = new Uint32Array(labelCounts.length);
  for (let r = 0; r < rows; r++) {
    rowStart[r] = n;
    const base = r * nx;
    let i = 0;
    while (i < nx) {
      const v = labels[base + i] as number;
      counts[v] = (counts[v] as number) + 1;
      if (foreground[v] === 1) {
        const s = i;
        i++;
        while (i < nx) {
          const w = labels[base + i] as number;
          if (foreground[w] !== 1) break;
          counts[w] = (counts[w] as number) + 1;
          i++;
        }
        if (n === start.length) {
          start = grow(start, n + 1);
          end = grow(end, n + 1);
        }
        start[n] = s;
        end[n] = i - 1;
        n++;
      } else i++;
    }
    if ((r & 1023) === 1023) {
      for (let l = 0; l < counts.length; l++)
        labelCounts[l] = (labelCounts[l] as number) + (counts[l] as number);
      counts.fill(0);
    }
  }
  rowStart[rows] = n;
  for (let l = 0; l < counts.length; l++) labelCounts[l] = (labelCounts[l] as number) + (counts[l] as number);

  const parent = new Int32Array(n);
  for (let x = 0; x < n; x++) parent[x] = x;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const r = j + ny * k;
      const c0 = rowStart[r] as number;
      const c1 = rowStart[r + 1] as number;
      if (c0 === c1) continue;
      if (j > 0) joinRows(parent, start, end, c0, c1, rowStart[r - 1] as number, rowStart[r] as number);
      if (k > 0) {
        for (let dj = -1; dj <= 1; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= ny) continue;
          const q = jj + ny * (k - 1);
          joinRows(parent, start, end, c0, c1, rowStart[q] as number, rowStart[q + 1] as number);
        }
      }
    }
  }
  const component = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  let componentCount = 0;
  for (let x = 0; x < n; x++) {
    const root = find(parent, x);
    let id = idOfRoot[root] as number;
    if (id < 0) {
      id = componentCount++;
      idOfRoot[root] = id;
    }
    component[x] = id;
  }
  const componentVoxels = new Float64Array(componentCount);
  for (let x = 0; x < n; x++) {
    const c = component[x] as number;
    componentVoxels[c] = (componentVoxels[c] as number) + (end[x] as number) - (start[x] as number) + 1;
  }
  return {
    labelCounts,
    runs: {
      count: n,
      start: start.subarray(0, n),
      end: end.subarray(0, n),
      rowStart,
      component,
      componentCount,
      componentVoxels,
    },
  };
}
