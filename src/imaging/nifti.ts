/**
 * NIfTI-1 and NIfTI-2 label maps (`.nii`, `.nii.gz`), as TotalSegmentator and nnU-Net write them.
 * The header is parsed by `nifti-reader-js`; the voxel-to-patient transform is chosen as nibabel
 * and the NIfTI-1 standard intend (nifti1.h, "3 methods"): the sform when `sform_code > 0`, else
 * the qform (quaternion) when `qform_code > 0`, else pixdim scaling alone (stated in `notes`).
 * Integer labels are kept as they are (uint8 without a copy); float label maps are accepted only
 * when every value is a whole number.
 */
import { gunzipSync } from "node:zlib";
import { isNIFTI1, isNIFTI2, type NIFTI1, type NIFTI2, readHeader } from "nifti-reader-js";
import { ImagingFailure } from "./errors.js";
import type { Geometry, Vec3 } from "./geometry.js";
import type { LabelArray, LabelVolume } from "./label-volume.js";
import { MAX_LABEL } from "./labels.js";

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** NIfTI datatype codes (nifti1.h) accepted for label maps. */
const DATATYPES = new Map<number, { bytes: number; name: string }>([
  [2, { bytes: 1, name: "uint8" }],
  [256, { bytes: 1, name: "int8" }],
  [4, { bytes: 2, name: "int16" }],
  [512, { bytes: 2, name: "uint16" }],
  [8, { bytes: 4, name: "int32" }],
  [768, { bytes: 4, name: "uint32" }],
  [16, { bytes: 4, name: "float32" }],
  [64, { bytes: 8, name: "float64" }],
]);

function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new ImagingFailure(
      file,
      "truncated",
      `${file}: gzip data is corrupt or truncated (${(e as Error).message})`,
    );
  }
}

function arrayBufferOf(b: Uint8Array): ArrayBuffer {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer
    ? b.buffer
    : (b.slice().buffer as ArrayBuffer);
}

/** The quaternion transform of nifti1.h (method 2). */
function qformAffine(h: NIFTI1 | NIFTI2): [Vec3, Vec3, Vec3, Vec3] {
  const b = h.quatern_b;
  const c = h.quatern_c;
  const d = h.quatern_d;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const qfac = (h.pixDims[0] ?? 1) < 0 ? -1 : 1;
  const R = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const px = h.pixDims[1] ?? 1;
  const py = h.pixDims[2] ?? 1;
  const pz = (h.pixDims[3] ?? 1) * qfac;
  const col = (j: number, s: number): Vec3 => [
    (R[0]?.[j] ?? 0) * s,
    (R[1]?.[j] ?? 0) * s,
    (R[2]?.[j] ?? 0) * s,
  ];
  return [col(0, px), col(1, py), col(2, pz), [h.qoffset_x, h.qoffset_y, h.qoffset_z]];
}

/** The sform rows (srow_x/y/z), read from the raw header: NIfTI-1 at byte 280, NIfTI-2 at 400. */
function sformAffine(raw: DataView, nifti2: boolean, little: boolean): [Vec3, Vec3, Vec3, Vec3] {
  const at = (r: number, c: number) =>
    nifti2 ? raw.getFloat64(400 + (r * 4 + c) * 8, little) : raw.getFloat32(280 + (r * 4 + c) * 4, little);
  const col = (c: number): Vec3 => [at(0, c), at(1, c), at(2, c)];
  return [col(0), col(1), col(2), col(3)];
}

