/**
 * Volumetry against phantoms of known volume and diameters, written as NIfTI-1/2 (.nii, .nii.gz,
 * sform and qform, uint8/int16/float32, both byte orders) and as DICOM SEG (binary, fractional).
 * Tolerances (stated, computed per shape): volume |V − V_true| ≤ surface × voxel diagonal / 2
 * (centre-test voxelisation); diameters within one in-plane pixel diagonal of the true
 * cross-section on the slice nearest the equator.
 */
import { describe, expect, it } from "vitest";
import { convexHull, hullDiameters } from "../../src/imaging/diameters.js";
import type { Geometry } from "../../src/imaging/geometry.js";
import {
  imagingResult,
  LITS_LABELS,
  parseLabelMap,
  readDicomSeg,
  readNifti,
  type Volumetry,
  volumetry,
} from "../../src/imaging/index.js";
import { writeNifti } from "./nifti-writer.js";
import {
  axialGrid,
  type Ellipsoid,
  ellipsoidVolumeMl,
  expectedDiameters,
  rotatedGrid,
  volumeToleranceMl,
  voxelise,
} from "./phantom.js";
import { writeSeg } from "./seg-writer.js";

const GRID = axialGrid([160, 160, 64], [0.8, 0.8, 2.5]);
const LIVER: Ellipsoid = { center: [64, 64, 80], radii: [55, 50, 70], label: 1 };
const SPHERE: Ellipsoid = { center: [48, 60, 80], radii: [15, 15, 15], label: 2 };
const OVOID: Ellipsoid = { center: [92, 72, 100], radii: [12, 8, 10], label: 2 };
const SPECK: Ellipsoid = { center: [64, 30.4, 50], radii: [0.3, 0.3, 0.3], label: 2 };
const PIXEL_DIAGONAL = Math.hypot(0.8, 0.8);

function phantom(g: Geometry = GRID, shapes: readonly Ellipsoid[] = [LIVER, SPHERE, OVOID, SPECK]) {
  return voxelise(g, shapes);
}

function expectVolumetry(v: Volumetry, g: Geometry = GRID): void {
  expect(v.liver.includesTumor).toBe(true);
  expect(Math.abs(v.liver.volumeMl - ellipsoidVolumeMl(LIVER.radii))).toBeLessThanOrEqual(
    volumeToleranceMl(LIVER.radii, g),
  );
  expect(v.tumorCount).toBe(2);
  const [t1, t2] = v.tumors;
  expect(t1?.id).toBe("T1");
  expect(Math.abs((t1?.volumeMl ?? 0) - ellipsoidVolumeMl(SPHERE.radii))).toBeLessThanOrEqual(
    volumeToleranceMl(SPHERE.radii, g),
  );
  expect(Math.abs((t2?.volumeMl ?? 0) - ellipsoidVolumeMl(OVOID.radii))).toBeLessThanOrEqual(
    volumeToleranceMl(OVOID.radii, g),
  );
  for (const [t, e] of [
    [t1, SPHERE],
    [t2, OVOID],
  ] as const) {
    const want = expectedDiameters(e, g);
    expect(t?.sliceIndex).toBe(want.slice);
    expect(Math.abs((t?.longestDiameterMm ?? 0) - want.longest)).toBeLessThanOrEqual(PIXEL_DIAGONAL);
    expect(Math.abs((t?.shortAxisMm ?? 0) - want.short)).toBeLessThanOrEqual(PIXEL_DIAGONAL);
  }
  // The speck (one voxel, 1.6 mm³) is below the 0.01 mL minimum: dropped, still liver.
  expect(v.method.droppedComponents).toEqual({ count: 1, voxelCount: 1 });
  const tumourMl = (t1?.voxelCount ?? 0) + (t2?.voxelCount ?? 0);
  expect(v.tumorToLiverPercent).toBeCloseTo((100 * tumourMl) / v.liver.voxelCount, 2);
  expect(v.nonTumoralLiverVolumeMl).toBeCloseTo(((v.liver.voxelCount - tumourMl) * 1.6) / 1000, 2);
}

