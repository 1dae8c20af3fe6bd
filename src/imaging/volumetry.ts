/**
 * Volumetry of a liver label map: the liver (whole organ: tumour voxels count as liver), each
 * tumour as a 3-D connected component (26-connectivity) at or above a minimum volume, its volume,
 * its longest axial diameter on the slice where that is longest and the short axis there, the
 * tumour count, the tumour-to-liver volume %, and the Couinaud segment volumes when labelled.
 * Volume = voxel count × voxel volume (|det| of the voxel axes, mm³) / 1000 → mL.
 */
import { scan } from "./components.js";
import { convexHull, hullDiameters, type Point } from "./diameters.js";
import { ImagingFailure } from "./errors.js";
import {
  AXIAL_TOLERANCE_DEGREES,
  cross,
  dot,
  norm,
  orientation,
  positionOf,
  type Vec3,
  voxelVolumeMm3,
} from "./geometry.js";
import type { LabelVolume, SeriesInfo } from "./label-volume.js";
import type { CouinaudSegment, LabelMap } from "./labels.js";

/**
 * Connected tumour components below this volume are not counted as tumours [JUDGEMENT: 0.01 mL
 * = 10 mm³, a sphere of 2.7 mm — removes isolated speckle that segmentation networks leave while
 * keeping anything a radiologist could measure; RECIST's measurable floor is 10 mm]. Their voxels
 * stay in the liver volume and are reported as `droppedComponents`.
 */
export const DEFAULT_MIN_TUMOR_VOLUME_ML = 0.01;

export interface TumorMeasurement {
  /** T1, T2, … by volume, largest first. */
  readonly id: string;
  readonly voxelCount: number;
  readonly volumeMl: number;
  /** Longest in-plane diameter on its best slice (mm); `null` when the slices are not axial. */
  readonly longestDiameterMm: number | null;
  readonly shortAxisMm: number | null;
  /**
   * 0-based slice index (k) in the file's own order where the longest diameter lies. A DICOM SEG
   * stack starts at its first segmented slice, so this is not the CT image number; the position
   * below is comparable across files.
   */
  readonly sliceIndex: number | null;
  /** That slice's position along the image-plane normal (mm; ≈ z for axial slices). */
  readonly slicePositionMm: number | null;
  /** Centroid in the file's patient coordinates (mm; NIfTI RAS+, DICOM LPS+). */
  readonly centroidMm: Vec3;
}

export interface SegmentVolume {
  readonly segment: CouinaudSegment;
  readonly voxelCount: number;
  readonly volumeMl: number;
}

export interface Volumetry {
  readonly format: LabelVolume["format"];
  readonly series?: SeriesInfo;
  readonly liver: {
    readonly voxelCount: number;
    readonly volumeMl: number;
    /** Always true: the liver volume is the whole organ, tumour voxels included. */
    readonly includesTumor: true;
    readonly labels: readonly number[];
  };
  readonly nonTumoralLiverVolumeMl: number;
  readonly tumors: readonly TumorMeasurement[];
  readonly tumorCount: number;
  readonly tumorVolumeMl: number;
  readonly tumorToLiverPercent: number;
  readonly segments: readonly SegmentVolume[];
  readonly voxel: {
    readonly spacingMm: readonly [number, number, number];
    readonly volumeMm3: number;
    readonly dims: readonly [number, number, number];
    /** The voxel arithmetic, e.g. "volumeMl = voxelCount × 1.6 mm³ / 1000". */
    readonly arithmetic: string;
  };
  readonly orientation: {
    readonly planeTiltDegrees: number;
    readonly gantryTiltDegrees: number;
    readonly axial: boolean;
  };
  readonly method: {
    readonly connectivity: 26;
    readonly minTumorVolumeMl: number;
    readonly droppedComponents: { readonly count: number; readonly voxelCount: number };
    readonly labelConvention: string;
    readonly tumorLabels: readonly number[];
  };
  readonly notes: readonly string[];
}

