/**
 * In-plane diameters of a lesion on one slice, the RECIST 1.1 way (Eisenhauer EA et al. Eur J
 * Cancer 2009;45:228–247, §3.1 and Appendix I): the longest diameter on the axial image, and the
 * short axis, the longest diameter perpendicular to it on the same image.
 *
 * Measured edge to edge on the painted voxels: the outline is the union of the pixel squares,
 * the longest diameter is its Feret (caliper) diameter and the short axis the longest chord of the
 * convex hull perpendicular to it. On the hull, so a concave lesion's short axis may exceed the
 * chord a reader would draw inside it [stated in the output]. Error against the true outline: at
 * most one pixel diagonal (digitisation), plus the slice-sampling of the true maximum.
 */

export type Point = readonly [number, number];

/** Andrew's monotone chain; returns the hull counter-clockwise without repeating the first point. */
export function convexHull(points: Point[]): Point[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const crossZ = (o: Point, a: Point, b: Point) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const q of p) {
    while (
      lower.length >= 2 &&
      crossZ(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, q) <= 0
    )
      lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i] as Point;
    while (
      upper.length >= 2 &&
      crossZ(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, q) <= 0
    )
      upper.pop();
    upper.push(q);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

export interface Diameters {
  readonly longestMm: number;
  readonly shortAxisMm: number;
}

/** Longest diameter and perpendicular short axis of a convex polygon (mm). */
export function hullDiameters(hull: readonly Point[]): Diameters {
  let best = 0;
  let a: Point = hull[0] ?? [0, 0];
  let b: Point = a;
  for (let x = 0; x < hull.length; x++) {
    for (let y = x + 1; y < hull.length; y++) {
      const p = hull[x] as Point;
      const q = hull[y] as Point;
      const d = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
      if (d > best) {
        best = d;
        a = p;
        b = q;
      }
    }
  }
  const longest = Math.sqrt(best);
  if (longest === 0) return { longestMm: 0, shortAxisMm: 0 };
  const u: Point = [(b[0] - a[0]) / longest, (b[1] - a[1]) / longest];
  const v: Point = [-u[1], u[0]];
  // The longest chord along v: at each vertex's offset t = p·u, intersect the line x·u = t
  // with the polygon; the chord length is piecewise linear and concave in t, so a vertex attains it.
  let shortest = 0;
  for (const p of hull) {
    const t = p[0] * u[0] + p[1] * u[1];
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < hull.length; e++) {
      const s = hull[e] as Point;
      const w = hull[(e + 1) % hull.length] as Point;
      const ts = s[0] * u[0] + s[1] * u[1];
      const tw = w[0] * u[0] + w[1] * u[1];
      if ((ts - t) * (tw - t) > 0) continue;
      const f = tw === ts ? 0 : (t - ts) / (tw - ts);
      const cand = [f, ...(tw === ts ? [1] : [])];
      for (const g of cand) {
        const x = s[0] + g * (w[0] - s[0]);
        const y = s[1] + g * (w[1] - s[1]);
        const along = x * v[0] + y * v[1];
        if (along < lo) lo = along;
        if (along > hi) hi = along;
      }
    }
    if (hi - lo > shortest) shortest = hi - lo;
  }
  return { longestMm: longest, shortAxisMm: shortest };
}
