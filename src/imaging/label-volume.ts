/** A label map on a voxel grid: one integer label per voxel, i fastest, then j, then k. */
import type { Geometry } from "./geometry.js";
import type { LabelMap } from "./labels.js";

export type LabelArray = Uint8Array | Uint16Array;

export interface SeriesInfo {
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  /** YYYY-MM-DD (from DICOM StudyDate), when the file carries it. */
  readonly studyDate?: string;
  readonly seriesDescription?: string;
  readonly patientId?: string;
  /** The image series the segmentation was drawn on (DICOM ReferencedSeriesSequence). */
  readonly referencedSeriesInstanceUid?: string;
}

export interface LabelVolume {
  readonly format: "nifti-1" | "nifti-2" | "dicom-seg";
  readonly geometry: Geometry;
  readonly labels: LabelArray;
  /** Names of the labels the file itself declares (DICOM SEG segments), by label value. */
  readonly declaredLabels?: ReadonlyMap<number, string>;
  readonly series?: SeriesInfo;
  /** The label roles the file declares itself (DICOM SEG segment codes); else LiTS applies. */
  readonly defaultLabels?: LabelMap;
  /** What the reader did to the data that a reader of the result should know. */
  readonly notes: readonly string[];
}
