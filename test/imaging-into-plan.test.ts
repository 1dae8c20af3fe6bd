/**
 * From masks to an activity: a segmentation phantom through `hepatica imaging --case` into
 * `hepatica plan`. Expected values are the y90.ts formulas on the measured volumes:
 * glass MIRD A = D × (V_liver × 1.03 g/mL) / 50 / (1 − LSF); resin partition
 * A = (D_T × M_T + D_N × M_N) / (49.67 × (1 − LSF)), M_T = V_tumour × 1.03, M_N = (V_liver − V_tumour) × 1.03.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-io.js";
import { writeNifti } from "./imaging/nifti-writer.js";
import { axialGrid, type Ellipsoid, voxelise } from "./imaging/phantom.js";
import { writeSeg } from "./imaging/seg-writer.js";

const dir = mkdtempSync(join(tmpdir(), "hepatica-imaging-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GRID = axialGrid([160, 160, 60], [1, 1, 2.5]);
const example = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "examples", "plan-bclc-b.json"), "utf8"),
);

function write(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function planFrom(mask: string, base: Record<string, unknown>) {
  const caseFile = write("case.json", JSON.stringify(base));
  const merged = await runCli(["imaging", mask, "--case", caseFile]);
  expect(merged.code).toBe(0);
  const plan = await runCli(["plan", "-", "--json"], merged.stdout);
  expect(plan.code).toBe(0);
  return { merged: JSON.parse(merged.stdout), plan: JSON.parse(plan.stdout), stderr: merged.stderr };
}

describe("segmentation → case → plan", () => {
  it("measured tumours, tumour share and Y-90 activities from the masks and the lung shunt", async () => {
    const liver: Ellipsoid = { center: [80, 80, 75], radii: [65, 55, 65], label: 1 };
    const t1: Ellipsoid = { center: [55, 80, 75], radii: [25, 25, 25], label: 2 };
    const t2: Ellipsoid = { center: [110, 70, 95], radii: [12, 12, 12], label: 2 };
    const seg = write(
      "seg.dcm",
      writeSeg(GRID, voxelise(GRID, [liver, t1, t2]), {
        studyDate: "20261101",
        seriesInstanceUid: "1.2.826.0.1.3680043.8.498.1",
      }),
    );
    const vol = JSON.parse((await runCli(["imaging", seg, "--json"])).stdout);
    const y90 = { ...example.y90, tumorToNormalRatio: 3, targetNormalLiverDoseGy: 40 };
    delete y90.perfusedVolumeMl;
    const { merged, plan, stderr } = await planFrom(seg, { ...example, y90 });
    expect(stderr).toMatch(/replaced from the segmentation: tumors, y90\.liverVolumeMl, y90\.tumorVolumeMl/);
    expect(merged.tumors).toEqual([
      {
        id: "T1",
        diameterCm: Math.round(vol.tumors[0].longestDiameterMm) / 10,
        source: {
          kind: "segmentation",
          studyDate: "2026-11-01",
          seriesInstanceUid: "1.2.826.0.1.3680043.8.498.1",
          volumeMl: vol.tumors[0].volumeMl,
        },
      },
      {
        id: "T2",
        diameterCm: Math.round(vol.tumors[1].longestDiameterMm) / 10,
        source: {
          kind: "segmentation",
          studyDate: "2026-11-01",
          seriesInstanceUid: "1.2.826.0.1.3680043.8.498.1",
          volumeMl: vol.tumors[1].volumeMl,
        },
      },
    ]);
    expect(merged.tumors[0].diameterCm).toBeCloseTo(5, 0);
    expect(merged.tumorLiverVolumePercent).toBe(vol.tumorToLiverPercent);
    expect(merged.y90).toMatchObject({ liverVolumeMl: vol.liver.volumeMl, tumorVolumeMl: vol.tumorVolumeMl });

    const a = plan.assessment;
    const lsf = 0.08;
    const glass = (150 * ((vol.liver.volumeMl * 1.03) / 1000)) / 50 / (1 - lsf);
    expect(a.y90Dosimetry.glass.method).toBe("mird");
    expect(a.y90Dosimetry.glass.activityGBq).toBeCloseTo(glass, 3);
    const mT = (vol.tumorVolumeMl * 1.03) / 1000;
    const mN = ((vol.liver.volumeMl - vol.tumorVolumeMl) * 1.03) / 1000;
    expect(a.y90Dosimetry.resin.method).toBe("partition");
    expect(a.y90Dosimetry.resin.activityGBq).toBeCloseTo((120 * mT + 40 * mN) / (49.67 * (1 - lsf)), 3);
    // The burden names its source in the reasons that read it.
    expect(JSON.stringify(a)).toContain("from segmentation 2026-11-01, series 1.2.826.0.1.3680043.8.498.1");
  });

  it("a tumour share ≥ 70 %: TACE absolutely contraindicated (EASL) and BCLC B3 without a stated extensiveBilobar", async () => {
    const liver: Ellipsoid = { center: [80, 80, 75], radii: [60, 40, 40], label: 1 };
    const left: Ellipsoid = { center: [52, 80, 75], radii: [28, 38, 38], label: 2 };
    const right: Ellipsoid = { center: [110, 80, 75], radii: [28, 38, 38], label: 2 };
    const nii = write("big.nii.gz", writeNifti(GRID, voxelise(GRID, [liver, left, right]), { gzip: true }));
    const { tace: _, ...rest } = example;
    const base = {
      ...rest,
      tace: { wellDefinedNodules: true, portalFlowPreserved: true, selectiveAccessFeasible: true },
    };
    const { merged, plan } = await planFrom(nii, base);
    expect(merged.tumorLiverVolumePercent).toBeGreaterThanOrEqual(70);
    expect(merged.tumorCountTotal).toBe(2);
    const text = JSON.stringify(plan);
    expect(plan.assessment.bclc.bSubgroup).toBe("B3-systemic");
    expect(text).toContain(
      `tumour ${merged.tumorLiverVolumePercent} % of the liver (≥ 70 %: extensive replacement of both lobes, EASL)`,
    );
    expect(text).toContain(
      `tumour ${merged.tumorLiverVolumePercent} % of liver (≥ 70 %: extensive replacement of both lobes, EASL)`,
    );
  });
});
