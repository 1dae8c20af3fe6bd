/**
 * `hepatica imaging FILE... [--json] [--labels FILE] [--min-volume-ml X]` — liver and tumour
 * volumes and RECIST diameters from a segmentation: DICOM SEG or NIfTI-1/2 (.nii, .nii.gz).
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  caseFromVolumetry,
  combineMasks,
  type ImagingError,
  imagingResult,
  type LabelMap,
  LITS_LABELS,
  type MaskInput,
  parseLabelMap,
  readSegmentation,
  type Volumetry,
  volumetry,
} from "../imaging/index.js";
import { DicomwebError, redactUrl, retrieveInstance, segInstances } from "../server/dicomweb/client.js";
import { parseJson } from "./input.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";

function parseImagingArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        labels: { type: "string" },
        "min-volume-ml": { type: "string" },
        case: { type: "string" },
        pacs: { type: "string" },
        study: { type: "string" },
        series: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export const IMAGING_HELP = `Usage:
  hepatica imaging FILE [--json] [--labels LABELS.json] [--min-volume-ml X]
  hepatica imaging LIVER.nii.gz:liver TUMOR.nii.gz:tumor [--json]   (one mask per structure)
  hepatica imaging FILE --case CASE.json | hepatica plan -          (the case, measured)
  hepatica imaging --pacs DICOMWEB_URL --study UID [--series UID] [--json]   (SEG from the PACS)

FILE is a DICOM SEG (binary or fractional) or a NIfTI-1/2 label map (.nii, .nii.gz).
NIfTI labels follow the LiTS / Medical Segmentation Decathlon convention (0 background, 1 liver,
2 tumour) unless --labels maps them: {"liver": [1], "tumor": [2], "segments": {"I": [11], ...}}.
DICOM SEG segments are read by their coded type or label (Liver, Neoplasm/Tumor, Segment I–VIII).

The liver volume is the whole organ: tumour voxels count as liver too. Tumours are 3-D connected
components (26-connectivity) of at least --min-volume-ml (default 0.01 mL), largest first, each
with its volume (voxel count × voxel volume), its longest axial diameter on the slice where it is
longest and the short axis perpendicular to it (RECIST 1.1), and the slice.
--json prints {"liver": {"volumeMl", ...}, "tumors": [{"id", "volumeMl", "longestDiameterMm",
"shortAxisMm", "sliceIndex", ...}], "tumorCount", "tumorToLiverPercent", ...}.
--pacs reads the study's DICOM SEG from a DICOMweb server (QIDO-RS, WADO-RS; e.g. Orthanc with
its DICOMweb plugin: http://host:8042/dicom-web); --series picks one when the study has several.
--case CASE.json prints that case with the segmentation merged in: tumors (longest diameter in
cm, to the mm; source {"kind": "segmentation", studyDate, seriesInstanceUid, volumeMl}),
tumorCountTotal, tumorLiverVolumePercent (TACE eligibility, BCLC B subgroup) and
y90.liverVolumeMl / y90.tumorVolumeMl (partition model and glass MIRD; 1.03 g/mL). Keys it
replaces are listed on stderr.
Decision support for clinicians, not a substitute for their judgement.
Exit codes: 0 ok; 1 invalid or mismatched file; 2 usage error.
`;

const ROLE = /^(.*):(liver|tumor)$/;

async function bytesOf(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function formatVolumetry(v: Volumetry, files: readonly string[]): string {
  const ml = (x: number) => `${x.toFixed(1)} mL`;
  const mm = (x: number | null) => (x === null ? "—" : x.toFixed(1));
  const lines = [
    `Segmentation: ${files.join(", ")} (${v.format}), ${v.voxel.dims.join("×")} voxels; ${v.voxel.arithmetic}`,
    `Slices: ${v.orientation.axial ? "axial" : "NOT axial"} (plane ${v.orientation.planeTiltDegrees}° from axial, gantry tilt ${v.orientation.gantryTiltDegrees}°)`,
    ...(v.series?.studyDate || v.series?.seriesInstanceUid
      ? [`Study ${v.series.studyDate ?? "(no date)"}, series ${v.series.seriesInstanceUid ?? "(no UID)"}`]
      : []),
    `Liver (whole organ, tumour included): ${ml(v.liver.volumeMl)} (${v.liver.voxelCount} voxels)`,
    `Non-tumoral liver: ${ml(v.nonTumoralLiverVolumeMl)}`,
    `Tumours: ${v.tumorCount}, ${ml(v.tumorVolumeMl)} = ${v.tumorToLiverPercent} % of the liver (26-connected components ≥ ${v.method.minTumorVolumeMl} mL; ${v.method.droppedComponents.count} smaller dropped)`,
  ];
  if (v.tumors.length > 0) {
    lines.push("  id    volume mL  longest mm  short axis mm  slice");
    for (const t of v.tumors) {
      lines.push(
        `  ${t.id.padEnd(5)} ${t.volumeMl.toFixed(2).padStart(9)}  ${mm(t.longestDiameterMm).padStart(10)}  ${mm(t.shortAxisMm).padStart(13)}  ${t.sliceIndex ?? "—"}${t.slicePositionMm !== null ? ` (${t.slicePositionMm} mm)` : ""}`,
      );
    }
  }
  for (const s of v.segments) lines.push(`Segment ${s.segment}: ${ml(s.volumeMl)}`);
  lines.push(`Labels: ${v.method.labelConvention}`);
  for (const n of v.notes) lines.push(`Note: ${n}`);
  lines.push("Decision support for clinicians, not a substitute for their judgement.");
  return `${lines.join("\n")}\n`;
}

/** The study's SEG instance from a DICOMweb server, or the error that says why not. */
async function fromPacs(
  base: string,
  study: string,
  series: string | undefined,
): Promise<{ file: string; bytes: Uint8Array } | { errors: ImagingError[] }> {
  const shownBase = redactUrl(base);
  const path = `--pacs ${shownBase}`;
  try {
    const all = await segInstances(base, study);
    const found = series === undefined ? all : all.filter((i) => i.seriesInstanceUid === series);
    const one = found[0];
    if (!one) {
      return {
        errors: [
          {
            path,
            code: "pacs",
            message: `no DICOM SEG in study ${study}${series ? ` series ${series}` : ""} at ${shownBase}`,
          },
        ],
      };
    }
    if (found.length > 1) {
      const list = [...new Set(found.map((i) => i.seriesInstanceUid))].join(", ");
      return {
        errors: [
          {
            path,
            code: "pacs",
            message: `study ${study} has ${found.length} SEG instances (series ${list}): pick one with --series`,
          },
        ],
      };
    }
    return {
      file: `${base} study ${study} instance ${one.sopInstanceUid}`,
      bytes: await retrieveInstance(base, one),
    };
  } catch (e) {
    if (e instanceof DicomwebError) return { errors: [{ path, code: "pacs", message: e.message }] };
    throw e;
  }
}

