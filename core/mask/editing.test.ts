import { describe, expect, it } from 'vitest';
import { ijk, lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { brushBox, stampBrush } from './brush.ts';
import { interpolateSlices } from './interpolate.ts';
import { countVoxels, emptyMask, type Mask } from './mask.ts';
import { cutWithPolygon } from './scissors.ts';
import { copySlice, readSlice, writeSlice } from './slice.ts';
import { closeMask, openMask, smoothGaussian } from './smooth.ts';

const geometry = (dims: [number, number, number], spacing: [number, number, number] = [1, 1, 1]): VolumeGeometry => ({
  dims,
  spacing,
  origin: lps(0, 0, 0),
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
});
const at = (m: Mask, i: number, j: number, k: number): number => m.voxels[i + j * m.dims[0] + k * m.dims[0] * m.dims[1]]!;
const count = (m: Mask, k: number): number => readSlice(m, 2, k).voxels.reduce((s, v) => s + v, 0);

describe('slices along any axis', () => {
  it('reads, writes and copies a slice of each orientation with its world position', () => {
    const mask = emptyMask(geometry([3, 4, 5], [1, 2, 3]));
    mask.voxels[2 + 1 * 3 + 4 * 12] = 1;
    const sagittal = readSlice(mask, 0, 2);
    expect(sagittal.dims).toEqual([1, 4, 5]);
    expect(sagittal.origin).toEqual([2, 0, 0]);
    expect(sagittal.voxels[1 + 4 * 4]).toBe(1);
    expect(copySlice(mask, 1, 1, 2)).toEqual({ lo: [0, 2, 0], hi: [3, 3, 5] });
    expect(at(mask, 2, 2, 4)).toBe(1);
    writeSlice(mask, 2, 4, new Uint8Array(12));
    expect(countVoxels(mask)).toBe(0);
    expect(() => readSlice(mask, 2, 5)).toThrow(/outside the 3x4x5 grid/);
  });
});

describe('brush and eraser', () => {
  it('stamps a disc in mm on an anisotropic slice and a sphere in 3D, returning the box', () => {
    const mask = emptyMask(geometry([11, 11, 5], [0.5, 1, 2]));
    const box = stampBrush(mask, { centre: ijk(5, 5, 2), radiusMm: 2, plane: 2 });
    expect(box).toEqual({ lo: [1, 3, 2], hi: [10, 8, 3] });
    expect(at(mask, 1, 5, 2) && at(mask, 9, 5, 2) && at(mask, 5, 3, 2)).toBe(1);
    expect(at(mask, 1, 4, 2)).toBe(0); // (2 mm, 1 mm) from the centre: outside 2 mm
    expect(countVoxels(mask)).toBe(count(mask, 2));
    stampBrush(mask, { centre: ijk(5, 5, 2), radiusMm: 2 });
    expect(at(mask, 5, 5, 1) && at(mask, 5, 5, 3)).toBe(1);
    stampBrush(mask, { centre: ijk(5, 5, 2), radiusMm: 10, value: 0 });
    expect(countVoxels(mask)).toBe(0);
    expect(brushBox(mask, { centre: ijk(50, 5, 2), radiusMm: 1 })).toBeNull();
  });

  it('paints only within an HU range and always the voxel under a tiny brush', () => {
    const g = geometry([5, 5, 1]);
    const scalars = new Int16Array(25).fill(-1000);
    scalars[12] = 40;
    scalars[13] = 40;
    const mask = emptyMask(g);
    stampBrush(mask, { centre: ijk(2, 2, 0), radiusMm: 5, plane: 2, huRange: { volume: { ...g, scalars }, min: 0, max: 100 } });
    expect(countVoxels(mask)).toBe(2);
    const tiny = emptyMask(g);
    stampBrush(tiny, { centre: ijk(3.2, 1.9, 0), radiusMm: 0.1 });
    expect(at(tiny, 3, 2, 0)).toBe(1);
  });
});

describe('scissors', () => {
  it('cuts inside or outside a polygon through every slice along the view axis', () => {
    const mask = emptyMask(geometry([6, 6, 3]));
    mask.voxels.fill(1);
    // A square covering in-plane voxels 1..3 along i (u) and k (v), drawn on a coronal (axis 1) slice.
    const square = [[0.5, 0.5], [3.5, 0.5], [3.5, 2.5], [0.5, 2.5]] as const;
    const inside = cutWithPolygon(mask, 1, square, 'inside');
    expect(countVoxels(inside)).toBe(108 - 3 * 2 * 6);
    expect(at(inside, 1, 4, 1)).toBe(0);
    expect(at(inside, 4, 4, 1)).toBe(1);
    const outside = cutWithPolygon(mask, 1, square, 'outside', [0, 2]);
    expect(countVoxels(outside)).toBe(3 * 2 * 3 + 3 * 18); // slices j = 3..5 are outside the range: untouched
    expect(() => cutWithPolygon(mask, 1, square.slice(0, 2), 'inside')).toThrow(/needs 3 points/);
  });
});

describe('smoothing', () => {
  it('removes a one-voxel spike and rounds a cube, keeps a large block', () => {
    const mask = emptyMask(geometry([12, 12, 12]));
    for (let k = 2; k < 10; k++) for (let j = 2; j < 10; j++) for (let i = 2; i < 10; i++) mask.voxels[i + j * 12 + k * 144] = 1;
    mask.voxels[10 + 5 * 12 + 5 * 144] = 1; // spike
    const smooth = smoothGaussian(mask, 1);
    expect(at(smooth, 10, 5, 5)).toBe(0);
    expect(at(smooth, 2, 2, 2)).toBe(0); // corner rounded
    expect(at(smooth, 5, 5, 5) && at(smooth, 2, 5, 5)).toBe(1);
    expect(at(openMask(mask, 1.5), 10, 5, 5)).toBe(0); // radius 1 keeps it: its base voxel still has no outside face neighbour
    const notched = { ...mask, voxels: mask.voxels.slice() };
    notched.voxels[5 + 5 * 12 + 9 * 144] = 0; // one-voxel pit in the top face
    expect(at(closeMask(notched, 1.5), 5, 5, 9)).toBe(1);
    expect(countVoxels(smoothGaussian(mask, 1, { plane: 2 }))).toBeLessThan(countVoxels(mask));
  });
});

describe('shape-based interpolation', () => {
  const g = geometry([20, 12, 5]);
  const square = (mask: Mask, k: number, i0: number, size: number): void => {
    for (let j = 3; j < 3 + size; j++) for (let i = i0; i < i0 + size; i++) mask.voxels[i + j * 20 + k * 240] = 1;
  };

  it('morphs between two sizes', () => {
    const mask = emptyMask(g);
    square(mask, 0, 2, 2);
    square(mask, 4, 2, 6);
    const filled = interpolateSlices(mask, 2, 0, 4);
    const areas = [1, 2, 3].map((k) => count(filled, k));
    expect(areas[0]).toBeGreaterThan(4);
    expect(areas[0]).toBeLessThan(areas[1]!);
    expect(areas[1]).toBeLessThan(areas[2]!);
    expect(areas[2]).toBeLessThan(36);
  });

  it('moves a shape that does not overlap between the two slices instead of losing it', () => {
    const mask = emptyMask(g);
    square(mask, 0, 1, 4);
    square(mask, 4, 13, 4);
    const filled = interpolateSlices(mask, 2, 4, 0);
    expect([1, 2, 3].map((k) => count(filled, k))).toEqual([16, 16, 16]);
    expect(at(filled, 7, 4, 2) && at(filled, 10, 4, 2)).toBe(1); // centred half-way: i 7..10
    expect(() => interpolateSlices(mask, 2, 1, 3)).toThrow(/slice 1 along axis 2 is empty/);
  });
});
