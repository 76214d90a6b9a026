import type { DataSet } from 'dicom-parser';
import { DelineateError } from '../../errors.ts';
import { encapsulatedFrame } from './encapsulated.ts';
import type { FrameInfo } from './frame-info.ts';
import { Tag } from '../tags.ts';

const { PixelData, PhotometricInterpretation, PlanarConfiguration, Rows, Columns, BitsAllocated, BitsStored, PixelRepresentation, SamplesPerPixel, NumberOfFrames } = Tag;

/** The FrameInfo of a parsed dataset (Image Pixel module, PS3.3 C.7.6.3), with DICOM's defaults for absent values. */
export function frameInfoOf(ds: DataSet, source: string): FrameInfo {
  const uint16 = (tag: string, fallback: number) => (ds.elements[tag] ? (ds.uint16(tag) ?? fallback) : fallback);
  const bitsAllocated = uint16(BitsAllocated, 0);
  return {
    source,
    rows: uint16(Rows, 0),
    columns: uint16(Columns, 0),
    bitsAllocated,
    bitsStored: uint16(BitsStored, bitsAllocated),
    pixelRepresentation: uint16(PixelRepresentation, 0) === 1 ? 1 : 0,
    samplesPerPixel: uint16(SamplesPerPixel, 1),
    photometricInterpretation: (ds.string(PhotometricInterpretation) ?? 'MONOCHROME2').trim(),
    planarConfiguration: uint16(PlanarConfiguration, 0) === 1 ? 1 : 0,
  };
}

/**
 * The encoded bytes of frame `frameIndex` (0-based) of a file parsed with its pixel data: a view of the
 * native frame, or the frame's fragments for an encapsulated syntax.
 */
export function frameBytes(file: Uint8Array, ds: DataSet, info: FrameInfo, frameIndex: number): Uint8Array {
  const element = ds.elements[PixelData];
  if (!element) throw new DelineateError('bad-data', `${info.source}: the file has no pixel data`);
  const frames = Math.max(1, ds.intString(NumberOfFrames) ?? 1);
  if (element.encapsulatedPixelData) return encapsulatedFrame(file, element, frameIndex, frames, info.source);
  if (frameIndex < 0 || frameIndex >= frames) {
    throw new DelineateError('invalid-input', `${info.source}: frame ${frameIndex} asked for, the file has ${frames}`);
  }
  // Native YBR_FULL_422 carries 2 samples per pixel on the wire.
  const wireSamples = info.photometricInterpretation === 'YBR_FULL_422' ? 2 : info.samplesPerPixel;
  const frameLength = (info.rows * info.columns * wireSamples * info.bitsAllocated) / 8;
  const start = element.dataOffset + frameIndex * frameLength;
  if (!Number.isInteger(frameLength) || start + frameLength > element.dataOffset + element.length) {
    throw new DelineateError('bad-data', `${info.source}: pixel data is too short for frame ${frameIndex} (${element.length} bytes)`);
  }
  return file.subarray(start, start + frameLength);
}
