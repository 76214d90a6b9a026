import { describe, expect, it } from 'vitest';
import { lps } from '../../../core/geometry/space.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { countVoxels, emptyMask, type Mask } from '../../../core/mask/mask.ts';
import { boundingBox, patchFromMask } from '../../../core/mask/patch.ts';
import type { StructureMeta } from '../../../core/structures/schemas.ts';
import { StructureSet } from '../../../core/structures/structure-set.ts';
import { booleanRecipe, changedBox, computeDerived, derivedLabel, drawnSlices, interpolateGaps, marginRecipe } from './mask-results.ts';
import { seedPatch } from './seed-patch.ts';
import { slicePlane } from '../views/slice-plane.ts';

const geometry: VolumeGeometry = { dims: [12, 10, 8], spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const at = (i: number, j: number, k: number) => i + j * 12 + k * 120;

/** A box of ones from lo to hi (exclusive) on the test grid. */
function block(lo: [number, number, number], hi: [number, number, number]): Mask {
  const mask = emptyMask(geometry);
  for (let k = lo[2]; k < hi[2]; k++) for (let j = lo[1]; j < hi[1]; j++) for (let i = lo[0]; i < hi[0]; i++) mask.voxels[at(i, j, k)] = 1;
  return mask;
}

describe('changedBox', () => {
  it('is null for equal volumes and the tight box around every difference otherwise', () => {
    const a = block([2, 2, 2], [5, 5, 4]);
    expect(changedBox(a.voxels, a.voxels.slice(), geometry.dims)).toBeNull();
    const b = a.voxels.slice();
    b[at(2, 3, 2)] = 0;
    b[at(9, 1, 6)] = 1;
    expect(changedBox(a.voxels, b, geometry.dims)).toEqual({ lo: [2, 1, 2], hi: [10, 4, 7] });
  });

  it('treats any non-zero value as inside', () => {
    const a = block([1, 1, 1], [2, 2, 2]);
    const b = a.voxels.map((v) => v * 255);
    expect(changedBox(a.voxels, b, geometry.dims)).toBeNull();
  });
});

describe('interpolation between drawn slices', () => {
  it('finds the drawn slices along each axis', () => {
    const mask = block([2, 3, 1], [4, 5, 2]);
    mask.voxels[at(7, 3, 5)] = 1;
    expect(drawnSlices(mask, 2)).toEqual([1, 5]);
    expect(drawnSlices(mask, 0)).toEqual([2, 3, 7]);
    expect(drawnSlices(mask, 1)).toEqual([3, 4]);
  });

  it('fills every gap and leaves the drawn slices as they were', () => {
    const mask = block([2, 2, 0], [6, 6, 1]);
    const top = block([2, 2, 3], [6, 6, 4]);
    const last = block([3, 3, 7], [5, 5, 8]);
    for (let n = 0; n < mask.voxels.length; n++) mask.voxels[n] = mask.voxels[n]! | top.voxels[n]! | last.voxels[n]!;
    const { mask: result, gaps } = interpolateGaps(mask, 2);
    expect(gaps).toBe(2);
    expect(drawnSlices(result, 2)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Between two equal 4x4 squares every slice is that square; the drawn slices are untouched.
    for (const k of [1, 2]) expect(countVoxels({ ...geometry, voxels: result.voxels.subarray(k * 120, (k + 1) * 120) })).toBe(16);
    expect(result.voxels.subarray(0, 120)).toEqual(mask.voxels.subarray(0, 120));
    expect(result.voxels.subarray(7 * 120)).toEqual(mask.voxels.subarray(7 * 120));
  });

  it('hands back the input when no slice is missing', () => {
    const mask = block([2, 2, 2], [6, 6, 5]);
    expect(interpolateGaps(mask, 2)).toEqual({ mask, gaps: 0 });
  });
});

describe('derived structures', () => {
  const meta = (id: string, name: string): StructureMeta => ({
    id,
    name,
    color: [255, 0, 0],
    type: 'ORGAN',
    visible: true,
    opacity: 0.4,
    display: 'fill',
    locked: false,
    provenance: { kind: 'manual' },
    recipe: null,
  });

  function setWith(masks: Record<string, Mask>): StructureSet {
    const set = new StructureSet(geometry);
    for (const [id, mask] of Object.entries(masks)) {
      set.apply({ op: 'create', structure: meta(id, id.toUpperCase()), patch: patchFromMask(mask.voxels, geometry.dims, boundingBox(mask.voxels, geometry.dims)!) });
    }
    return set;
  }

  it('writes isotropic and per-direction margins as recipe parameters, the limit as an input', () => {
    expect(marginRecipe('a', 5)).toEqual({ operation: 'margin', inputs: ['a'], params: { mm: 5 } });
    const directional = marginRecipe('a', { right: 1, left: 2, anterior: 3, posterior: 4, superior: 5, inferior: 6 }, 'b');
    expect(directional).toEqual({ operation: 'margin', inputs: ['a', 'b'], params: { R: 1, L: 2, A: 3, P: 4, S: 5, I: 6, limit: 'b' } });
    expect(derivedLabel(directional, (id) => id.toUpperCase())).toBe('Margin R1 L2 A3 P4 S5 I6 mm A within B');
    expect(derivedLabel(booleanRecipe('subtract', 'a', 'b'), (id) => id.toUpperCase())).toBe('Subtract A − B');
  });

  it('computes a margin (limited) and booleans from the inputs the set holds', () => {
    const set = setWith({ a: block([5, 4, 3], [7, 6, 5]), b: block([0, 0, 0], [6, 10, 8]) });
    const maskOf = (id: string) => set.get(id).mask.toMask(geometry);
    // 2 mm is two voxels in i and j (1 mm spacing) and one slice in k (2 mm).
    const grown = computeDerived(marginRecipe('a', 2), maskOf);
    expect(countVoxels(grown)).toBeGreaterThan(8);
    expect(grown.voxels[at(4, 4, 3)]).toBe(1);
    expect(grown.voxels[at(3, 4, 3)]).toBe(1);
    expect(grown.voxels[at(5, 4, 2)]).toBe(1);
    expect(grown.voxels[at(5, 4, 1)]).toBe(0);
    const limited = computeDerived(marginRecipe('a', 2, 'b'), maskOf);
    expect(limited.voxels[at(7, 4, 3)]).toBe(0);
    expect(countVoxels(limited)).toBeLessThan(countVoxels(grown));
    expect(countVoxels(computeDerived(booleanRecipe('intersect', 'a', 'b'), maskOf))).toBe(4);
    expect(countVoxels(computeDerived(booleanRecipe('subtract', 'a', 'b'), maskOf))).toBe(4);
    expect(countVoxels(computeDerived(booleanRecipe('union', 'a', 'b'), maskOf))).toBe(6 * 10 * 8 + 4);
    expect(countVoxels(computeDerived(booleanRecipe('xor', 'a', 'b'), maskOf))).toBe(6 * 10 * 8 + 4 - 4);
  });

  it('a structure computed with the recipe goes out of date when an input is edited', () => {
    const set = setWith({ a: block([5, 4, 3], [7, 6, 5]) });
    const recipe = marginRecipe('a', 2);
    const result = computeDerived(recipe, (id) => set.get(id).mask.toMask(geometry));
    set.apply({ op: 'create', structure: meta('d', 'A+2mm') });
    set.applyEdit('d', { box: { lo: [0, 0, 0], hi: geometry.dims }, values: result.voxels }, 'Margin 2 mm A', { recipe });
    expect(set.isOutOfDate('d')).toBe(false);
    set.applyEdit('a', { box: { lo: [0, 0, 0], hi: [1, 1, 1] }, values: new Uint8Array([1]) }, 'Brush A');
    expect(set.isOutOfDate('d')).toBe(true);
  });
});

describe('seedPatch', () => {
  it('takes the 3x3 in-plane voxels around the click, clipped to the grid', () => {
    const plane = slicePlane(geometry, 1, 4);
    expect(seedPatch({ index: [5.2, 4, 3.6], plane }, geometry.dims)).toHaveLength(9);
    const corner = seedPatch({ index: [0, 4, 0], plane }, geometry.dims);
    expect(corner.map((s) => [...s])).toEqual([
      [0, 4, 0],
      [1, 4, 0],
      [0, 4, 1],
      [1, 4, 1],
    ]);
    expect(seedPatch({ index: [-3, 4, 2], plane }, geometry.dims)).toEqual([]);
  });
});
