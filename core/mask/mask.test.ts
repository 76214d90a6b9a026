import { describe, expect, it } from 'vitest';
import { lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { countVoxels, emptyMask, resampleToGrid, sameGrid, volumeCc } from './mask.ts';

const grid: VolumeGeometry = {
  dims: [4, 3, 2],
  spacing: [1, 2, 3],
  origin: lps(10, 20, 30),
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

describe('mask', () => {
  it('counts voxels and volume in cc from the spacing', () => {
    const mask = emptyMask(grid);
    mask.voxels[0] = 1;
    mask.voxels[5] = 1;
    expect(countVoxels(mask)).toBe(2);
    expect(volumeCc(mask)).toBeCloseTo((2 * 6) / 1000, 12);
  });

  it('matches a mask stored with flipped axes to the target grid in world coordinates', () => {
    // Same voxels, stored with i reversed (origin at the far column) and k reversed.
    const flipped: VolumeGeometry = {
      dims: [4, 3, 2],
      spacing: [1, 2, 3],
      origin: lps(13, 20, 33),
      direction: [-1, 0, 0, 0, 1, 0, 0, 0, -1],
    };
    const voxels = new Uint8Array(24);
    voxels[3 + 1 * 4 + 1 * 12] = 7; // flipped (3,1,1) is target (0,1,0)
    expect(sameGrid(flipped, grid)).toBe(false);
    const out = resampleToGrid({ ...flipped, voxels }, grid);
    expect(out[0 + 1 * 4 + 0 * 12]).toBe(7);
    expect(Array.from(out).filter((v) => v !== 0)).toEqual([7]);
  });

  it('leaves target voxels outside the source at 0 and copies identical grids', () => {
    const shifted: VolumeGeometry = { ...grid, origin: lps(12, 20, 30) };
    const voxels = new Uint8Array(24).fill(1);
    const out = resampleToGrid({ ...shifted, voxels }, grid);
    expect(out[0]).toBe(0);
    expect(out[2]).toBe(1);
    expect(Array.from(resampleToGrid({ ...grid, voxels }, grid))).toEqual(Array.from(voxels));
  });
});
