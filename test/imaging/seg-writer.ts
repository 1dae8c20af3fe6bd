/**
 * Test tooling: writes a label volume as a DICOM Segmentation (binary or fractional) with dcmjs,
 * one frame per segment per slice where the segment is present (as highdicom and OHIF do).
 * The grid's i/j vectors become ImageOrientationPatient and PixelSpacing; k steps become
 * ImagePositionPatient (so a sheared kVector is a gantry tilt).
 */
import dcmjs from "dcmjs";
import type { Geometry } from "../../src/imaging/geometry.js";

export interface SegSegment {
  readonly number: number;
  readonly label: string;
  /** SNOMED CT code of the segmented property type. */
  readonly code: { readonly value: string; readonly meaning: string };
}

export const LIVER_SEGMENT: SegSegment = {
  number: 1,
  label: "Liver",
  code: { value: "10200004", meaning: "Liver" },
};
export const TUMOR_SEGMENT: SegSegment = {
  number: 2,
  label: "Tumor",
  code: { value: "108369006", meaning: "Neoplasm" },
};

export interface SegWriteOptions {
  readonly fractional?: boolean;
  readonly segments?: readonly SegSegment[];
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  readonly studyDate?: string;
  readonly patientId?: string;
  /** Write SpacingBetweenSlices (else the reader infers it from positions). */
  readonly spacingBetweenSlices?: boolean;
}

const fmt = (x: number) => Number(x.toFixed(6));

export function writeSeg(g: Geometry, labels: Uint8Array, o: SegWriteOptions = {}): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const [nx, ny, nz] = g.dims;
  const segments = o.segments ?? [LIVER_SEGMENT, TUMOR_SEGMENT];
  const per = nx * ny;
  const frames: { seg: number; k: number }[] = [];
  for (const s of segments)
    for (let k = 0; k < nz; k++) {
      let any = false;
      for (let p = 0; p < per && !any; p++) any = labels[k * per + p] === s.number;
      if (any) frames.push({ seg: s.number, k });
    }
  const fractional = o.fractional ?? false;
  const pixel = fractional
    ? new Uint8Array(frames.length * per)
    : new Uint8Array(Math.ceil((frames.length * per) / 8));
  frames.forEach((f, n) => {
    for (let p = 0; p < per; p++) {
      if (labels[f.k * per + p] !== f.seg) continue;
      const bit = n * per + p;
      if (fractional) pixel[bit] = 255;
      else pixel[bit >> 3] = (pixel[bit >> 3] as number) | (1 << (bit & 7));
    }
  });
  const rs = Math.hypot(...g.jVector);
  const cs = Math.hypot(...g.iVector);
  const iop = [...g.iVector.map((x) => x / cs), ...g.jVector.map((x) => x / rs)].map(fmt);
  const sliceStep = Math.hypot(...g.kVector);
  const sop = o.sopInstanceUid ?? DicomMetaDictionary.uid();
  const ds = {
    _vrMap: { PixelData: "OB" },
    SOPClassUID: "1.2.840.10008.5.1.4.1.1.66.4",
    SOPInstanceUID: sop,
    Modality: "SEG",
    PatientID: o.patientId ?? "PHANTOM-1",
    PatientName: "Phantom^Liver",
    StudyInstanceUID: o.studyInstanceUid ?? DicomMetaDictionary.uid(),
    SeriesInstanceUID: o.seriesInstanceUid ?? DicomMetaDictionary.uid(),
    StudyDate: o.studyDate ?? "20261101",
    SeriesDescription: "Liver and tumour segmentation (phantom)",
    SeriesNumber: "300",
    InstanceNumber: "1",
    Rows: ny,
    Columns: nx,
    NumberOfFrames: frames.length,
    SamplesPerPixel: 1,
    PhotometricInterpretation: "MONOCHROME2",
    BitsAllocated: fractional ? 8 : 1,
    BitsStored: fractional ? 8 : 1,
    HighBit: fractional ? 7 : 0,
    PixelRepresentation: 0,
    SegmentationType: fractional ? "FRACTIONAL" : "BINARY",
    ...(fractional ? { SegmentationFractionalType: "PROBABILITY", MaximumFractionalValue: 255 } : {}),
    SegmentSequence: segments.map((s) => ({
      SegmentNumber: s.number,
      SegmentLabel: s.label,
      SegmentAlgorithmType: "MANUAL",
      SegmentedPropertyCategoryCodeSequence: [
        { CodeValue: "123037004", CodingSchemeDesignator: "SCT", CodeMeaning: "Anatomical Structure" },
      ],
      SegmentedPropertyTypeCodeSequence: [
        { CodeValue: s.code.value, CodingSchemeDesignator: "SCT", CodeMeaning: s.code.meaning },
      ],
    })),
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: iop }],
        PixelMeasuresSequence: [
          {
            PixelSpacing: [fmt(rs), fmt(cs)],
            SliceThickness: fmt(sliceStep),
            ...(o.spacingBetweenSlices ? { SpacingBetweenSlices: fmt(sliceStep) } : {}),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => ({
      PlanePositionSequence: [
        {
          ImagePositionPatient: [0, 1, 2].map((c) =>
            fmt((g.origin[c] as number) + f.k * (g.kVector[c] as number)),
          ),
        },
      ],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.seg }],
    })),
    PixelData: [pixel.buffer],
  };
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ds.SOPClassUID,
    MediaStorageSOPInstanceUID: sop,
    TransferSyntaxUID: "1.2.840.10008.1.2.1",
    ImplementationClassUID: "2.25.80302813137786398554742050926734630921",
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(ds);
  return new Uint8Array(dict.write());
}
