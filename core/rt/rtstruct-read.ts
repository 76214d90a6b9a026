import type { DataSet } from 'dicom-parser';
import { parseDataSet } from '../dicom/header.ts';
import { SopClass } from '../dicom/tags.ts';
import { DelineateError } from '../errors.ts';
import { RtTag } from './tags.ts';
import { items, text } from './dataset-read.ts';
import { decimalStrings } from './decimal-strings.ts';

export type Rgb = readonly [r: number, g: number, b: number];

/** One contour as written: points in LPS mm, x y z interleaved. */
export interface RtContour {
  readonly geometricType: string;
  readonly points: Float64Array;
  /** ContourImageSequence's SOP Instance UID, when the contour names its slice. */
  readonly referencedSopInstanceUid: string | undefined;
}

export interface RtRoi {
  readonly number: number;
  readonly name: string;
  readonly colour: Rgb | undefined;
  /** RTROIInterpretedType (ORGAN, GTV, PTV, ...), '' when not given. */
  readonly type: string;
  readonly interpreter: string;
  readonly generationAlgorithm: string;
  readonly generationDescription: string;
  readonly frameOfReferenceUid: string;
  readonly contours: readonly RtContour[];
}

export interface RtStructureSet {
  readonly source: string;
  readonly label: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly studyInstanceUid: string;
  /** From ReferencedFrameOfReferenceSequence, else from the ROIs; '' when neither says. */
  readonly frameOfReferenceUid: string;
  readonly referencedSeriesUid: string;
  readonly contourImageUids: readonly string[];
  readonly rois: readonly RtRoi[];
  /** What was missing or odd, in plain words. */
  readonly warnings: string[];
}


/** Parses an RTSTRUCT file (with or without preamble and File Meta). */
export function readRtStruct(bytes: Uint8Array, source: string): RtStructureSet {
  const ds = parseDataSet(bytes, source, false);
  const sopClass = text(ds, RtTag.SOPClassUID);
  const modality = text(ds, RtTag.Modality);
  if (sopClass !== SopClass.RTStructureSet && modality !== 'RTSTRUCT') {
    throw new DelineateError('bad-data', `${source}: not an RT Structure Set (SOP class ${sopClass || 'missing'}, modality ${modality || 'missing'})`);
  }
  const warnings: string[] = [];
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') {
    warnings.push('The file has no DICOM preamble or File Meta header; it was read as implicit VR little endian');
  }
  const frames = items(ds, RtTag.ReferencedFrameOfReferenceSequence);
  if (frames.length === 0) warnings.push('No ReferencedFrameOfReferenceSequence: the referenced image series is not named in the file');
  const series = frames.flatMap((f) => items(f, RtTag.RTReferencedStudySequence)).flatMap((s) => items(s, RtTag.RTReferencedSeriesSequence));
  const contourImageUids = series.flatMap((s) => items(s, RtTag.ContourImageSequence)).map((c) => text(c, RtTag.ReferencedSOPInstanceUID));

  const roiItems = items(ds, RtTag.StructureSetROISequence);
  const contourByRoi = new Map(items(ds, RtTag.ROIContourSequence).map((c) => [Number(text(c, RtTag.ReferencedROINumber)), c]));
  const observationByRoi = new Map(items(ds, RtTag.RTROIObservationsSequence).map((o) => [Number(text(o, RtTag.ReferencedROINumber)), o]));
  const rois = roiItems.map((roi): RtRoi => {
    const number = Number(text(roi, RtTag.ROINumber));
    const name = text(roi, RtTag.ROIName) || `ROI ${number}`;
    const contourItem = contourByRoi.get(number);
    const observation = observationByRoi.get(number);
    const contours = contourItem ? items(contourItem, RtTag.ContourSequence).map((c) => readContour(c, source, name)) : [];
    if (contours.length === 0) warnings.push(`ROI ${number} "${name}" has no contours (empty structure)`);
    return {
      number,
      name,
      colour: contourItem ? colourOf(contourItem) : undefined,
      type: observation ? text(observation, RtTag.RTROIInterpretedType) : '',
      interpreter: observation ? text(observation, RtTag.ROIInterpreter) : '',
      generationAlgorithm: text(roi, RtTag.ROIGenerationAlgorithm),
      generationDescription: text(roi, RtTag.ROIGenerationDescription),
      frameOfReferenceUid: text(roi, RtTag.ReferencedFrameOfReferenceUID),
      contours,
    };
  });
  const frameOfReferenceUid = (frames[0] && text(frames[0], RtTag.FrameOfReferenceUID)) || rois.find((r) => r.frameOfReferenceUid)?.frameOfReferenceUid || '';
  return {
    source,
    label: text(ds, RtTag.StructureSetLabel),
    patientId: text(ds, RtTag.PatientID),
    patientName: text(ds, RtTag.PatientName),
    studyInstanceUid: text(ds, RtTag.StudyInstanceUID),
    frameOfReferenceUid,
    referencedSeriesUid: series[0] ? text(series[0], RtTag.SeriesInstanceUID) : '',
    contourImageUids,
    rois,
    warnings,
  };
}

function readContour(c: DataSet, source: string, roiName: string): RtContour {
  const points = decimalStrings(c, RtTag.ContourData);
  if (points.length % 3 !== 0) {
    throw new DelineateError('bad-data', `${source}: a contour of "${roiName}" has ${points.length} coordinates, not a multiple of 3`);
  }
  let bad = -1;
  for (let n = 0; n < points.length && bad < 0; n++) if (!Number.isFinite(points[n]!)) bad = n;
  if (bad >= 0) {
    const written = (c.string(RtTag.ContourData) ?? '').split('\\')[bad];
    throw new DelineateError('bad-data', `${source}: a contour of "${roiName}" has a coordinate "${written}" that is not a number`);
  }
  const image = items(c, RtTag.ContourImageSequence)[0];
  return {
    geometricType: text(c, RtTag.ContourGeometricType) || 'CLOSED_PLANAR',
    points,
    referencedSopInstanceUid: image ? text(image, RtTag.ReferencedSOPInstanceUID) || undefined : undefined,
  };
}

function colourOf(item: DataSet): Rgb | undefined {
  const parts = (item.string(RtTag.ROIDisplayColor) ?? '').split('\\').map(Number);
  return parts.length === 3 && parts.every((v) => Number.isInteger(v) && v >= 0 && v <= 255) ? [parts[0]!, parts[1]!, parts[2]!] : undefined;
}