function fail(io: Io, json: boolean, errors: readonly ImagingError[]): number {
  if (json) io.stdout.write(`${JSON.stringify({ status: "invalid", errors })}\n`);
  else for (const e of errors) io.stderr.write(`hepatica imaging: ${e.code} at ${e.path}: ${e.message}\n`);
  return EXIT.invalidInput;
}

export const imagingCommand: Command = async (argv, io) => {
  const { values, positionals } = parseImagingArgs(argv);
  if (values.help) {
    io.stdout.write(IMAGING_HELP);
    return EXIT.ok;
  }
  const json = values.json === true;
  const minRaw = values["min-volume-ml"];
  const min = typeof minRaw === "string" ? Number(minRaw) : undefined;
  if (min !== undefined && !(Number.isFinite(min) && min >= 0 && min <= 1000)) {
    throw new UsageError(`--min-volume-ml ${minRaw}: give a volume in mL between 0 and 1000`);
  }
  let labels: LabelMap | undefined;
  if (typeof values.labels === "string") {
    const text = new TextDecoder().decode(await bytesOf(values.labels));
    const parsed = parseJson(text, values.labels);
    if (!parsed.ok) return fail(io, json, [{ path: values.labels, code: "labels", message: parsed.message }]);
    const r = imagingResult(() => parseLabelMap(parsed.value, `--labels ${values.labels}`));
    if (r.status === "invalid") return fail(io, json, r.errors);
    labels = r.value;
  }
  const specs = positionals.map((p) => {
    const m = ROLE.exec(p);
    return m ? { file: m[1] as string, role: m[2] as "liver" | "tumor" } : { file: p };
  });
  let files: { file: string; role?: "liver" | "tumor"; bytes: Uint8Array }[];
  if (typeof values.pacs === "string") {
    if (positionals.length > 0) throw new UsageError("give either FILE... or --pacs URL --study UID");
    if (typeof values.study !== "string") throw new UsageError("--pacs needs --study UID");
    const fetched = await fromPacs(values.pacs, values.study, values.series);
    if ("errors" in fetched) return fail(io, json, fetched.errors);
    files = [fetched];
  } else {
    if (positionals.length === 0) throw new UsageError("give a segmentation FILE (DICOM SEG or NIfTI)");
    files = await Promise.all(specs.map(async (s) => ({ ...s, bytes: await bytesOf(s.file) })));
  }
  const result = imagingResult(() => {
    const inputs: MaskInput[] = files.map((f) => ({ ...f, volume: readSegmentation(f.bytes, f.file) }));
    const combined = combineMasks(inputs);
    const map = labels ?? combined.labels ?? combined.volume.defaultLabels ?? LITS_LABELS;
    return volumetry(combined.volume, map, min !== undefined ? { minTumorVolumeMl: min } : {});
  });
  if (result.status === "invalid") return fail(io, json, result.errors);
  if (typeof values.case === "string") {
    const parsed = parseJson(new TextDecoder().decode(await bytesOf(values.case)), values.case);
    if (!parsed.ok) return fail(io, true, [{ path: values.case, code: "mismatch", message: parsed.message }]);
    const base = parsed.value;
    if (typeof base !== "object" || base === null || Array.isArray(base)) {
      return fail(io, true, [
        { path: values.case, code: "mismatch", message: `${values.case} is not a case object` },
      ]);
    }
    const merged = caseFromVolumetry(result.value, base as Record<string, unknown>);
    if (merged.replaced.length > 0) {
      io.stderr.write(`hepatica imaging: replaced from the segmentation: ${merged.replaced.join(", ")}\n`);
    }
    io.stdout.write(`${JSON.stringify(merged.case)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(
    json
      ? `${JSON.stringify({ status: "ok", ...result.value })}\n`
      : formatVolumetry(
          result.value,
          files.map((s) => s.file),
        ),
  );
  return EXIT.ok;
};
