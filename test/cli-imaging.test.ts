/** `hepatica imaging`: phantom files through the CLI, JSON and text, errors with exit 1. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-io.js";
import { writeNifti } from "./imaging/nifti-writer.js";
import {
  axialGrid,
  type Ellipsoid,
  ellipsoidVolumeMl,
  volumeToleranceMl,
  voxelise,
} from "./imaging/phantom.js";
import { writeSeg } from "./imaging/seg-writer.js";

const dir = mkdtempSync(join(tmpdir(), "hepatica-imaging-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GRID = axialGrid([128, 128, 48], [1, 1, 3]);
const LIVER: Ellipsoid = { center: [64, 64, 72], radii: [50, 45, 60], label: 1 };
const BIG: Ellipsoid = { center: [45, 60, 72], radii: [18, 18, 18], label: 2 };
const SMALL: Ellipsoid = { center: [90, 70, 90], radii: [8, 8, 8], label: 2 };
const labels = voxelise(GRID, [LIVER, SMALL, BIG]);
const file = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const nii = file("mask.nii.gz", writeNifti(GRID, labels, { gzip: true }));
const seg = file("mask.dcm", writeSeg(GRID, labels, { studyDate: "20261015" }));

describe("hepatica imaging", () => {
  it("--json: liver, tumours largest first, count and tumour-to-liver %", async () => {
    const r = await runCli(["imaging", nii, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe("ok");
    expect(out.liver.includesTumor).toBe(true);
    expect(Math.abs(out.liver.volumeMl - ellipsoidVolumeMl(LIVER.radii))).toBeLessThanOrEqual(
      volumeToleranceMl(LIVER.radii, GRID),
    );
    expect(out.tumorCount).toBe(2);
    expect(out.tumors.map((t: { id: string }) => t.id)).toEqual(["T1", "T2"]);
    const [t1, t2] = out.tumors;
    expect(Math.abs(t1.volumeMl - ellipsoidVolumeMl(BIG.radii))).toBeLessThanOrEqual(
      volumeToleranceMl(BIG.radii, GRID),
    );
    expect(Math.abs(t2.volumeMl - ellipsoidVolumeMl(SMALL.radii))).toBeLessThanOrEqual(
      volumeToleranceMl(SMALL.radii, GRID),
    );
    expect(Math.abs(t1.longestDiameterMm - 36)).toBeLessThanOrEqual(Math.SQRT2);
    expect(Math.abs(t1.shortAxisMm - 36)).toBeLessThanOrEqual(Math.SQRT2);
    expect(t1.sliceIndex).toBe(24);
    expect(out.tumorToLiverPercent).toBeCloseTo(
      (100 * (t1.voxelCount + t2.voxelCount)) / out.liver.voxelCount,
      2,
    );
    expect(out.voxel.arithmetic).toBe(
      "volumeMl = voxelCount × 3 mm³ / 1000 (voxel 1 × 1 mm in-plane, 3 mm between slices)",
    );
  });

  it("the SEG of the same phantom gives the same volumes and diameters, with its study date", async () => {
    const a = JSON.parse((await runCli(["imaging", nii, "--json"])).stdout);
    const b = JSON.parse((await runCli(["imaging", seg, "--json"])).stdout);
    expect(b.series.studyDate).toBe("2026-10-15");
    expect(b.liver.volumeMl).toBe(a.liver.volumeMl);
    const strip = (ts: { sliceIndex: number }[]) => ts.map(({ sliceIndex: _, ...t }) => t);
    expect(strip(b.tumors)).toEqual(strip(a.tumors));
  });

  it("one mask per structure (FILE:liver FILE:tumor), as TotalSegmentator writes them", async () => {
    const liver = file(
      "liver.nii",
      writeNifti(
        GRID,
        labels.map((x) => (x > 0 ? 1 : 0)),
      ),
    );
    const tumour = file(
      "tumor.nii",
      writeNifti(
        GRID,
        labels.map((x) => (x === 2 ? 1 : 0)),
      ),
    );
    const a = JSON.parse((await runCli(["imaging", nii, "--json"])).stdout);
    const b = JSON.parse((await runCli(["imaging", `${liver}:liver`, `${tumour}:tumor`, "--json"])).stdout);
    expect(b.tumors).toEqual(a.tumors);
    expect(b.liver.volumeMl).toBe(a.liver.volumeMl);
  });

  it("text output names the whole-organ liver volume and the voxel arithmetic", async () => {
    const r = await runCli(["imaging", nii]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Liver \(whole organ, tumour included\): \d+\.\d mL/);
    expect(r.stdout).toMatch(/Tumours: 2, /);
    expect(r.stdout).toMatch(/ {2}T1 /);
  });

  it("--labels maps another convention", async () => {
    const other = file(
      "other.nii",
      writeNifti(
        GRID,
        labels.map((x) => (x === 1 ? 7 : x === 2 ? 9 : 0)),
      ),
    );
    const map = file("labels.json", new TextEncoder().encode('{"liver": [7], "tumor": [9]}'));
    const a = JSON.parse((await runCli(["imaging", nii, "--json"])).stdout);
    const b = JSON.parse((await runCli(["imaging", other, "--labels", map, "--json"])).stdout);
    expect(b.tumors).toEqual(a.tumors);
    const wrong = await runCli(["imaging", other, "--json"]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).errors[0].message).toMatch(/no liver voxels.*labels 7, 9/);
  });

  it("mismatched masks and malformed files: exit 1 with the file named", async () => {
    const liver = file(
      "liver2.nii",
      writeNifti(
        GRID,
        labels.map((x) => (x > 0 ? 1 : 0)),
      ),
    );
    const other = file(
      "tumor2.nii",
      writeNifti(axialGrid([128, 128, 40], [1, 1, 3]), new Uint8Array(128 * 128 * 40)),
    );
    const r = await runCli(["imaging", `${liver}:liver`, `${other}:tumor`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mismatch at .*tumor2\.nii: .*128×128×40.*differs from .*128×128×48/);
    const bad = file("bad.nii", new Uint8Array(500));
    const b = await runCli(["imaging", bad, "--json"]);
    expect(b.code).toBe(1);
    expect(JSON.parse(b.stdout).errors[0]).toMatchObject({ code: "not-a-segmentation" });
    expect((await runCli(["imaging"])).code).toBe(2);
    expect((await runCli(["imaging", join(dir, "absent.nii")])).code).toBe(2);
  });
});
