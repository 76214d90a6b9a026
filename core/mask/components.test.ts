import { describe, expect, it } from 'vitest';
import { lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { keepLargestComponent, labelComponents, removeSmallComponents } from './components.ts';
import { fillHoles } from './fill-holes.ts';
import { countVoxels, emptyMask, type Mask } from './mask.ts';

const geometry: VolumeGeometry = { dims: [6, 6, 3], spacing: [1, 1, 10], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

/** Slices drawn as text rows: '#' set, '.' unset; one string per slice, rows separated by '/'. */
function drawn(slices: string[]): Mask {
  const mask = emptyMask(geometry);
  slices.forEach((slice, k) =>
    slice.split('/').forEach((row, j) => [...row].forEach((c, i) => (mask.voxels[i + j * 6 + k * 36] = c === '#' ? 1 : 0))),
  );
  return mask;
}

const empty = '....../....../....../....../....../......';

describe('connected components', () => {
  // Slice 0: a 2x2 block and a diagonal single voxel; slice 1: one voxel above the block.
  const mask = drawn(['##..../##..../..#.../....../....../......', '#...../....../....../....../....../......', empty]);

  it('labels with 6 or 26 neighbours and per slice in plane mode', () => {
    expect(labelComponents(mask.voxels, geometry.dims, 6).sizes).toEqual([5, 1]);
    expect(labelComponents(mask.voxels, geometry.dims, 26).sizes).toEqual([6]);
    expect(labelComponents(mask.voxels, geometry.dims, 26, 2).sizes).toEqual([5, 1]);
    expect(labelComponents(mask.voxels, geometry.dims, 6, 2).sizes.sort()).toEqual([1, 1, 4]);
  });

  it('removes islands below a voxel count or a volume, and keeps the largest', () => {
    expect(countVoxels(removeSmallComponents(mask, { minVoxels: 2 }))).toBe(5);
    expect(countVoxels(removeSmallComponents(mask, { minCc: 0.011 }))).toBe(5); // 1 voxel is 0.01 cc
    expect(countVoxels(removeSmallComponents(mask, { minVoxels: 2 }, { connectivity: 26 }))).toBe(6);
    expect(countVoxels(keepLargestComponent(mask))).toBe(5);
    // Per slice: slice 0 keeps its block (4 of 5), slice 1 its only voxel.
    expect(countVoxels(keepLargestComponent(mask, { plane: 2 }))).toBe(5);
    expect(countVoxels(removeSmallComponents(mask, { minVoxels: 2 }, { plane: 2, connectivity: 8 }))).toBe(5);
    expect(countVoxels(removeSmallComponents(mask, { minVoxels: 2 }, { plane: 2, connectivity: 4 }))).toBe(4);
    expect(countVoxels(keepLargestComponent(emptyMask(geometry)))).toBe(0);
  });
});

describe('fill holes', () => {
  it('fills enclosed background in 2D per slice but not cavities open to the grid edge', () => {
    const ring = '.###../.#.#../.###../....../....../......';
    const open = '#.#.../###.../....../....../....../......'; // notch at the grid edge: not a hole
    const filled = fillHoles(drawn([ring, open, empty]), { plane: 2 });
    expect(countVoxels(filled)).toBe(9 + 5);
  });

  it('in 3D a slice hole closed above and below is filled, one open above is not', () => {
    const plate = '.###../.###../.###../....../....../......';
    const ring = '.###../.#.#../.###../....../....../......';
    expect(countVoxels(fillHoles(drawn([plate, ring, plate])))).toBe(27);
    expect(countVoxels(fillHoles(drawn([plate, ring, empty])))).toBe(17);
    // In plane mode along another axis (j), the same ring is not enclosed in any i-k slice.
    expect(countVoxels(fillHoles(drawn([empty, ring, empty]), { plane: 1 }))).toBe(8);
  });
});
