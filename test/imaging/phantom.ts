/**
 * Test tooling: phantoms of known volume and diameters, voxelised on any grid (axial, oblique,
 * gantry-tilted, anisotropic). A voxel belongs to a shape when its centre lies inside it.
 */
import { type Geometry, positionOf, type Vec3 } from "../../src/imaging/geometry.js";

export interface Ellipsoid {
  /** Centre in patient coordinates (mm). */
  readonly center: Vec3;
  /** Semi-axes along patient x, y, z (mm). */
  readonly radii: Vec3;
  readonly label: number;
}

/** Labels on the grid; later shapes overwrite earlier ones (put the liver first). */
export function voxelise(g: Geometry, shapes: readonly Ellipsoid[]): Uint8Array {
  const [nx, ny, nz] = g.dims;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = positionOf(g, i, j, k);
        for (const s of shapes) {
          const x = (p[0] - s.center[0]) / s.radii[0];
          const y = (p[1] - s.center[1]) / s.radii[1];
          const z = (p[2] - s.center[2]) / s.radii[2];
          if (x * x + y * y + z * z <= 1) out[i + nx * (j + ny * k)] = s.label;
        }
      }
  return out;
}

export const ellipsoidVolumeMl = (r: Vec3) => ((4 / 3) * Math.PI * r[0] * r[1] * r[2]) / 1000;

/** Surface area (mm²), Knud Thomsen's formula (relative error ≤ 1.061 %; enlarged by that here). */
export function ellipsoidAreaMm2(r: Vec3): number {
  const p = 1.6075;
  const [a, b, c] = r;
  return 4 * Math.PI * (((a * b) ** p + (a * c) ** p + (b * c) ** p) / 3) ** (1 / p) * 1.01061;
}

/**
 * The voxelisation tolerance of a volume: voxels misclassified by the centre test lie within half a
 * voxel diagonal of the surface, so |V_voxels − V| ≤ area × diagonal / 2 (mL).
 */
export function volumeToleranceMl(r: Vec3, g: Geometry): number {
  const d = Math.hypot(
    ...[0, 1, 2].map(
      (c) =>
        Math.abs(g.iVector[c] as number) +
        Math.abs(g.jVector[c] as number) +
        Math.abs(g.kVector[c] as number),
    ),
  );
  return (ellipsoidAreaMm2(r) * d) / 2 / 1000;
}

/** An axial grid with patient-aligned axes (RAS-like), origin at `origin`. */
export function axialGrid(
  dims: readonly [number, number, number],
  spacing: Vec3,
  origin: Vec3 = [0, 0, 0],
): Geometry {
  return {
    dims,
    origin,
    iVector: [spacing[0], 0, 0],
    jVector: [0, spacing[1], 0],
    kVector: [0, 0, spacing[2]],
  };
}

/** The same, rotated by `degrees` about patient z (in-plane oblique) or x (plane tilted). */
export function rotatedGrid(g: Geometry, axis: "x" | "z", degrees: number, about: Vec3): Geometry {
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const rot = (v: Vec3): Vec3 =>
    axis === "z"
      ? [c * v[0] - s * v[1], s * v[0] + c * v[1], v[2]]
      : [v[0], c * v[1] - s * v[2], s * v[1] + c * v[2]];
  const o = rot([g.origin[0] - about[0], g.origin[1] - about[1], g.origin[2] - about[2]]);
  return {
    dims: g.dims,
    origin: [o[0] + about[0], o[1] + about[1], o[2] + about[2]],
    iVector: rot(g.iVector),
    jVector: rot(g.jVector),
    kVector: rot(g.kVector),
  };
}

/**
 * Expected RECIST diameters of an axis-aligned ellipsoid on an axial grid: the slice whose centre
 * is nearest the equator, and the cross-section's axes there.
 */
export function expectedDiameters(
  e: Ellipsoid,
  g: Geometry,
): { longest: number; short: number; slice: number } {
  let slice = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < g.dims[2]; k++) {
    const dz = Math.abs(g.origin[2] + k * g.kVector[2] - e.center[2]);
    if (dz < best) {
      best = dz;
      slice = k;
    }
  }
  const f = Math.sqrt(Math.max(0, 1 - (best / e.radii[2]) ** 2));
  return {
    longest: 2 * Math.max(e.radii[0], e.radii[1]) * f,
    short: 2 * Math.min(e.radii[0], e.radii[1]) * f,
    slice,
  };
}