/** Reads a NIfTI-1/2 label map from its bytes (gzipped or not). `file` names it in errors. */
export function readNifti(input: Uint8Array, file: string): LabelVolume {
  const bytes = input[0] === GZIP_MAGIC[0] && input[1] === GZIP_MAGIC[1] ? gunzip(input, file) : input;
  if (bytes.byteLength < 348) {
    throw new ImagingFailure(
      file,
      "truncated",
      `${file}: ${bytes.byteLength} bytes is shorter than a NIfTI header`,
    );
  }
  const head = arrayBufferOf(bytes.subarray(0, Math.min(bytes.byteLength, 540 + 4)));
  const nifti2 = isNIFTI2(head);
  if (!nifti2 && !isNIFTI1(head)) {
    throw new ImagingFailure(
      file,
      "not-a-segmentation",
      `${file}: not a NIfTI-1/2 file (no "n+1"/"n+2" magic; a separate .hdr/.img pair is not supported)`,
    );
  }
  const h = readHeader(head);
  const little = h.littleEndian;
  const [, nx = 0, ny = 1, nz = 1, nt = 1] = h.dims;
  const ndim = h.dims[0] ?? 0;
  if (ndim > 3 && (nt > 1 || h.dims.slice(5, ndim + 1).some((d) => d > 1))) {
    throw new ImagingFailure(
      `${file}:dim`,
      "unsupported",
      `${file}: a ${ndim}-D image is not a 3-D label map`,
    );
  }
  if (!(nx > 0 && ny > 0 && nz > 0)) {
    throw new ImagingFailure(
      `${file}:dim`,
      "geometry",
      `${file}: dimensions ${nx}×${ny}×${nz} are not positive`,
    );
  }
  const type = DATATYPES.get(h.datatypeCode);
  if (!type) {
    throw new ImagingFailure(
      `${file}:datatype`,
      "not-a-label-map",
      `${file}: datatype ${h.datatypeCode} is not an integer or real scalar (label maps are uint8/int16/…)`,
    );
  }
  const slope = h.scl_slope;
  if (
    !(slope === 0 || slope === 1 || Number.isNaN(slope)) ||
    !(h.scl_inter === 0 || Number.isNaN(h.scl_inter))
  ) {
    throw new ImagingFailure(
      `${file}:scl_slope`,
      "not-a-label-map",
      `${file}: intensity scaling (scl_slope ${slope}, scl_inter ${h.scl_inter}) — a label map is stored unscaled`,
    );
  }
  const n = nx * ny * nz;
  const offset = Number(h.vox_offset);
  if (bytes.byteLength < offset + n * type.bytes) {
    throw new ImagingFailure(
      file,
      "truncated",
      `${file}: ${bytes.byteLength} bytes, but the header declares ${nx}×${ny}×${nz} ${type.name} voxels from byte ${offset}`,
    );
  }
  const notes: string[] = [];
  const raw = new DataView(head);
  let affine: [Vec3, Vec3, Vec3, Vec3];
  if (h.sform_code > 0) affine = sformAffine(raw, nifti2, little);
  else if (h.qform_code > 0) affine = qformAffine(h);
  else {
    affine = [
      [h.pixDims[1] ?? 1, 0, 0],
      [0, h.pixDims[2] ?? 1, 0],
      [0, 0, h.pixDims[3] ?? 1],
      [0, 0, 0],
    ];
    notes.push("no sform or qform: voxel spacing from pixdim, orientation assumed axial (NIfTI method 1)");
  }
  const spaceUnit = h.xyzt_units & 0x07;
  const unitScale = spaceUnit === 1 ? 1000 : spaceUnit === 3 ? 0.001 : 1;
  if (spaceUnit === 0) notes.push("xyzt_units unknown: millimetres assumed (the NIfTI default in practice)");
  const s = (v: Vec3): Vec3 => [v[0] * unitScale, v[1] * unitScale, v[2] * unitScale];
  const geometry: Geometry = {
    dims: [nx, ny, nz],
    iVector: s(affine[0]),
    jVector: s(affine[1]),
    kVector: s(affine[2]),
    origin: s(affine[3]),
  };
  const labels = toLabels(bytes, offset, n, h.datatypeCode, little, file);
  return { format: nifti2 ? "nifti-2" : "nifti-1", geometry, labels, notes };
}

function toLabels(bytes: Uint8Array, offset: number, n: number, code: number, little: boolean, file: string) {
  if (code === 2) return bytes.subarray(offset, offset + n);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const read: (i: number) => number =
    code === 256
      ? (i) => view.getInt8(i)
      : code === 4
        ? (i) => view.getInt16(i * 2, little)
        : code === 512
          ? (i) => view.getUint16(i * 2, little)
          : code === 8
            ? (i) => view.getInt32(i * 4, little)
            : code === 768
              ? (i) => view.getUint32(i * 4, little)
              : code === 16
                ? (i) => view.getFloat32(i * 4, little)
                : (i) => view.getFloat64(i * 8, little);
  let max = 0;
  const out: LabelArray = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const v = read(i);
    if (!(Number.isInteger(v) && v >= 0 && v <= MAX_LABEL)) {
      throw new ImagingFailure(
        `${file}:voxel ${i}`,
        "not-a-label-map",
        `${file}: voxel ${i} holds ${v}; a label map holds whole labels 0–${MAX_LABEL} (a probability map or an image?)`,
      );
    }
    out[i] = v;
    if (v > max) max = v;
  }
  return max <= 255 ? Uint8Array.from(out) : out;
}