describe("NIfTI phantoms: analytic volumes and diameters", () => {
  const labels = phantom();
  it("reads the voxel arithmetic: 0.8 × 0.8 × 2.5 mm = 1.6 mm³ per voxel", () => {
    const v = volumetry(readNifti(writeNifti(GRID, labels), "p.nii"), LITS_LABELS);
    expect(v.voxel.volumeMm3).toBeCloseTo(1.6, 9);
    expect(v.voxel.spacingMm).toEqual([0.8, 0.8, 2.5]);
    expect(v.liver.volumeMl).toBeCloseTo((v.liver.voxelCount * 1.6) / 1000, 3);
    expectVolumetry(v);
  });

  it.each([
    ["NIfTI-1 .nii.gz, qform", { gzip: true, qform: true }],
    ["NIfTI-2 sform", { version: 2 as const }],
    ["NIfTI-2 .nii.gz qform", { version: 2 as const, gzip: true, qform: true }],
    ["int16 big-endian", { datatype: "int16" as const, littleEndian: false }],
    ["float32 whole labels", { datatype: "float32" as const }],
  ])("%s gives the same numbers", (_, o) => {
    const base = volumetry(readNifti(writeNifti(GRID, labels), "p.nii"), LITS_LABELS);
    const v = volumetry(readNifti(writeNifti(GRID, labels, o), "p.nii"), LITS_LABELS);
    expect(v.format).toBe("version" in o ? "nifti-2" : "nifti-1");
    expect(v.tumors).toEqual(base.tumors);
    expect(v.liver).toEqual(base.liver);
  });

  it("touching tumours are one component; separate ones two (26-connectivity)", () => {
    const a: Ellipsoid = { center: [54, 64, 80], radii: [10, 10, 10], label: 2 };
    const touching: Ellipsoid = { center: [74, 64, 80], radii: [10, 10, 10], label: 2 };
    const apart: Ellipsoid = { center: [77, 64, 80], radii: [10, 10, 10], label: 2 };
    const one = volumetry(
      readNifti(writeNifti(GRID, phantom(GRID, [LIVER, a, touching])), "t.nii"),
      LITS_LABELS,
    );
    expect(one.tumorCount).toBe(1);
    expect(Math.abs((one.tumors[0]?.volumeMl ?? 0) - 2 * ellipsoidVolumeMl(a.radii))).toBeLessThanOrEqual(
      2 * volumeToleranceMl(a.radii, GRID),
    );
    expect(Math.abs((one.tumors[0]?.longestDiameterMm ?? 0) - 40)).toBeLessThanOrEqual(PIXEL_DIAGONAL);
    const two = volumetry(
      readNifti(writeNifti(GRID, phantom(GRID, [LIVER, a, apart])), "t.nii"),
      LITS_LABELS,
    );
    expect(two.tumorCount).toBe(2);
  });

  it("voxels meeting only at a corner are 26-connected", () => {
    const g = axialGrid([4, 4, 4], [1, 1, 1]);
    const l = new Uint8Array(64).fill(1);
    l[0] = 2; // (0,0,0)
    l[1 + 4 * (1 + 4 * 1)] = 2; // (1,1,1)
    l[3 + 4 * (3 + 4 * 3)] = 2; // (3,3,3): 2 apart from (1,1,1)
    const v = volumetry(readNifti(writeNifti(g, l), "c.nii"), LITS_LABELS, { minTumorVolumeMl: 0 });
    expect(v.tumors.map((t) => t.voxelCount)).toEqual([2, 1]);
  });

  it("an oblique grid (30° in-plane, plane tilted 15°) keeps volumes and in-plane diameters", () => {
    for (const [axis, deg] of [
      ["z", 30],
      ["x", 15],
    ] as const) {
      const g = rotatedGrid(GRID, axis, deg, [64, 64, 80]);
      const sphere: Ellipsoid = { ...SPHERE, center: [64, 64, 80] };
      const v = volumetry(readNifti(writeNifti(g, phantom(g, [LIVER, sphere])), "o.nii"), LITS_LABELS);
      expect(v.orientation.axial).toBe(true);
      expect(v.orientation.planeTiltDegrees).toBeCloseTo(axis === "x" ? 15 : 0, 6);
      expect(Math.abs(v.liver.volumeMl - ellipsoidVolumeMl(LIVER.radii))).toBeLessThanOrEqual(
        volumeToleranceMl(LIVER.radii, g),
      );
      const t = v.tumors[0];
      expect(Math.abs((t?.volumeMl ?? 0) - ellipsoidVolumeMl(sphere.radii))).toBeLessThanOrEqual(
        volumeToleranceMl(sphere.radii, g),
      );
      // The sphere's centre lies on slice 32's plane: the cross-section is its full 30 mm.
      expect(t?.sliceIndex).toBe(32);
      expect(Math.abs((t?.longestDiameterMm ?? 0) - 30)).toBeLessThanOrEqual(PIXEL_DIAGONAL);
      expect(Math.abs((t?.shortAxisMm ?? 0) - 30)).toBeLessThanOrEqual(PIXEL_DIAGONAL);
    }
  });

  it("a coronal stack (plane 60° from axial) gives volumes but refuses diameters, saying why", () => {
    const g = rotatedGrid(GRID, "x", 60, [64, 64, 80]);
    const v = volumetry(readNifti(writeNifti(g, phantom(g, [LIVER, SPHERE])), "s.nii"), LITS_LABELS);
    expect(v.orientation.axial).toBe(false);
    expect(v.tumors[0]?.longestDiameterMm).toBeNull();
    expect(v.tumors[0]?.sliceIndex).toBeNull();
    expect(v.notes.join(" ")).toMatch(
      /diameters not measured: the image plane is 60° from axial \(tolerance 20°\)/,
    );
    expect(Math.abs(v.liver.volumeMl - ellipsoidVolumeMl(LIVER.radii))).toBeLessThanOrEqual(
      volumeToleranceMl(LIVER.radii, g),
    );
  });

  it("Couinaud segment volumes when the mask labels them (--labels)", () => {
    const g = axialGrid([10, 10, 10], [1, 1, 2]);
    const l = new Uint8Array(1000);
    for (let x = 0; x < 1000; x++) l[x] = x < 300 ? 11 : x < 800 ? 15 : 2;
    const map = parseLabelMap({ tumor: [2], segments: { I: [11], V: [15] } }, "labels.json");
    const v = volumetry(readNifti(writeNifti(g, l), "s.nii"), map);
    expect(v.segments).toEqual([
      { segment: "I", voxelCount: 300, volumeMl: 0.6 },
      { segment: "V", voxelCount: 500, volumeMl: 1 },
    ]);
    expect(v.liver.volumeMl).toBe(2);
    expect(v.tumorVolumeMl).toBe(0.4);
    expect(v.tumorToLiverPercent).toBe(20);
  });
});

