import { DelineateError } from '../../errors.ts';
import type { StoredPixels } from '../pixels.ts';

/** What a decoder needs to know about one frame, taken from the dataset (not from the codestream). */
export interface FrameInfo {
  /** Where the bytes came from (a file path on the main side); used in every message. */
  readonly source: string;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: 0 | 1;
  readonly samplesPerPixel: number;
  readonly photometricInterpretation: string;
  /** 0: samples interleaved per pixel (R G B R G B); 1: one plane per sample. Only meaningful for colour. */
  readonly planarConfiguration: 0 | 1;
}

/** Number of samples in one frame: rows x columns x samples per pixel. */
export function sampleCount(info: FrameInfo): number {
  return info.rows * info.columns * info.samplesPerPixel;
}

/** An empty typed array of the type the frame's stored values need (8 or 16 bits, signed or not). */
export function allocateStored(info: FrameInfo, count = sampleCount(info)): StoredPixels {
  const signed = info.pixelRepresentation === 1;
  if (info.bitsAllocated === 8) return signed ? new Int8Array(count) : new Uint8Array(count);
  if (info.bitsAllocated === 16) return signed ? new Int16Array(count) : new Uint16Array(count);
  throw new DelineateError('unsupported', `${info.source}: ${info.bitsAllocated} bits allocated per sample is not supported`);
}

/** Views little-endian sample bytes (an owned, aligned buffer) as the frame's typed array. */
export function viewStored(info: FrameInfo, buffer: ArrayBuffer): StoredPixels {
  const signed = info.pixelRepresentation === 1;
  if (info.bitsAllocated === 8) return signed ? new Int8Array(buffer) : new Uint8Array(buffer);
  if (info.bitsAllocated === 16) return signed ? new Int16Array(buffer) : new Uint16Array(buffer);
  throw new DelineateError('unsupported', `${info.source}: ${info.bitsAllocated} bits allocated per sample is not supported`);
}

/**
 * Keeps only the BitsStored low bits of each value, sign-extended when signed. Native data may carry
 * overlay bits above them, and codecs hand back signed samples as unsigned bit patterns.
 */
export function normaliseToBitsStored(pixels: StoredPixels, info: FrameInfo): StoredPixels {
  const bits = info.bitsStored;
  if (bits <= 0 || bits >= info.bitsAllocated) return pixels;
  const mask = (1 << bits) - 1;
  const signBit = 1 << (bits - 1);
  const signed = info.pixelRepresentation === 1;
  for (let i = 0; i < pixels.length; i++) {
    const value = pixels[i]! & mask;
    pixels[i] = signed && value & signBit ? value - (1 << bits) : value;
  }
  return pixels;
}

/** Refuses a decoded size that disagrees with the dataset, rather than returning a sheared image. */
export function checkDecodedSize(info: FrameInfo, width: number, height: number, components: number, codec: string): void {
  if (width !== info.columns || height !== info.rows || components !== info.samplesPerPixel) {
    throw new DelineateError(
      'bad-data',
      `${info.source}: ${codec} frame is ${width}x${height}x${components} but the dataset says ` +
        `${info.columns}x${info.rows}x${info.samplesPerPixel}`,
    );
  }
}
