import dicomParser, { type DataSet } from 'dicom-parser';
import { DelineateError } from '../errors.ts';
import type { Vec3 } from '../geometry/space.ts';
import { inflateDeflatedDataset } from './codecs/deflate.ts';
import { decodedText, registerCharacterSet } from './charset.ts';
import { Tag, TransferSyntax } from './tags.ts';

/** Where a file's pixel data lies: byte offset and length within the file (length is undefined when encapsulated). */
export interface PixelDataLocation {
  readonly offset: number;
  readonly length: number | undefined;
  readonly encapsulated: boolean;
}

/** What one image frame tells about itself, read without touching its pixels. */
export interface SliceHeader {
  /** Where the bytes came from (a file path on the main side); used in every message. */
  readonly source: string;
  /** 0 for single-frame files; the frame's index in a multi-frame file. */
  readonly frameIndex: number;
  readonly numberOfFrames: number;
  readonly transferSyntaxUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly studyDate: string;
  readonly studyDescription: string;
  readonly modality: string;
  readonly seriesDescription: string;
  readonly instanceNumber: number;
  readonly acquisitionNumber: number | undefined;
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
  readonly photometricInterpretation: string;
  readonly planarConfiguration: 0 | 1;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: 0 | 1;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  /** Stored value marking pixels outside the scanned field (CT), if the file declares one. */
  readonly pixelPaddingValue: number | undefined;
  readonly windowCenter: number | undefined;
  readonly windowWidth: number | undefined;
  readonly pixelData: PixelDataLocation | undefined;
}

/**
 * Parses a DICOM file, up to its pixel data when `untilPixels`. Files without the 128-byte preamble and
 * File Meta (older exports, some RT objects) are read as implicit VR little endian, as PS3.5 A.1 implies.
 * Deflated datasets (1.2.840.10008.1.2.1.99) are inflated: the returned dataset's byteArray is then the
 * inflated file, and element offsets refer to it.
 */
export function parseDataSet(bytes: Uint8Array, source: string, untilPixels: boolean): DataSet {
  const options = { ...(untilPixels ? { untilTag: Tag.PixelData } : {}), inflater: inflateDeflatedDataset };
  let parsed: DataSet;
  try {
    parsed = dicomParser.parseDicom(bytes, options);
  } catch (first) {
    if (!String(first).includes('DICM')) throw notDicom(source, first);
    let fallback: DataSet;
    try {
      fallback = dicomParser.parseDicom(bytes, { ...options, TransferSyntaxUID: TransferSyntax.ImplicitLittle });
    } catch (second) {
      throw notDicom(source, second);
    }
    // Any bytes parse as *something* implicit: insist on the attributes every DICOM object carries.
    if (!fallback.elements[Tag.SOPClassUID] && !fallback.elements[Tag.Modality] && !fallback.elements[Tag.SOPInstanceUID]) {
      throw notDicom(source, new Error('no DICM preamble and no DICOM attributes'));
    }
    parsed = fallback;
  }
  registerCharacterSet(parsed);
  const overrun = elementPastEnd(parsed, untilPixels ? Tag.PixelData : undefined);
  if (overrun) throw notDicom(source, new Error(`element (${overrun.slice(1, 5).toUpperCase()},${overrun.slice(5).toUpperCase()}) runs past the end of the file: it is truncated`));
  return parsed;
}

/**
 * The first element (nested ones included) whose value runs past the end of the bytes: dicom-parser reads
 * a length and skips ahead without checking, and its value readers later throw plain strings.
 * `unread` is the element parsing stopped at, whose value was not read.
 */
function elementPastEnd(ds: DataSet, unread: string | undefined): string | undefined {
  const end = ds.byteArray.length;
  for (const element of Object.values(ds.elements)) {
    if (element.tag === unread) continue;
    if (element.dataOffset + element.length > end) return element.tag;
    for (const item of element.items ?? []) {
      const inner = item.dataSet && elementPastEnd(item.dataSet, undefined);
      if (inner) return inner;
    }
  }
  return undefined;
}

function notDicom(source: string, cause: unknown): DelineateError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DelineateError('bad-data', `${source}: not a readable DICOM file (${reason})`);
}

/** Plain attribute readers over a dataset; absent or malformed values read as undefined. */
export function attributeReader(ds: DataSet) {
  const text = (tag: string) => decodedText(ds, tag);
  const num = (tag: string) => {
    const value = ds.floatString(tag);
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };
  const uint16 = (tag: string) => (ds.elements[tag] && ds.elements[tag]!.length >= 2 ? ds.uint16(tag) : undefined);
  return { text, num, uint16, numbers: (tag: string, count: number) => numbers(ds, tag, count) };
}