export interface VolumetryOptions {
  readonly minTumorVolumeMl?: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r2 = (x: number) => Math.round(x * 100) / 100;
const round3d = (v: Vec3): Vec3 => [r2(v[0]), r2(v[1]), r2(v[2])];

function lut(size: number, labels: readonly number[]): Uint8Array {
  const t = new Uint8Array(size);
  for (const l of labels) if (l < size) t[l] = 1;
  return t;
}

interface SliceBest {
  longest: number;
  short: number;
  slice: number;
}

export function volumetry(volume: LabelVolume, map: LabelMap, options: VolumetryOptions = {}): Volumetry {
  const g = volume.geometry;
  const minMl = options.minTumorVolumeMl ?? DEFAULT_MIN_TUMOR_VOLUME_ML;
  const size = volume.labels instanceof Uint8Array ? 256 : 65536;
  const { labelCounts, runs } = scan(volume.labels, g.dims, lut(size, map.tumor));
  const vox = voxelVolumeMm3(g);
  const toMl = (n: number) => (n * vox) / 1000;
  const o = orientation(g);
  const notes = [...volume.notes];

  const segmentLabels = [...map.segments.values()].flat();
  const liverLabels = [...new Set([...map.liver, ...segmentLabels, ...map.tumor])].sort((a, b) => a - b);
  const countOf = (ls: readonly number[]) => ls.reduce((s, l) => s + (labelCounts[l] ?? 0), 0);
  const liverVoxels = countOf(liverLabels);
  if (liverVoxels === 0) {
    const present = [...labelCounts.keys()].filter((l) => l > 0 && (labelCounts[l] ?? 0) > 0);
    throw new ImagingFailure(
      "labels.liver",
      "mismatch",
      `no liver voxels: labels ${liverLabels.join(", ")} are absent (the file holds ${present.length > 0 ? `labels ${present.join(", ")}` : "only background"}; ${map.source}) — give --labels to map them`,
    );
  }
  const mapped = new Set(liverLabels);
  for (let l = 1; l < labelCounts.length; l++) {
    const c = labelCounts[l] ?? 0;
    if (c > 0 && !mapped.has(l))
      notes.push(`label ${l} (${c} voxels) is not liver, tumour or a segment: ignored`);
  }

  const kept: number[] = [];
  let dropped = 0;
  let droppedVoxels = 0;
  for (let c = 0; c < runs.componentCount; c++) {
    const n = runs.componentVoxels[c] as number;
    if (toMl(n) >= minMl) kept.push(c);
    else {
      dropped++;
      droppedVoxels += n;
    }
  }
  const keptIndex = new Int32Array(runs.componentCount).fill(-1);
  kept.forEach((c, i) => {
    keptIndex[c] = i;
  });

  // In-plane orthonormal basis, to measure distances in mm on the image plane.
  const e1: Vec3 = [
    g.iVector[0] / norm(g.iVector),
    g.iVector[1] / norm(g.iVector),
    g.iVector[2] / norm(g.iVector),
  ];
  const jd = dot(g.jVector, e1);
  const jr: Vec3 = [g.jVector[0] - jd * e1[0], g.jVector[1] - jd * e1[1], g.jVector[2] - jd * e1[2]];
  const e2: Vec3 = [jr[0] / norm(jr), jr[1] / norm(jr), jr[2] / norm(jr)];
  const i2: Point = [dot(g.iVector, e1), dot(g.iVector, e2)];
  const j2: Point = [dot(g.jVector, e1), dot(g.jVector, e2)];
  const nrm = cross(g.iVector, g.jVector);
  const unitNormal: Vec3 = [nrm[0] / norm(nrm), nrm[1] / norm(nrm), nrm[2] / norm(nrm)];
  // Sign: the normal's z component made positive, so that axial positions read as z.
  const sign = unitNormal[2] < 0 ? -1 : 1;
  const slicePosition = (k: number) => sign * dot(positionOf(g, 0, 0, k), unitNormal);
  const at = (i: number, j: number): Point => [i * i2[0] + j * j2[0], i * i2[1] + j * j2[1]];

  const best: (SliceBest | undefined)[] = kept.map(() => undefined);
  const sums = kept.map(() => [0, 0, 0]);
  const [, ny, nz] = g.dims;
  for (let k = 0; k < nz; k++) {
    const corners = new Map<number, Point[]>();
    for (let j = 0; j < ny; j++) {
      const r = j + ny * k;
      const r1 = runs.rowStart[r + 1] as number;
      // Per component, only the leftmost start and rightmost end of a row bound the hull.
      let last = -1;
      let lo = 0;
      let hi = 0;
      const flush = () => {
        if (last < 0) return;
        let pts = corners.get(last);
        if (!pts) {
          pts = [];
          corners.set(last, pts);
        }
        pts.push(at(lo - 0.5, j - 0.5), at(lo - 0.5, j + 0.5), at(hi + 0.5, j - 0.5), at(hi + 0.5, j + 0.5));
      };
      for (let x = runs.rowStart[r] as number; x < r1; x++) {
        const t = keptIndex[runs.component[x] as number] as number;
        if (t < 0) continue;
        const s = runs.start[x] as number;
        const e = runs.end[x] as number;
        const len = e - s + 1;
        const sum = sums[t] as number[];
        sum[0] = (sum[0] as number) + (len * (s + e)) / 2;
        sum[1] = (sum[1] as number) + len * j;
        sum[2] = (sum[2] as number) + len * k;
        if (t !== last) {
          flush();
          last = t;
          lo = s;
          hi = e;
        } else hi = e;
      }
      flush();
    }
    if (!o.axial) continue;
    for (const [t, pts] of corners) {
      const d = hullDiameters(convexHull(pts));
      const b = best[t];
      if (!b || d.longestMm > b.longest) best[t] = { longest: d.longestMm, short: d.shortAxisMm, slice: k };
    }
  }
  if (!o.axial) {
    notes.push(
      `diameters not measured: the image plane is ${r2(o.planeTiltDegrees)}° from axial (tolerance ${AXIAL_TOLERANCE_DEGREES}°); RECIST diameters are axial — volumes are still exact`,
    );
  }
  if (o.gantryTiltDegrees > 0.01) {
    notes.push(
      `gantry tilt ${r2(o.gantryTiltDegrees)}°: voxels are sheared; volumes use the true voxel volume and diameters are measured in the image plane`,
    );
  }

  const tumors = kept
    .map((c, t) => {
      const n = runs.componentVoxels[c] as number;
      const s = sums[t] as number[];
      const b = best[t];
      return {
        voxelCount: n,
        volumeMl: r3(toMl(n)),
        longestDiameterMm: b ? r2(b.longest) : null,
        shortAxisMm: b ? r2(b.short) : null,
        sliceIndex: b ? b.slice : null,
        slicePositionMm: b ? r2(slicePosition(b.slice)) : null,
        centroidMm: round3d(positionOf(g, (s[0] as number) / n, (s[1] as number) / n, (s[2] as number) / n)),
      };
    })
    .sort((a, b) => b.voxelCount - a.voxelCount)
    .map((m, i) => ({ id: `T${i + 1}`, ...m }));
  const tumorVoxels = tumors.reduce((s, t) => s + t.voxelCount, 0);
  const segments = [...map.segments].map(([segment, ls]) => {
    const n = countOf(ls);
    return { segment, voxelCount: n, volumeMl: r3(toMl(n)) };
  });
  if (segments.length > 0 && map.tumor.length > 0) {
    notes.push(
      "segment volumes count the voxels labelled with each segment; tumour-labelled voxels are in no segment",
    );
  }
  return {
    format: volume.format,
    ...(volume.series ? { series: volume.series } : {}),
    liver: {
      voxelCount: liverVoxels,
      volumeMl: r3(toMl(liverVoxels)),
      includesTumor: true,
      labels: liverLabels,
    },
    nonTumoralLiverVolumeMl: r3(toMl(liverVoxels - tumorVoxels)),
    tumors,
    tumorCount: tumors.length,
    tumorVolumeMl: r3(toMl(tumorVoxels)),
    tumorToLiverPercent: r2((100 * tumorVoxels) / liverVoxels),
    segments,
    voxel: {
      spacingMm: [r3(o.pixelSpacingMm[0]), r3(o.pixelSpacingMm[1]), r3(o.sliceSpacingMm)],
      volumeMm3: Math.round(vox * 1e6) / 1e6,
      dims: g.dims,
      arithmetic: `volumeMl = voxelCount × ${Math.round(vox * 1e6) / 1e6} mm³ / 1000 (voxel ${r3(o.pixelSpacingMm[0])} × ${r3(o.pixelSpacingMm[1])} mm in-plane, ${r3(o.sliceSpacingMm)} mm between slices)`,
    },
    orientation: {
      planeTiltDegrees: r2(o.planeTiltDegrees),
      gantryTiltDegrees: r2(o.gantryTiltDegrees),
      axial: o.axial,
    },
    method: {
      connectivity: 26,
      minTumorVolumeMl: minMl,
      droppedComponents: { count: dropped, voxelCount: droppedVoxels },
      labelConvention: map.source,
      tumorLabels: map.tumor,
    },
    notes,
  };
}
