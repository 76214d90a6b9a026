import { describe, expect, it } from 'vitest';
import { lps, type Direction } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { applyMargin } from './margin.ts';
import { countVoxels, emptyMask, type Mask } from './mask.ts';
import { uniformMm } from './patient-directions.ts';
import { readSlice } from './slice.ts';

const identity: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];

function grid(dims: [number, number, number], spacing: [number, number, number], direction = identity): VolumeGeometry {
  return { dims, spacing, origin: lps(0, 0, 0), direction };
}

function withVoxels(geometry: VolumeGeometry, points: [number, number, number][]): Mask {
  const mask = emptyMask(geometry);
  for (const [i, j, k] of points) mask.voxels[i + j * geometry.dims[0] + k * geometry.dims[0] * geometry.dims[1]] = 1;
  return mask;
}

const set = (mask: Mask, i: number, j: number, k: number): boolean =>
  mask.voxels[i + j * mask.dims[0] + k * mask.dims[0] * mask.dims[1]] === 1;

describe('margins on tiny grids', () => {
  it('a 1 mm margin around one voxel of a 1 mm grid is its 6 face neighbours; sqrt(2) mm adds the edges', () => {
    const one = withVoxels(grid([5, 5, 5], [1, 1, 1]), [[2, 2, 2]]);
    expect(countVoxels(applyMargin(one, 1))).toBe(7);
    expect(countVoxels(applyMargin(one, Math.SQRT2))).toBe(19);
  });

  it('uses millimetres, not voxels, on anisotropic grids', () => {
    const one = withVoxels(grid([7, 7, 7], [1, 1, 3]), [[3, 3, 3]]);
    const grown = applyMargin(one, 2.9);
    expect(set(grown, 3, 3, 4)).toBe(false);
    expect(set(grown, 5, 3, 3)).toBe(true);
    expect(set(applyMargin(one, 3), 3, 3, 4)).toBe(true);
  });

  it('applies per-direction margins in patient directions through the direction matrix', () => {
    // i runs to the patient's Right (-x), j Anterior (-y), k Superior.
    const flipped = grid([9, 9, 9], [1, 1, 1], [-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    const one = withVoxels(flipped, [[4, 4, 4]]);
    const right = applyMargin(one, { ...uniformMm(0), right: 3 });
    expect(countVoxels(right)).toBe(4);
    expect(set(right, 7, 4, 4)).toBe(true); // three voxels toward higher i = patient right
    const anterior = applyMargin(one, { ...uniformMm(0), anterior: 2, inferior: 1 });
    // The octant ellipsoid with semi-axes 2 (A) and 1 (I): (0,1),(0,2),(1,0) and the origin; (1,1) is outside.
    expect(countVoxels(anterior)).toBe(4);
    expect(set(anterior, 4, 6, 4) && set(anterior, 4, 4, 3)).toBe(true);
  });

  it('shrinks by the complement, counting outside the grid as outside', () => {
    const full = emptyMask(grid([5, 5, 5], [1, 1, 1]));
    full.voxels.fill(1);
    const shrunk = applyMargin(full, -1);
    expect(countVoxels(shrunk)).toBe(27);
    const leftOnly = applyMargin(full, { ...uniformMm(0), left: -2 }); // +x is Left: lose i = 3, 4
    expect(countVoxels(leftOnly)).toBe(75);
    expect(set(leftOnly, 2, 0, 0) && !set(leftOnly, 3, 0, 0)).toBe(true);
  });

  it('expands then shrinks a mixed margin, limits to another structure and keeps empty masks empty', () => {
    const geometry = grid([9, 3, 3], [1, 1, 1]);
    const one = withVoxels(geometry, [[4, 1, 1]]);
    const mixed = applyMargin(one, { ...uniformMm(0), left: 2, right: -1 });
    expect(countVoxels(mixed)).toBe(2); // grown to i 4..6, then the right-most (lowest i) voxel is shaved
    expect(set(mixed, 5, 1, 1) && set(mixed, 6, 1, 1)).toBe(true);
    const limit = withVoxels(geometry, [[3, 1, 1], [4, 1, 1], [5, 1, 1], [6, 1, 1]]);
    expect(countVoxels(applyMargin(one, 3, { limit }))).toBe(4);
    expect(countVoxels(applyMargin(emptyMask(geometry), 5))).toBe(0);
    expect(() => applyMargin(one, Number.NaN)).toThrow(/not a number/);
    expect(() => applyMargin(one, 1, { limit: emptyMask(grid([3, 3, 3], [1, 1, 1])) })).toThrow(/not on the grid/);
  });

  it('works per slice in plane mode, on a volume or on one slice read out of it', () => {
    const geometry = grid([9, 9, 3], [1, 1, 2]);
    const points: [number, number, number][] = [];
    for (let j = 2; j < 7; j++) for (let i = 2; i < 7; i++) points.push([i, j, 1]);
    const square = withVoxels(geometry, points); // 5 x 5 voxels in slice 1
    const grown = applyMargin(square, 1, { plane: 2 });
    expect(countVoxels(grown)).toBe(25 + 20);
    expect(set(grown, 4, 4, 0)).toBe(false);
    // One slice read out: in plane mode a 2 mm shrink keeps the centre (3 mm from the outside); in 3D the
    // outside 2 mm above and below erases it.
    const slice = readSlice(square, 2, 1);
    expect(countVoxels(applyMargin(slice, -2, { plane: 2 }))).toBe(1);
    expect(countVoxels(applyMargin(slice, -2))).toBe(0);
  });
});
