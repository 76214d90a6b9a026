import { describe, expect, it } from 'vitest';
import { encodeGreyBmp, thumbnailPixels } from './thumbnail.ts';

describe('thumbnailPixels', () => {
  it('box-averages and windows', () => {
    // 4x2 plane: left half -1000 HU (air), right half +1000 (bone); window 0 +/- 1000.
    const plane = [-1000, -1000, 1000, 1000, -1000, -1000, 1000, 1000];
    const { width, height, pixels } = thumbnailPixels(plane, 4, 2, { center: 0, width: 2000 }, 2);
    expect([width, height]).toEqual([2, 1]);
    expect([...pixels]).toEqual([0, 255]);
  });
});

describe('encodeGreyBmp', () => {
  it('writes a top-down 8-bit BMP with padded rows', () => {
    const bmp = encodeGreyBmp(3, 2, Uint8Array.from([1, 2, 3, 4, 5, 6]));
    const view = new DataView(bmp.buffer);
    expect(String.fromCharCode(bmp[0]!, bmp[1]!)).toBe('BM');
    expect(view.getInt32(22, true)).toBe(-2);
    const data = view.getUint32(10, true);
    expect([...bmp.subarray(data, data + 8)]).toEqual([1, 2, 3, 0, 4, 5, 6, 0]);
    expect(bmp.length).toBe(data + 8);
  });
});