describe("DICOM SEG phantoms (dcmjs): the same numbers as NIfTI", () => {
  const labels = phantom();
  const nifti = volumetry(readNifti(writeNifti(GRID, labels), "p.nii"), LITS_LABELS);

  it.each([
    ["binary", {}],
    ["fractional", { fractional: true }],
    ["binary with SpacingBetweenSlices", { spacingBetweenSlices: true }],
  ])("%s", (_, o) => {
    const vol = readDicomSeg(writeSeg(GRID, labels, { ...o, studyDate: "20261102" }), "p.dcm");
    expect(vol.series?.studyDate).toBe("2026-11-02");
    const v = volumetry(vol, vol.defaultLabels ?? LITS_LABELS);
    // The SEG stack starts at its first segmented slice (z = 10 mm, NIfTI slice 4).
    const noIndex = (x: Volumetry) => x.tumors.map(({ sliceIndex: _, ...t }) => t);
    expect(noIndex(v)).toEqual(noIndex(nifti));
    expect(v.tumors.map((t) => t.slicePositionMm)).toEqual([80, 100]);
    expect(v.tumors.map((t) => (t.sliceIndex ?? 0) + 4)).toEqual(nifti.tumors.map((t) => t.sliceIndex));
    expect(v.liver).toEqual(nifti.liver);
    expectVolumetry(v, { ...GRID, origin: [0, 0, 10] });
  });

  it("a gantry-tilted series (slice step sheared 15°) keeps volume and in-plane diameters", () => {
    const t = Math.tan((15 * Math.PI) / 180);
    const g: Geometry = { ...GRID, kVector: [0, 2.5 * t, 2.5] };
    const sphere: Ellipsoid = { ...SPHERE, center: [64, 64 + 32 * 2.5 * t, 80] };
    const vol = readDicomSeg(writeSeg(g, voxelise(g, [{ ...LIVER, radii: [40, 40, 40] }, sphere])), "g.dcm");
    const v = volumetry(vol, vol.defaultLabels ?? LITS_LABELS);
    expect(v.orientation.gantryTiltDegrees).toBeCloseTo(15, 3);
    expect(v.voxel.volumeMm3).toBeCloseTo(1.6, 4);
    expect(Math.abs((v.tumors[0]?.volumeMl ?? 0) - ellipsoidVolumeMl(sphere.radii))).toBeLessThanOrEqual(
      volumeToleranceMl(sphere.radii, g),
    );
    expect(Math.abs((v.tumors[0]?.longestDiameterMm ?? 0) - 30)).toBeLessThanOrEqual(PIXEL_DIAGONAL);
    expect(v.notes.join(" ")).toMatch(/gantry tilt 15°/);
  });
});

