import { DelineateError } from '../../errors.ts';
import type { StoredPixels } from '../pixels.ts';
import { expandYbr422, interleavePlanes } from './color.ts';
import { sampleCount, viewStored, type FrameInfo } from './frame-info.ts';

/**
 * Native (uncompressed) pixel data of one frame, little or big endian. The bytes are copied once into
 * an owned, aligned buffer: the input is usually a view into the whole file at any offset.
 */
export function decodeNative(bytes: Uint8Array, info: FrameInfo, bigEndian: boolean): StoredPixels {
  if (info.bitsAllocated !== 8 && info.bitsAllocated !== 16) {
    throw new DelineateError('unsupported', `${info.source}: ${info.bitsAllocated} bits allocated per sample is not supported`);
  }
  const bytesPerSample = info.bitsAllocated / 8;
  const packed422 = info.photometricInterpretation === 'YBR_FULL_422' && info.samplesPerPixel === 3;
  // YBR_FULL_422 keeps one Cb and one Cr per two pixels: 2 samples per pixel on the wire.
  const samples = packed422 ? info.rows * info.columns * 2 : sampleCount(info);
  const length = samples * bytesPerSample;
  if (bytes.length < length) {
    throw new DelineateError(
      'bad-data',
      `${info.source}: pixel data is truncated (${bytes.length} bytes for ${info.columns}x${info.rows}x${info.samplesPerPixel} samples of ${info.bitsAllocated} bits)`,
    );
  }
  const owned = bytes.slice(0, length);
  if (bigEndian && bytesPerSample === 2) swapBytes16(owned);
  let pixels = viewStored(info, owned.buffer);
  if (packed422) return expandYbr422(pixels, info);
  if (info.samplesPerPixel > 1 && info.planarConfiguration === 1) pixels = interleavePlanes(pixels, info.samplesPerPixel);
  return pixels;
}

function swapBytes16(bytes: Uint8Array): void {
  for (let n = 0; n + 1 < bytes.length; n += 2) {
    const low = bytes[n]!;
    bytes[n] = bytes[n + 1]!;
    bytes[n + 1] = low;
  }
}
