import { describe, expect, it } from 'vitest';
import type { FrameInfo } from './frame-info.ts';
import { decodeRle } from './rle.ts';

const info = (overrides: Partial<FrameInfo>): FrameInfo => ({
  source: 'rle.dcm',
  rows: 2,
  columns: 3,
  bitsAllocated: 16,
  bitsStored: 16,
  pixelRepresentation: 1,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  ...overrides,
});

/** A frame: the 64-byte header (segment count, offsets) then the PackBits segments. */
function rleFrame(segments: number[][]): Uint8Array {
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, n) => {
    header.setUint32(4 + 4 * n, offset, true);
    offset += segment.length;
  });
  return new Uint8Array([...new Uint8Array(header.buffer), ...segments.flat()]);
}

describe('decodeRle', () => {
  it('joins the high-byte and low-byte segments of signed 16-bit samples', () => {
    // Values -2 (0xFFFE), 1, 1, 1, 256, 300 (0x012C), as 2x3 pixels.
    const high = [0x00, 0xff, -2 & 0xff, 0x00, 0x01, 0x01, 0x01]; // literal FF, run of 3 zeros, literal 01 01
    const low = [0x05, 0xfe, 0x01, 0x01, 0x01, 0x00, 0x2c]; // literal of 6
    const pixels = decodeRle(rleFrame([high, low]), info({}));
    expect(pixels).toBeInstanceOf(Int16Array);
    expect(Array.from(pixels)).toEqual([-2, 1, 1, 1, 256, 300]);
  });

  it('interleaves one segment per colour sample and skips the -128 no-op', () => {
    const red = [0x80, -6 & 0xff, 10]; // no-op, then 10 repeated 7 times (only 6 used)
    const green = [-5 & 0xff, 20];
    const blue = [0x05, 1, 2, 3, 4, 5, 6];
    const pixels = decodeRle(rleFrame([red, green, blue]), info({ bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, samplesPerPixel: 3, photometricInterpretation: 'RGB' }));
    expect(Array.from(pixels.subarray(0, 6))).toEqual([10, 20, 1, 10, 20, 2]);
    expect(pixels[17]).toBe(6);
  });

  it('refuses a frame whose segment count does not fit the pixel format', () => {
    expect(() => decodeRle(rleFrame([[0x00, 0x01]]), info({}))).toThrow('rle.dcm: RLE frame has 1 segments, expected 2');
  });

  it('refuses a segment that ends early', () => {
    expect(() => decodeRle(rleFrame([[0x01, 1, 2], [0x01, 1, 2]]), info({}))).toThrow(/segment decodes to 2 bytes, expected 6/);
  });
});