describe("malformed or mismatched files: a clear error naming the file and field", () => {
  const labels = phantom(axialGrid([8, 8, 8], [1, 1, 1]), [
    { center: [4, 4, 4], radii: [3, 3, 3], label: 1 },
  ]);
  const g8 = axialGrid([8, 8, 8], [1, 1, 1]);
  const err = (f: () => unknown) => {
    const r = imagingResult(f);
    expect(r.status).toBe("invalid");
    return r.status === "invalid" ? r.errors[0] : undefined;
  };
  it("truncated NIfTI", () => {
    const e = err(() => readNifti(writeNifti(g8, labels).subarray(0, 600), "cut.nii"));
    expect(e).toMatchObject({ path: "cut.nii", code: "truncated" });
    expect(e?.message).toMatch(/declares 8×8×8 uint8 voxels/);
  });
  it("corrupt gzip", () => {
    const gz = writeNifti(g8, labels, { gzip: true });
    expect(err(() => readNifti(gz.subarray(0, 40), "cut.nii.gz"))?.code).toBe("truncated");
  });
  it("not NIfTI at all", () => {
    expect(err(() => readNifti(new Uint8Array(400), "x.nii"))?.code).toBe("not-a-segmentation");
  });
  it("a probability map is not a label map", () => {
    const f = writeNifti(g8, labels, { datatype: "float32" });
    new DataView(f.buffer).setFloat32(352 + 4 * 100, 0.37, true);
    expect(err(() => readNifti(f, "p.nii"))?.message).toMatch(/voxel 100 holds 0\.37/);
  });
  it("a mask without the liver label (wrong convention) names the labels it holds", () => {
    const l = labels.map((x) => (x === 1 ? 5 : x));
    const e = err(() => volumetry(readNifti(writeNifti(g8, l), "w.nii"), LITS_LABELS));
    expect(e).toMatchObject({ path: "labels.liver", code: "mismatch" });
    expect(e?.message).toMatch(/the file holds labels 5/);
  });
  it("a NIfTI given as a SEG", () => {
    expect(err(() => readDicomSeg(writeNifti(g8, labels), "n.dcm"))?.code).toBe("not-a-segmentation");
  });
  it("bad --labels", () => {
    expect(err(() => parseLabelMap({ tumor: [2], liver: [2] }, "l.json"))?.message).toMatch(
      /label 2 is both liver and tumor/,
    );
    expect(err(() => parseLabelMap({ tumor: [2], segments: { IX: [3] } }, "l.json"))?.path).toBe(
      "labels.segments.IX",
    );
  });
});

describe("diameters on a hull", () => {
  it("a 2 × 2 square: longest and perpendicular both its diagonals", () => {
    const d = hullDiameters(
      convexHull([
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [1, 1],
      ]),
    );
    expect(d.longestMm).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(d.shortAxisMm).toBeCloseTo(2 * Math.SQRT2, 12);
  });
  it("a 6 × 2 rectangle along x: perpendicular to its diagonal", () => {
    const d = hullDiameters(
      convexHull([
        [0, 0],
        [6, 0],
        [6, 2],
        [0, 2],
      ]),
    );
    expect(d.longestMm).toBeCloseTo(Math.hypot(6, 2), 12);
    // Longest chord perpendicular to the diagonal of a 6×2 rectangle: 2 / cos(atan(2/6))... = 2·√10/3.
    expect(d.shortAxisMm).toBeCloseTo((2 * Math.sqrt(40)) / 6, 12);
  });
});
