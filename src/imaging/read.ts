/**
 * One entry point for segmentation files: the format from the bytes (DICOM preamble "DICM",
 * gzip, or the NIfTI magic), and several masks on one grid combined into one label map
 * (TotalSegmentator writes one file per structure: `liver.nii.gz`, a tumour mask beside it).
 */
import { readDicomSeg } from "./dicom-seg.js";
import { ImagingFailure } from "./errors.js";
import { sameGrid } from "./geometry.js";
import type { LabelVolume } from "./label-volume.js";
import { type LabelMap, LITS_LABELS } from "./labels.js";
import { readNifti } from "./nifti.js";

export function isDicom(bytes: Uint8Array): boolean {
  return (
    bytes.length > 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

export function readSegmentation(bytes: Uint8Array, file: string): LabelVolume {
  return isDicom(bytes) ? readDicomSeg(bytes, file) : readNifti(bytes, file);
}

/** A mask file and, for a binary mask of one structure, what its non-zero voxels are. */
export interface MaskInput {
  readonly file: string;
  readonly volume: LabelVolume;
  readonly role?: "liver" | "tumor";
}

/** The LiTS value a binary mask's voxels take. */
const ROLE_LABEL = { liver: LITS_LABELS.liver[0] as number, tumor: LITS_LABELS.tumor[0] as number } as const;

/**
 * Combines masks into one label volume. One input without a role is returned as it is. Otherwise
 * every input must have a role and lie on the first one's grid; tumour voxels win over liver.
 */
export function combineMasks(inputs: readonly MaskInput[]): { volume: LabelVolume; labels?: LabelMap } {
  const [first, ...rest] = inputs;
  if (!first) throw new ImagingFailure("FILE", "mismatch", "no segmentation file given");
  if (rest.length === 0 && first.role === undefined) return { volume: first.volume };
  const unnamed = inputs.find((m) => m.role === undefined);
  if (unnamed) {
    throw new ImagingFailure(
      unnamed.file,
      "mismatch",
      `${unnamed.file}: with several files, say what each one is (FILE:liver, FILE:tumor)`,
    );
  }
  const n = first.volume.labels.length;
  const out = new Uint8Array(n);
  const ordered = [...inputs].sort((a, b) => (a.role === "tumor" ? 1 : 0) - (b.role === "tumor" ? 1 : 0));
  for (const m of ordered) {
    if (!sameGrid(m.volume.geometry, first.volume.geometry)) {
      const g = m.volume.geometry;
      const f = first.volume.geometry;
      throw new ImagingFailure(
        m.file,
        "mismatch",
        `${m.file}: its grid (${g.dims.join("×")}, origin ${g.origin.map((x) => x.toFixed(2)).join(", ")}) differs from ${first.file}'s (${f.dims.join("×")}, origin ${f.origin.map((x) => x.toFixed(2)).join(", ")}): masks of different scans`,
      );
    }
    const value = ROLE_LABEL[m.role as "liver" | "tumor"];
    const src = m.volume.labels;
    for (let i = 0; i < n; i++) if (src[i] !== 0) out[i] = value;
  }
  return {
    volume: {
      ...first.volume,
      labels: out,
      notes: [
        ...first.volume.notes,
        `combined from ${inputs.map((m) => `${m.file} (${m.role})`).join(", ")}: any non-zero voxel is that structure`,
      ],
    },
    labels: LITS_LABELS,
  };
}
