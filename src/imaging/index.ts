/** Imaging: segmentation masks → liver and tumour volumes, diameters (pure: bytes in, data out). */
export { readDicomSeg } from "./dicom-seg.js";
export { type ImagingError, ImagingFailure, type ImagingResult, imagingResult } from "./errors.js";
export type { Geometry } from "./geometry.js";
export type { LabelVolume, SeriesInfo } from "./label-volume.js";
export { type LabelMap, LITS_LABELS, parseLabelMap } from "./labels.js";
export { readNifti } from "./nifti.js";
export { combineMasks, isDicom, type MaskInput, readSegmentation } from "./read.js";
export { type CaseFromSegmentation, caseFromVolumetry } from "./to-case.js";
export {
  DEFAULT_MIN_TUMOR_VOLUME_ML,
  type TumorMeasurement,
  type Volumetry,
  volumetry,
} from "./volumetry.js";
