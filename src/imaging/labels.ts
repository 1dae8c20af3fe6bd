/**
 * Which label values mean liver, tumour and Couinaud segment.
 *
 * Default: the LiTS / Medical Segmentation Decathlon Task03_Liver convention, 0 background,
 * 1 liver, 2 tumour (Bilic P et al. Med Image Anal 2023;84:102680; Antonelli M et al. Nat Commun
 * 2022;13:4128). A tumour voxel is liver too: the liver volume is the whole organ.
 * `--labels FILE` replaces it with `{"liver": [..], "tumor": [..], "segments": {"I": [..], ...}}`;
 * segment labels count as liver as well.
 */
import { ImagingFailure } from "./errors.js";

export const COUINAUD_SEGMENTS = ["I", "II", "III", "IV", "IVa", "IVb", "V", "VI", "VII", "VIII"] as const;
export type CouinaudSegment = (typeof COUINAUD_SEGMENTS)[number];

export interface LabelMap {
  readonly liver: readonly number[];
  readonly tumor: readonly number[];
  readonly segments: ReadonlyMap<CouinaudSegment, readonly number[]>;
  readonly source: string;
}

export const LITS_LABELS: LabelMap = Object.freeze({
  liver: [1],
  tumor: [2],
  segments: new Map<CouinaudSegment, readonly number[]>(),
  source: "LiTS / MSD Task03_Liver convention (0 background, 1 liver, 2 tumour)",
});

export const MAX_LABEL = 65535;

function labelList(v: unknown, path: string): number[] {
  if (!Array.isArray(v)) throw new ImagingFailure(path, "labels", `${path} must be a list of label values`);
  return v.map((x, i) => {
    if (typeof x !== "number" || !Number.isInteger(x) || x < 1 || x > MAX_LABEL) {
      throw new ImagingFailure(
        `${path}.${i}`,
        "labels",
        `${path}.${i} must be an integer label 1–${MAX_LABEL} (0 is background)`,
      );
    }
    return x;
  });
}

/** Parses a `--labels` JSON document (already JSON-parsed). */
export function parseLabelMap(doc: unknown, source: string): LabelMap {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ImagingFailure(
      "labels",
      "labels",
      'labels must be an object like {"liver": [1], "tumor": [2]}',
    );
  }
  const o = doc as Readonly<Record<string, unknown>>;
  for (const k of Object.keys(o)) {
    if (k !== "liver" && k !== "tumor" && k !== "segments") {
      throw new ImagingFailure(
        `labels.${k}`,
        "labels",
        `labels.${k} is not a known key (liver, tumor, segments)`,
      );
    }
  }
  const liver = o.liver === undefined ? [] : labelList(o.liver, "labels.liver");
  const tumor = labelList(o.tumor, "labels.tumor");
  const segments = new Map<CouinaudSegment, readonly number[]>();
  if (o.segments !== undefined) {
    if (typeof o.segments !== "object" || o.segments === null || Array.isArray(o.segments)) {
      throw new ImagingFailure(
        "labels.segments",
        "labels",
        'labels.segments must be an object like {"I": [11]}',
      );
    }
    for (const [name, v] of Object.entries(o.segments)) {
      if (!(COUINAUD_SEGMENTS as readonly string[]).includes(name)) {
        throw new ImagingFailure(
          `labels.segments.${name}`,
          "labels",
          `labels.segments.${name} is not a Couinaud segment (${COUINAUD_SEGMENTS.join(", ")})`,
        );
      }
      segments.set(name as CouinaudSegment, labelList(v, `labels.segments.${name}`));
    }
  }
  if (liver.length === 0 && segments.size === 0) {
    throw new ImagingFailure("labels.liver", "labels", "labels needs liver labels (or Couinaud segments)");
  }
  const seen = new Map<number, string>();
  const claim = (xs: readonly number[], role: string) => {
    for (const x of xs) {
      const prior = seen.get(x);
      if (prior !== undefined && prior !== role) {
        throw new ImagingFailure("labels", "labels", `label ${x} is both ${prior} and ${role}`);
      }
      seen.set(x, role);
    }
  };
  claim(liver, "liver");
  claim(tumor, "tumor");
  for (const [name, xs] of segments) claim(xs, `segment ${name}`);
  return { liver, tumor, segments, source };
}
