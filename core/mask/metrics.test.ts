import { describe, expect, it } from 'vitest';
import { lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { emptyMask, type Mask } from './mask.ts';
import { compareMasks, percentile } from './metrics.ts';
import { surfaceVoxels } from './surface.ts';

const geometry: VolumeGeometry = { dims: [6, 5, 4], spacing: [1, 2, 3], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

function boxMask(lo: [number, number, number], hi: [number, number, number]): Mask {
  const mask = emptyMask(geometry);
  const [ni, nj] = geometry.dims;
  for (let k = lo[2]; k < hi[2]; k++) for (let j = lo[1]; j < hi[1]; j++) for (let i = lo[0]; i < hi[0]; i++) mask.voxels[i + j * ni + k * ni * nj] = 1;
  return mask;
}

describe('surface and metrics', () => {
  it('takes every voxel of a 3x3x3 cube but its centre as surface, and the grid edge as outside', () => {
    expect(surfaceVoxels(boxMask([1, 1, 1], [4, 4, 4]).voxels, geometry.dims).reduce((s, v) => s + v, 0)).toBe(26);
    const full = new Uint8Array(27).fill(1);
    expect(surfaceVoxels(full, [3, 3, 3]).reduce((s, v) => s + v, 0)).toBe(26);
  });

  it('measures surface distances in mm along the spacing', () => {
    const a = boxMask([1, 1, 0], [2, 2, 1]);
    const b = boxMask([1, 1, 2], [2, 2, 3]); // two slices (6 mm) further along k
    const m = compareMasks(a, b, { toleranceMm: 5 });
    expect(m.dice).toBe(0);
    expect(m.hdMm).toBeCloseTo(6, 6);
    expect(m.hd95Mm).toBeCloseTo(6, 6);
    expect(m.msdMm).toBeCloseTo(6, 6);
    expect(m.surfaceDice).toBe(0);
    expect(compareMasks(a, b, { toleranceMm: 6 }).surfaceDice).toBe(1);
    expect(m.volumeACc).toBeCloseTo(0.006, 9);
  });

  it('pools both directed distance sets', () => {
    // A is a 2x1x1 bar, B one of its voxels: A->B gives 0 and 1 mm, B->A gives 0: pooled {0, 0, 1}.
    const a = boxMask([0, 0, 0], [2, 1, 1]);
    const b = boxMask([0, 0, 0], [1, 1, 1]);
    const m = compareMasks(a, b);
    expect(m.dice).toBeCloseTo(2 / 3, 12);
    expect(m.hdMm).toBe(1);
    expect(m.msdMm).toBeCloseTo(1 / 3, 6);
    expect(m.hd95Mm).toBeCloseTo(0.9, 6); // numpy's linear percentile of [0, 0, 1] at 95
    expect(m.surfaceDice).toBe(1);
  });

  it('handles empty masks and refuses different grids', () => {
    const empty = emptyMask(geometry);
    expect(compareMasks(empty, empty)).toMatchObject({ dice: 1, hdMm: 0, hd95Mm: 0, msdMm: 0, surfaceDice: 1 });
    expect(compareMasks(boxMask([0, 0, 0], [1, 1, 1]), empty)).toMatchObject({ dice: 0, hdMm: null, hd95Mm: null, msdMm: null, surfaceDice: 0 });
    const other = { ...emptyMask({ ...geometry, dims: [3, 3, 3] }) };
    expect(() => compareMasks(empty, other, { names: ['a.nii.gz', 'b.nii.gz'] })).toThrow(/b\.nii\.gz .* is not on the grid of a\.nii\.gz/);
    expect(compareMasks(empty, other, { resample: true }).dice).toBe(1);
  });

  it('interpolates percentiles like numpy', () => {
    expect(percentile(Float64Array.from([1, 2, 3, 4, 5]), 95)).toBeCloseTo(4.8, 12);
    expect(percentile(Float64Array.from([7]), 95)).toBe(7);
  });
});
