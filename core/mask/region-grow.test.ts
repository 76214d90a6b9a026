import { describe, expect, it } from 'vitest';
import { ijk, lps } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { countVoxels } from './mask.ts';
import { regionGrow } from './region-grow.ts';

// 5x5x3 CT: background -1000 HU, a 3x3 block of 40 HU in slices 0-1, a diagonal 40 HU voxel touching it only
// at a corner, and a 400 HU voxel (bone) inside the block.
function phantom(): Volume {
  const dims = [5, 5, 3] as const;
  const scalars = new Int16Array(75).fill(-1000);
  const at = (i: number, j: number, k: number): number => i + j * 5 + k * 25;
  for (let k = 0; k < 2; k++) for (let j = 1; j < 4; j++) for (let i = 1; i < 4; i++) scalars[at(i, j, k)] = 40;
  scalars[at(2, 2, 1)] = 400;
  scalars[at(4, 4, 2)] = 40; // touches (3,3,1) by a corner only
  return { dims, spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], scalars };
}

describe('regionGrow', () => {
  it('grows through face neighbours within tolerance of the seed value', () => {
    const mask = regionGrow(phantom(), [ijk(1, 1, 0)], { toleranceHu: 50 });
    expect(countVoxels(mask)).toBe(17); // 18 block voxels minus the bone
    expect(mask.voxels[2 + 2 * 5 + 25]).toBe(0);
  });

  it('reaches corner neighbours with 26-connectivity only', () => {
    expect(countVoxels(regionGrow(phantom(), [ijk(1, 1, 0)], { toleranceHu: 50, connectivity: 26 }))).toBe(18);
  });

  it('stays in one slice when a plane is given, along any axis', () => {
    expect(countVoxels(regionGrow(phantom(), [ijk(1, 1, 1)], { toleranceHu: 50, plane: { axis: 2, index: 1 } }))).toBe(8);
    expect(countVoxels(regionGrow(phantom(), [ijk(1, 1, 1)], { toleranceHu: 50, plane: { axis: 0, index: 1 } }))).toBe(6);
  });

  it('respects a fixed reference, a box, excluded voxels and a voxel budget', () => {
    const volume = phantom();
    expect(countVoxels(regionGrow(volume, [ijk(2, 2, 1)], { toleranceHu: 10, reference: 40 }))).toBe(0);
    expect(countVoxels(regionGrow(volume, [ijk(1, 1, 0)], { toleranceHu: 50, within: { lo: [0, 0, 0], hi: [5, 2, 3] } }))).toBe(6);
    const exclude = new Uint8Array(75);
    for (let j = 0; j < 5; j++) exclude[2 + j * 5] = 1; // a wall at i = 2 in slice 0
    const walled = regionGrow(volume, [ijk(1, 1, 0)], { toleranceHu: 50, exclude, plane: { axis: 2, index: 0 } });
    expect(countVoxels(walled)).toBe(3);
    expect(countVoxels(regionGrow(volume, [ijk(1, 1, 0)], { toleranceHu: 50, maxVoxels: 4 }))).toBe(4);
  });

  it('uses the mean of several seeds as the reference', () => {
    // mean of 40 and 400 is 220: with 200 HU tolerance both the block (40) and the bone (400) qualify.
    const mask = regionGrow(phantom(), [ijk(1, 1, 0), ijk(2, 2, 1)], { toleranceHu: 200 });
    expect(countVoxels(mask)).toBe(18);
  });

  it('refuses seeds outside the grid and negative tolerances', () => {
    expect(() => regionGrow(phantom(), [ijk(9, 0, 0)], { toleranceHu: 5 })).toThrow(/outside the 5x5x3 grid/);
    expect(() => regionGrow(phantom(), [ijk(0, 0, 0)], { toleranceHu: -1 })).toThrow(/must be >= 0/);
  });

  it('flood fills a mask slice (paint bucket) when run on the mask as a volume with tolerance 0', () => {
    // A ring in slice 1 of a 5x5x3 mask: filling from its centre reaches only the centre voxel.
    const dims = [5, 5, 3] as const;
    const voxels = new Uint8Array(75);
    for (let j = 1; j < 4; j++) for (let i = 1; i < 4; i++) if (i !== 2 || j !== 2) voxels[i + j * 5 + 25] = 1;
    const volume: Volume = { ...phantom(), dims, scalars: voxels };
    expect(countVoxels(regionGrow(volume, [ijk(2, 2, 1)], { toleranceHu: 0, plane: { axis: 2, index: 1 } }))).toBe(1);
    expect(countVoxels(regionGrow(volume, [ijk(0, 0, 1)], { toleranceHu: 0, plane: { axis: 2, index: 1 } }))).toBe(16);
  });
});
