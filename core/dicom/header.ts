import dicomParser, { type DataSet } from 'dicom-parser';
import { DelineateError } from '../errors.ts';
import type { Vec3 } from '../geometry/space.ts';
import { Tag, TransferSyntax } from './tags.ts';

/** What one image file tells about itself, read without touching its pixels. */
export interface SliceHeader {
  /** Where the bytes came from (a file path on the main side); used in every message. */
  readonly source: string;
  readonly transferSyntaxUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly modality: string;
  readonly seriesDescription: string;
  readonly instanceNumber: number;
  readonly rows: number;
  readonly columns: number;
  /** LPS mm of the centre of the first transmitted pixel. */
  readonly imagePosition: Vec3 | undefined;
  /** Row direction (towards increasing column index) then column direction, LPS unit vectors. */
  readonly imageOrientation: readonly [Vec3, Vec3] | undefined;
  /** [between rows, between columns] in mm, as DICOM orders PixelSpacing. */
  readonly pixelSpacing: readonly [number, number] | undefined;
  readonly sliceThickness: number | undefined;
  readonly samplesPerPixel: number;
  readonly numberOfFrames: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: 0 | 1;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  readonly windowCenter: number | undefined;
  readonly windowWidth: number | undefined;
}

/**
 * Parses a DICOM file up to (not including) its pixel data. Files without the 128-byte preamble and
 * File Meta (older exports, some RT objects) are read as implicit VR little endian, as PS3.5 A.1 implies.
 */
export function parseDataSet(bytes: Uint8Array, source: string, untilPixels: boolean): DataSet {
  const options = untilPixels ? { untilTag: Tag.PixelData } : {};
  try {
    return dicomParser.parseDicom(bytes, options);
  } catch (first) {
    if (!String(first).includes('DICM')) throw notDicom(source, first);
    try {
      return dicomParser.parseDicom(bytes, { ...options, TransferSyntaxUID: TransferSyntax.ImplicitLittle });
    } catch (second) {
      throw notDicom(source, second);
    }
  }
}

function notDicom(source: string, cause: unknown): DelineateError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DelineateError('bad-data', `${source}: not a readable DICOM file (${reason})`);
}

export function readSliceHeader(bytes: Uint8Array, source: string): SliceHeader {
  const ds = parseDataSet(bytes, source, true);
  const text = (tag: string) => (ds.string(tag) ?? '').trim();
  const num = (tag: string) => {
    const value = ds.floatString(tag);
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };
  const uint16 = (tag: string, fallback: number) => (ds.elements[tag] ? ds.uint16(tag) ?? fallback : fallback);
  const position = numbers(ds, Tag.ImagePositionPatient, 3);
  const orientation = numbers(ds, Tag.ImageOrientationPatient, 6);
  const spacing = numbers(ds, Tag.PixelSpacing, 2);
  return {
    source,
    transferSyntaxUid: text(Tag.TransferSyntaxUID) || TransferSyntax.ImplicitLittle,
    sopClassUid: text(Tag.SOPClassUID),
    sopInstanceUid: text(Tag.SOPInstanceUID),
    studyInstanceUid: text(Tag.StudyInstanceUID),
    seriesInstanceUid: text(Tag.SeriesInstanceUID),
    frameOfReferenceUid: text(Tag.FrameOfReferenceUID),
    patientId: text(Tag.PatientID),
    patientName: text(Tag.PatientName),
    modality: text(Tag.Modality),
    seriesDescription: text(Tag.SeriesDescription),
    instanceNumber: num(Tag.InstanceNumber) ?? 0,
    rows: uint16(Tag.Rows, 0),
    columns: uint16(Tag.Columns, 0),
    imagePosition: position && [position[0]!, position[1]!, position[2]!],
    imageOrientation: orientation && [
      [orientation[0]!, orientation[1]!, orientation[2]!],
      [orientation[3]!, orientation[4]!, orientation[5]!],
    ],
    pixelSpacing: spacing && [spacing[0]!, spacing[1]!],
    sliceThickness: num(Tag.SliceThickness),
    samplesPerPixel: uint16(Tag.SamplesPerPixel, 1),
    numberOfFrames: num(Tag.NumberOfFrames) ?? 1,
    bitsAllocated: uint16(Tag.BitsAllocated, 0),
    bitsStored: uint16(Tag.BitsStored, uint16(Tag.BitsAllocated, 0)),
    pixelRepresentation: uint16(Tag.PixelRepresentation, 0) === 1 ? 1 : 0,
    rescaleSlope: num(Tag.RescaleSlope) ?? 1,
    rescaleIntercept: num(Tag.RescaleIntercept) ?? 0,
    windowCenter: num(Tag.WindowCenter),
    windowWidth: num(Tag.WindowWidth),
  };
}

/** A multi-valued decimal string, or undefined when absent, short or not numeric. */
function numbers(ds: DataSet, tag: string, count: number): number[] | undefined {
  const raw = ds.string(tag);
  if (!raw) return undefined;
  const values = raw.split('\\').map((part) => Number.parseFloat(part));
  if (values.length < count || values.slice(0, count).some((v) => !Number.isFinite(v))) return undefined;
  return values.slice(0, count);
}

export function hasImagePixels(header: SliceHeader): boolean {
  return header.rows > 0 && header.columns > 0 && header.bitsAllocated > 0;
}
