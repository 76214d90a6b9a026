import { describe, expect, it } from 'vitest';
import { boundingBox, patchFromMask } from '../mask/patch.ts';
import { SparseMask } from './sparse-mask.ts';

const dims = [7, 5, 4] as const;

/** A seeded pseudo-random 0/1 grid with some empty slices and a speckled one (which forces bit planes). */
function grid(seed: number): Uint8Array {
  const voxels = new Uint8Array(7 * 5 * 4);
  let state = seed;
  for (let n = 0; n < voxels.length; n++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const k = Math.floor(n / 35);
    if (k === 1) continue; // an empty slice
    voxels[n] = k === 3 ? n % 2 : state % 3 === 0 ? 1 : 0;
  }
  return voxels;
}

const at = (v: Uint8Array, i: number, j: number, k: number) => v[i + j * 7 + k * 35]!;

describe('sparse structure mask', () => {
  it('reads axial, coronal and sagittal slices equal to the dense grid', () => {
    const dense = grid(7);
    const mask = SparseMask.fromDense(dense, dims);
    for (let k = 0; k < 4; k++) {
      const slice = mask.readSlice('k', k);
      for (let j = 0; j < 5; j++) for (let i = 0; i < 7; i++) expect(slice[i + j * 7]).toBe(at(dense, i, j, k));
    }
    for (let j = 0; j < 5; j++) {
      const slice = mask.readSlice('j', j);
      for (let k = 0; k < 4; k++) for (let i = 0; i < 7; i++) expect(slice[i + k * 7]).toBe(at(dense, i, j, k));
    }
    for (let i = 0; i < 7; i++) {
      const slice = mask.readSlice('i', i);
      for (let k = 0; k < 4; k++) for (let j = 0; j < 5; j++) expect(slice[j + k * 5]).toBe(at(dense, i, j, k));
    }
    expect(Array.from(mask.toMask({ dims, spacing: [1, 1, 1], origin: [0, 0, 0] as never, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }).voxels)).toEqual(Array.from(dense));
  });

  it('reads every axis right from edge-encoded slices too (blobs on a wider grid)', () => {
    const d = [40, 30, 5] as const;
    const dense = new Uint8Array(40 * 30 * 5);
    // A disc per slice, moving and growing, plus one run that wraps from a row's end into the next row.
    for (let k = 0; k < 5; k++) {
      for (let j = 0; j < 30; j++) for (let i = 0; i < 40; i++) if ((i - 12 - 3 * k) ** 2 + (j - 14) ** 2 <= (4 + k) ** 2) dense[i + j * 40 + k * 1200] = 1;
    }
    dense.fill(1, 2 * 1200 + 25 * 40 + 35, 2 * 1200 + 26 * 40 + 3);
    const mask = SparseMask.fromDense(dense, d);
    expect(mask.encodedSlices().every((slice) => slice instanceof Uint32Array)).toBe(true);
    const value = (i: number, j: number, k: number) => dense[i + j * 40 + k * 1200];
    for (let k = 0; k < 5; k++) {
      const slice = mask.readSlice('k', k);
      for (let j = 0; j < 30; j++) for (let i = 0; i < 40; i++) expect(slice[i + j * 40]).toBe(value(i, j, k));
    }
    for (let j = 0; j < 30; j++) {
      const slice = mask.readSlice('j', j);
      for (let k = 0; k < 5; k++) for (let i = 0; i < 40; i++) expect(slice[i + k * 40]).toBe(value(i, j, k));
    }
    for (let i = 0; i < 40; i++) {
      const slice = mask.readSlice('i', i);
      for (let k = 0; k < 5; k++) for (let j = 0; j < 30; j++) expect(slice[j + k * 30]).toBe(value(i, j, k));
    }
    const box = { lo: [3, 7, 1], hi: [39, 29, 4] } as const;
    const inBox = mask.readBox(box);
    let n = 0;
    for (let k = 1; k < 4; k++) for (let j = 7; j < 29; j++) for (let i = 3; i < 39; i++) expect(inBox[n++]).toBe(value(i, j, k));
  });

  it('keeps empty slices free, speckle as a bit plane and outlines as edges', () => {
    const mask = SparseMask.fromDense(grid(3), dims);
    const slices = mask.encodedSlices();
    expect(slices[1]).toBeNull();
    expect(slices[3]).toBeInstanceOf(Uint8Array); // alternating voxels: 35 edges would cost more than 5 bytes
    expect(slices[3]!.byteLength).toBe(5);
    // On a 64x64 slice one run costs 8 bytes of edges against 512 of bits.
    const solid = new Uint8Array(64 * 64 * 2);
    solid.fill(1, 4096 + 8, 4096 + 20);
    const edges = SparseMask.fromDense(solid, [64, 64, 2]).encodedSlices()[1];
    expect(edges).toBeInstanceOf(Uint32Array);
    expect(Array.from(edges!)).toEqual([8, 20]);
  });

  it('gives the whole mask as one patch over its bounds, for edge and bit-plane slices alike', () => {
    for (const seed of [3, 7, 11]) {
      const dense = grid(seed);
      const mask = SparseMask.fromDense(dense, dims);
      const box = boundingBox(dense, dims)!;
      expect(mask.bounds()).toEqual(box);
      expect(mask.toPatch()).toEqual(patchFromMask(dense, dims, box));
    }
    // One run across a row boundary on a big slice (edges): i spans the whole row.
    const wide = new Uint8Array(64 * 64 * 3);
    wide.fill(1, 4096 + 64 * 5 + 60, 4096 + 64 * 6 + 2);
    expect(SparseMask.fromDense(wide, [64, 64, 3]).bounds()).toEqual({ lo: [0, 5, 1], hi: [64, 7, 2] });
    expect(new SparseMask(dims).toPatch()).toBeNull();
  });

  it('writes a box and reads it back, leaving the rest untouched', () => {
    const dense = grid(11);
    const mask = SparseMask.fromDense(dense, dims);
    const box = { lo: [2, 1, 1], hi: [6, 4, 3] } as const;
    const values = new Uint8Array(4 * 3 * 2).map((_, n) => (n % 3 === 0 ? 1 : 0));
    mask.writeBox(box, values);
    expect(Array.from(mask.readBox(box))).toEqual(Array.from(values));
    let n = 0;
    for (let k = 1; k < 3; k++) for (let j = 1; j < 4; j++) for (let i = 2; i < 6; i++) dense[i + j * 7 + k * 35] = values[n++]!;
    expect(Array.from(mask.toMask({ dims, spacing: [1, 1, 1], origin: [0, 0, 0] as never, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }).voxels)).toEqual(Array.from(dense));
    expect(mask.voxelCount()).toBe(dense.reduce((a, b) => a + b, 0));
    expect(() => mask.writeBox({ lo: [0, 0, 0], hi: [8, 1, 1] }, new Uint8Array(8))).toThrow(/outside the 7x5x4 grid/);
    expect(() => mask.readSlice('j', 5)).toThrow(/j=5 is outside 0..4/);
  });
});