/** A multi-valued decimal string, or undefined when absent, short or not numeric. */
function numbers(ds: DataSet, tag: string, count: number): number[] | undefined {
  const raw = ds.string(tag);
  if (!raw) return undefined;
  const values = raw.split('\\').map((part) => Number.parseFloat(part));
  if (values.length < count || values.slice(0, count).some((v) => !Number.isFinite(v))) return undefined;
  return values.slice(0, count);
}

export function toVec3(values: number[] | undefined): Vec3 | undefined {
  return values && [values[0]!, values[1]!, values[2]!];
}

export function toOrientation(values: number[] | undefined): readonly [Vec3, Vec3] | undefined {
  return values && [
    [values[0]!, values[1]!, values[2]!],
    [values[3]!, values[4]!, values[5]!],
  ];
}

/** The header of a single-frame image, or of frame 0 of a multi-frame one (see multiframe.ts for the rest). */
export function sliceHeaderOf(ds: DataSet, source: string): SliceHeader {
  const { text, num, uint16, numbers: nums } = attributeReader(ds);
  const pixelRepresentation = uint16(Tag.PixelRepresentation) === 1 ? 1 : 0;
  const bitsAllocated = uint16(Tag.BitsAllocated) ?? 0;
  const spacing = nums(Tag.PixelSpacing, 2);
  const pixels = ds.elements[Tag.PixelData];
  const padding = ds.elements[Tag.PixelPaddingValue];
  return {
    source,
    frameIndex: 0,
    numberOfFrames: num(Tag.NumberOfFrames) ?? 1,
    transferSyntaxUid: text(Tag.TransferSyntaxUID) || TransferSyntax.ImplicitLittle,
    sopClassUid: text(Tag.SOPClassUID),
    sopInstanceUid: text(Tag.SOPInstanceUID),
    studyInstanceUid: text(Tag.StudyInstanceUID),
    seriesInstanceUid: text(Tag.SeriesInstanceUID),
    frameOfReferenceUid: text(Tag.FrameOfReferenceUID),
    patientId: text(Tag.PatientID),
    patientName: text(Tag.PatientName),
    studyDate: text(Tag.StudyDate),
    studyDescription: text(Tag.StudyDescription),
    modality: text(Tag.Modality),
    seriesDescription: text(Tag.SeriesDescription),
    instanceNumber: num(Tag.InstanceNumber) ?? 0,
    acquisitionNumber: num(Tag.AcquisitionNumber),
    rows: uint16(Tag.Rows) ?? 0,
    columns: uint16(Tag.Columns) ?? 0,
    imagePosition: toVec3(nums(Tag.ImagePositionPatient, 3)),
    imageOrientation: toOrientation(nums(Tag.ImageOrientationPatient, 6)),
    pixelSpacing: spacing && [spacing[0]!, spacing[1]!],
    sliceThickness: num(Tag.SliceThickness),
    samplesPerPixel: uint16(Tag.SamplesPerPixel) ?? 1,
    photometricInterpretation: text(Tag.PhotometricInterpretation) || 'MONOCHROME2',
    planarConfiguration: uint16(Tag.PlanarConfiguration) === 1 ? 1 : 0,
    bitsAllocated,
    bitsStored: uint16(Tag.BitsStored) ?? bitsAllocated,
    pixelRepresentation,
    rescaleSlope: num(Tag.RescaleSlope) ?? 1,
    rescaleIntercept: num(Tag.RescaleIntercept) ?? 0,
    pixelPaddingValue: padding && padding.length >= 2 ? (pixelRepresentation ? ds.int16(Tag.PixelPaddingValue) : ds.uint16(Tag.PixelPaddingValue)) : undefined,
    windowCenter: num(Tag.WindowCenter),
    windowWidth: num(Tag.WindowWidth),
    pixelData: pixels && {
      offset: pixels.dataOffset,
      length: pixels.length === 0xffffffff ? undefined : pixels.length,
      encapsulated: pixels.length === 0xffffffff || !!pixels.encapsulatedPixelData,
    },
  };
}

export function hasImagePixels(header: SliceHeader): boolean {
  return header.rows > 0 && header.columns > 0 && header.bitsAllocated > 0 && header.pixelData !== undefined;
}
