/**
 * A volumetry into the case format (docs/case-format.md): the measured tumours become the case's
 * `tumors` (longest axial diameter in cm, labelled `source: {kind: "segmentation", studyDate,
 * seriesInstanceUid, volumeMl}`), their count `tumorCountTotal`, the tumour share
 * `tumorLiverVolumePercent` (TACE eligibility, BCLC B subgrouping) and the Y-90 volumes
 * `y90.liverVolumeMl` (whole organ, tumour included) and `y90.tumorVolumeMl`: the partition
 * model's non-tumoral liver is liver − tumour, and masses use the tissue density of
 * src/clinical/dosing/y90.ts (1.03 g/mL).
 * What the case held before under these keys is replaced, and listed in `replaced`.
 */
import type { Volumetry } from "./volumetry.js";

export interface CaseFromSegmentation {
  readonly case: Record<string, unknown>;
  readonly replaced: readonly string[];
}

const cm = (mm: number) => Math.round(mm) / 10;

/** Returns the case with the segmentation's measurements merged in (the input is not changed). */
export function caseFromVolumetry(
  v: Volumetry,
  base: Readonly<Record<string, unknown>>,
): CaseFromSegmentation {
  const source = {
    kind: "segmentation",
    ...(v.series?.studyDate ? { studyDate: v.series.studyDate } : {}),
    ...(v.series?.seriesInstanceUid ? { seriesInstanceUid: v.series.seriesInstanceUid } : {}),
  };
  const patch: Record<string, unknown> =
    v.tumorCount > 0
      ? {
          tumors: v.tumors.map((t) => ({
            id: t.id,
            ...(t.longestDiameterMm !== null ? { diameterCm: cm(t.longestDiameterMm) } : {}),
            source: { ...source, volumeMl: t.volumeMl },
          })),
          tumorCountTotal: v.tumorCount,
          tumorLiverVolumePercent: v.tumorToLiverPercent,
        }
      : { tumorLiverVolumePercent: 0 };
  const baseY90 = base.y90;
  const y90 = {
    ...(typeof baseY90 === "object" && baseY90 !== null && !Array.isArray(baseY90) ? baseY90 : {}),
    liverVolumeMl: v.liver.volumeMl,
    tumorVolumeMl: v.tumorVolumeMl,
  };
  const replaced = Object.keys(patch).filter((k) => Object.hasOwn(base, k));
  const oldY90 = typeof baseY90 === "object" && baseY90 !== null ? (baseY90 as Record<string, unknown>) : {};
  for (const k of ["liverVolumeMl", "tumorVolumeMl"]) if (Object.hasOwn(oldY90, k)) replaced.push(`y90.${k}`);
  return { case: { ...base, ...patch, y90 }, replaced };
}
