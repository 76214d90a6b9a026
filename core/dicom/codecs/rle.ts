import { DelineateError } from '../../errors.ts';
import type { StoredPixels } from '../pixels.ts';
import { sampleCount, viewStored, type FrameInfo } from './frame-info.ts';

/**
 * RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (segment count, then up to 15 segment
 * offsets, uint32 LE) and one PackBits segment per byte plane: for each sample, most significant byte
 * first. Decoded straight into the little-endian, pixel-interleaved output.
 */
export function decodeRle(frame: Uint8Array, info: FrameInfo): StoredPixels {
  const bytesPerSample = info.bitsAllocated / 8;
  if (bytesPerSample !== 1 && bytesPerSample !== 2) {
    throw new DelineateError('unsupported', `${info.source}: RLE with ${info.bitsAllocated} bits allocated is not supported`);
  }
  if (frame.length < 64) throw new DelineateError('bad-data', `${info.source}: RLE frame is shorter than its 64-byte header`);
  const header = new DataView(frame.buffer, frame.byteOffset, 64);
  const segmentCount = header.getUint32(0, true);
  const expected = info.samplesPerPixel * bytesPerSample;
  if (segmentCount !== expected) {
    throw new DelineateError('bad-data', `${info.source}: RLE frame has ${segmentCount} segments, expected ${expected}`);
  }
  const pixelCount = info.rows * info.columns;
  const out = new Uint8Array(sampleCount(info) * bytesPerSample);
  const pixelStride = expected; // bytes per pixel in the output
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = header.getUint32(4 + 4 * segment, true);
    const end = segment + 1 < segmentCount ? header.getUint32(8 + 4 * segment, true) : frame.length;
    const sample = Math.floor(segment / bytesPerSample);
    // Segment order is most significant byte first; the output is little endian.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const firstByte = sample * bytesPerSample + byteInSample;
    unpackSegment(frame, start, Math.min(end, frame.length), out, firstByte, pixelStride, pixelCount, info.source);
  }
  return viewStored(info, out.buffer);
}

/** PackBits: n in 0..127 copies n+1 literal bytes, n in -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
function unpackSegment(
  input: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  firstByte: number,
  stride: number,
  pixelCount: number,
  source: string,
): void {
  let i = start;
  let written = 0;
  let o = firstByte;
  while (i < end && written < pixelCount) {
    const n = (input[i++]! << 24) >> 24;
    if (n >= 0) {
      const count = Math.min(n + 1, pixelCount - written, end - i);
      for (let k = 0; k < count; k++, o += stride) out[o] = input[i++]!;
      written += count;
    } else if (n !== -128) {
      const value = input[i++]!;
      const count = Math.min(1 - n, pixelCount - written);
      for (let k = 0; k < count; k++, o += stride) out[o] = value;
      written += count;
    }
  }
  if (written < pixelCount) {
    throw new DelineateError('bad-data', `${source}: RLE segment decodes to ${written} bytes, expected ${pixelCount}`);
  }
}
