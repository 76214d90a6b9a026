import { describe, expect, it } from 'vitest';
import { applyPatch, boundingBox, decodeRuns, encodeRuns, overlayPatch, patchFromMask } from './patch.ts';

describe('mask patches', () => {
  it('run-length encodes starting with zeros and decodes back', () => {
    const bits = Uint8Array.from([1, 1, 0, 0, 0, 1, 0]);
    expect(encodeRuns(bits)).toEqual([0, 2, 3, 1, 1]);
    expect(Array.from(decodeRuns([0, 2, 3, 1, 1], 7))).toEqual(Array.from(bits));
  });

  it('refuses runs that do not cover the box exactly', () => {
    expect(() => decodeRuns([3, 5], 7, 'upload')).toThrow(/upload: run 1/);
    expect(() => decodeRuns([3], 7, 'upload')).toThrow(/cover 3 of 7/);
  });

  it('round-trips a bounding-box patch into another mask', () => {
    const dims = [4, 3, 2] as const;
    const voxels = new Uint8Array(24);
    voxels[1 + 1 * 4 + 1 * 12] = 1;
    voxels[2 + 2 * 4 + 1 * 12] = 1;
    const box = boundingBox(voxels, dims)!;
    expect(box).toEqual({ lo: [1, 1, 1], hi: [3, 3, 2] });
    const copy = new Uint8Array(24);
    applyPatch(copy, dims, patchFromMask(voxels, dims, box));
    expect(Array.from(copy)).toEqual(Array.from(voxels));
    expect(boundingBox(new Uint8Array(24), dims)).toBeNull();
    expect(() => applyPatch(copy, dims, { box: { lo: [0, 0, 0], hi: [5, 1, 1] }, runs: [5] })).toThrow(/outside/);
  });

  it('overlays one patch on another over the union of their boxes, the top one winning where they meet', () => {
    const dims = [4, 3, 2] as const;
    const base = { box: { lo: [0, 0, 0], hi: [2, 1, 1] }, runs: [0, 2] } as const;
    const top = { box: { lo: [1, 0, 0], hi: [4, 2, 1] }, runs: [2, 1, 3] } as const;
    const merged = overlayPatch(base, top);
    expect(merged.box).toEqual({ lo: [0, 0, 0], hi: [4, 2, 1] });
    const voxels = new Uint8Array(24);
    applyPatch(voxels, dims, merged);
    // Row j=0: base sets i 0-1, top clears i 1-2 and sets i 3; row j=1 stays empty.
    expect(Array.from(voxels.subarray(0, 8))).toEqual([1, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('finds the same bounding box as a voxel-by-voxel scan, aligned or not', () => {
    const dims = [13, 5, 7] as const;
    let state = 3;
    for (let trial = 0; trial < 50; trial++) {
      const backing = new Uint8Array(13 * 5 * 7 + 1);
      const voxels = backing.subarray(trial % 2); // odd trials: not 4-byte aligned
      for (let set = 0; set < trial % 5; set++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        voxels[state % voxels.length] = 1;
      }
      const lo = [99, 99, 99];
      const hi = [-1, -1, -1];
      voxels.forEach((v, n) => {
        if (!v) return;
        const at = [n % 13, Math.floor(n / 13) % 5, Math.floor(n / 65)];
        for (let a = 0; a < 3; a++) [lo[a], hi[a]] = [Math.min(lo[a]!, at[a]!), Math.max(hi[a]!, at[a]! + 1)];
      });
      expect(boundingBox(voxels, dims)).toEqual(hi[0]! < 0 ? null : { lo, hi });
    }
  });
});
