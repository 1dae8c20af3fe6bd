/** Test tooling: a small NIfTI-1 / NIfTI-2 writer (uint8 or int16 labels, sform or qform). */
import { gzipSync } from "node:zlib";
import type { Geometry } from "../../src/imaging/geometry.js";

export interface NiftiWriteOptions {
  readonly version?: 1 | 2;
  readonly gzip?: boolean;
  readonly datatype?: "uint8" | "int16" | "float32";
  /** Write the transform as a qform (quaternion; needs an orthogonal grid) instead of an sform. */
  readonly qform?: boolean;
  readonly littleEndian?: boolean;
}

function quaternion(g: Geometry) {
  const sp = [g.iVector, g.jVector, g.kVector].map((v) => Math.hypot(...v));
  const R = [0, 1, 2].map((r) =>
    [g.iVector, g.jVector, g.kVector].map((v, c) => (v[r] as number) / (sp[c] as number)),
  );
  const m = (r: number, c: number) => R[r]?.[c] as number;
  let det =
    m(0, 0) * (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) -
    m(0, 1) * (m(1, 0) * m(2, 2) - m(1, 2) * m(2, 0)) +
    m(0, 2) * (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0));
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) for (const row of R) row[2] = -(row[2] as number);
  det = 1;
  const a = 0.5 * Math.sqrt(Math.max(0, 1 + m(0, 0) + m(1, 1) + m(2, 2)));
  const b = (0.25 * (m(2, 1) - m(1, 2))) / a;
  const c = (0.25 * (m(0, 2) - m(2, 0))) / a;
  const d = (0.25 * (m(1, 0) - m(0, 1))) / a;
  return { b, c, d, qfac, spacing: sp };
}

export function writeNifti(g: Geometry, labels: Uint8Array, o: NiftiWriteOptions = {}): Uint8Array {
  const v2 = o.version === 2;
  const le = o.littleEndian ?? true;
  const hdr = v2 ? 540 : 348;
  const offset = hdr + 4;
  const type = o.datatype ?? "uint8";
  const bytes = type === "uint8" ? 1 : type === "int16" ? 2 : 4;
  const code = type === "uint8" ? 2 : type === "int16" ? 4 : 16;
  const n = labels.length;
  const buf = new ArrayBuffer(offset + n * bytes);
  const dv = new DataView(buf);
  const u8 = new Uint8Array(buf);
  const q = o.qform ? quaternion(g) : undefined;
  const pix = q ? q.spacing : [g.iVector, g.jVector, g.kVector].map((v) => Math.hypot(...v));
  const cols = [g.iVector, g.jVector, g.kVector, g.origin];
  const dims = [3, ...g.dims, 1, 1, 1, 1];
  if (!v2) {
    dv.setInt32(0, 348, le);
    dims.forEach((d, i) => {
      dv.setInt16(40 + 2 * i, d, le);
    });
    dv.setInt16(70, code, le);
    dv.setInt16(72, bytes * 8, le);
    [q?.qfac ?? 1, ...pix, 0, 0, 0, 0].forEach((p, i) => {
      dv.setFloat32(76 + 4 * i, p, le);
    });
    dv.setFloat32(108, offset, le);
    dv.setFloat32(112, 1, le);
    u8[123] = 2; // mm
    if (q) {
      dv.setInt16(252, 1, le);
      [q.b, q.c, q.d, ...g.origin].forEach((x, i) => {
        dv.setFloat32(256 + 4 * i, x, le);
      });
    } else {
      dv.setInt16(254, 1, le);
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 4; c++) dv.setFloat32(280 + (r * 4 + c) * 4, cols[c]?.[r] as number, le);
    }
    u8.set([0x6e, 0x2b, 0x31, 0], 344);
  } else {
    dv.setInt32(0, 540, le);
    u8.set([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a], 4);
    dv.setInt16(12, code, le);
    dv.setInt16(14, bytes * 8, le);
    dims.forEach((d, i) => {
      dv.setBigInt64(16 + 8 * i, BigInt(d), le);
    });
    [q?.qfac ?? 1, ...pix, 0, 0, 0, 0].forEach((p, i) => {
      dv.setFloat64(104 + 8 * i, p, le);
    });
    dv.setBigInt64(168, BigInt(offset), le);
    dv.setFloat64(176, 1, le);
    if (q) {
      dv.setInt32(344, 1, le);
      [q.b, q.c, q.d, ...g.origin].forEach((x, i) => {
        dv.setFloat64(352 + 8 * i, x, le);
      });
    } else {
      dv.setInt32(348, 1, le);
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 4; c++) dv.setFloat64(400 + (r * 4 + c) * 8, cols[c]?.[r] as number, le);
    }
    dv.setInt32(500, 2, le);
  }
  for (let i = 0; i < n; i++) {
    const v = labels[i] as number;
    if (bytes === 1) u8[offset + i] = v;
    else if (bytes === 2) dv.setInt16(offset + 2 * i, v, le);
    else dv.setFloat32(offset + 4 * i, v, le);
  }
  return o.gzip ? gzipSync(u8) : u8;
}
