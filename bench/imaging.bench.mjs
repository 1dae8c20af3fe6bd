/**
 * npm run bench:imaging
 * Volumetry of a 512 × 512 × 300 uint8 label mask (liver ellipsoid, 24 tumours, 400 specks)
 * against scipy (`ndimage.label` with a 3×3×3 structure = 26-connectivity, then `bincount` of
 * the component labels and of the mask) on the same bytes in the same run. Medians of 5 runs
 * each, after one warm-up. Memory: peak RSS (VmHWM) of a child that only loads the mask, then of
 * one that also runs volumetry — the difference over the mask's own size.
 * Options: BENCH_NZ=100 (slices) for a quick run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = join(import.meta.dirname, "..");
const outDir = join(root, "bench", "out");
mkdirSync(outDir, { recursive: true });
const NX = 512;
const NY = 512;
const NZ = Number(process.env.BENCH_NZ ?? 300);
const SP = [0.78, 0.78, 1.5];
const file = join(outDir, `mask-${NX}x${NY}x${NZ}.u8`);

/** Deterministic phantom: fills ellipsoids by their bounding boxes (no per-voxel objects). */
export function makeMask() {
  const m = new Uint8Array(NX * NY * NZ);
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const fill = (c, r, label) => {
    const [i0, i1] = [Math.max(0, Math.floor(c[0] - r[0])), Math.min(NX - 1, Math.ceil(c[0] + r[0]))];
    const [j0, j1] = [Math.max(0, Math.floor(c[1] - r[1])), Math.min(NY - 1, Math.ceil(c[1] + r[1]))];
    const [k0, k1] = [Math.max(0, Math.floor(c[2] - r[2])), Math.min(NZ - 1, Math.ceil(c[2] + r[2]))];
    for (let k = k0; k <= k1; k++)
      for (let j = j0; j <= j1; j++)
        for (let i = i0; i <= i1; i++) {
          const x = (i - c[0]) / r[0];
          const y = (j - c[1]) / r[1];
          const z = (k - c[2]) / r[2];
          if (x * x + y * y + z * z <= 1) m[i + NX * (j + NY * k)] = label;
        }
  };
  const lc = [256, 256, NZ / 2];
  const lr = [180, 150, NZ * 0.4];
  fill(lc, lr, 1);
  for (let t = 0; t < 24; t++) {
    const r = 4 + rnd() * 30;
    const c = lc.map((x, a) => x + (rnd() - 0.5) * lr[a] * 1.2);
    fill(c, [r, r * (0.7 + rnd() * 0.6), (r * (0.7 + rnd() * 0.6) * SP[0]) / SP[2]], 2);
  }
  for (let s = 0; s < 400; s++) {
    const i = Math.floor(rnd() * NX);
    const j = Math.floor(rnd() * NY);
    const k = Math.floor(rnd() * NZ);
    m[i + NX * (j + NY * k)] = 2;
  }
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === "child") {
  // Memory probe: load the mask; with "run", also measure it.
  const mask = new Uint8Array(readFileSync(file));
  const { volumetry } = await import("../dist/imaging/volumetry.js");
  const { LITS_LABELS } = await import("../dist/imaging/labels.js");
  let tumours = -1;
  if (process.argv[3] === "run") {
    const g = {
      dims: [NX, NY, NZ],
      origin: [0, 0, 0],
      iVector: [SP[0], 0, 0],
      jVector: [0, SP[1], 0],
      kVector: [0, 0, SP[2]],
    };
    tumours = volumetry({ format: "nifti-1", geometry: g, labels: mask, notes: [] }, LITS_LABELS).tumorCount;
  }
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]) * 1024;
  process.stdout.write(JSON.stringify({ hwm, tumours }));
  process.exit(0);
}

const mask = makeMask();
writeFileSync(file, mask);
const { volumetry } = await import("../dist/imaging/volumetry.js");
const { LITS_LABELS } = await import("../dist/imaging/labels.js");
const g = {
  dims: [NX, NY, NZ],
  origin: [0, 0, 0],
  iVector: [SP[0], 0, 0],
  jVector: [0, SP[1], 0],
  kVector: [0, 0, SP[2]],
};
const vol = { format: "nifti-1", geometry: g, labels: mask, notes: [] };
let result = volumetry(vol, LITS_LABELS);
const times = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  result = volumetry(vol, LITS_LABELS);
  times.push((performance.now() - t0) / 1000);
}
const py = `
import sys, time, json, numpy as np
from scipy import ndimage
m = np.fromfile(sys.argv[1], dtype=np.uint8).reshape((${NZ}, ${NY}, ${NX}))
s = np.ones((3, 3, 3), dtype=bool)
def run():
    lab, n = ndimage.label(m == 2, structure=s)
    sizes = np.bincount(lab.ravel())
    counts = np.bincount(m.ravel(), minlength=256)
    return n, sizes, counts
run()
ts = []
for _ in range(5):
    t0 = time.perf_counter(); n, sizes, counts = run(); ts.append(time.perf_counter() - t0)
print(json.dumps({"times": ts, "components": int(n), "liver": int(counts[1] + counts[2])}))
`;
const scipy = JSON.parse(execFileSync("python3", ["-c", py, file], { encoding: "utf8", maxBuffer: 1 << 20 }));
const probe = (arg) =>
  JSON.parse(spawnSync(process.execPath, [import.meta.filename, "child", arg], { encoding: "utf8" }).stdout);
const base = probe("load");
const run = probe("run");
const hepatica = median(times);
const sci = median(scipy.times);
const components = result.tumorCount + result.method.droppedComponents.count;
console.log(
  JSON.stringify(
    {
      mask: `${NX}×${NY}×${NZ} uint8 (${(mask.length / 2 ** 20).toFixed(1)} MiB)`,
      hepaticaSeconds: Number(hepatica.toFixed(3)),
      scipySeconds: Number(sci.toFixed(3)),
      ratioHepaticaOverScipy: Number((hepatica / sci).toFixed(3)),
      sameComponents: components === scipy.components,
      sameLiverVoxels: result.liver.voxelCount === scipy.liver,
      components,
      tumorsKept: result.tumorCount,
      extraMemoryMiB: Number(((run.hwm - base.hwm) / 2 ** 20).toFixed(1)),
      memoryOverMask: Number(((mask.length + run.hwm - base.hwm) / mask.length).toFixed(3)),
    },
    null,
    2,
  ),
);
