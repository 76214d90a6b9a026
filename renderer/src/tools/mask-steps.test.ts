import { describe, expect, it } from 'vitest';
import { ijk, lps } from '../../../core/geometry/space.ts';
import type { Volume, VolumeGeometry } from '../../../core/geometry/volume.ts';
import { countVoxels, emptyMask, type Mask } from '../../../core/mask/mask.ts';
import { booleanRecipe } from './mask-results.ts';
import { runMaskStep, transferables, type MaskStepName, type MaskSteps } from './mask-steps.ts';

const geometry: VolumeGeometry = { dims: [6, 5, 4], spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const at = (i: number, j: number, k: number) => i + j * 6 + k * 30;

/** A box of ones from lo to hi (exclusive) on the 6x5x4 grid. */
function block(lo: [number, number, number], hi: [number, number, number]): Mask {
  const mask = emptyMask(geometry);
  for (let k = lo[2]; k < hi[2]; k++) for (let j = lo[1]; j < hi[1]; j++) for (let i = lo[0]; i < hi[0]; i++) mask.voxels[at(i, j, k)] = 1;
  return mask;
}

/** Runs a step as the worker does: the request and the reply each cross a structured clone (postMessage). */
function acrossWorker<K extends MaskStepName>(step: K, ...args: Parameters<MaskSteps[K]>): ReturnType<MaskSteps[K]> {
  const request = structuredClone({ step, args });
  return structuredClone(runMaskStep(request.step, request.args as Parameters<MaskSteps[K]>));
}

describe('mask steps (the mask worker runs these)', () => {
  it('takes and gives plain cloneable values: a boolean of inputs given by id, and its refusal of a missing one', () => {
    const a = block([0, 0, 0], [3, 5, 4]);
    const b = block([2, 0, 0], [6, 5, 2]);
    const union = acrossWorker('derive', booleanRecipe('union', 'a', 'b'), { a, b });
    const intersect = acrossWorker('derive', booleanRecipe('intersect', 'a', 'b'), { a, b });
    expect(countVoxels(union) + countVoxels(intersect)).toBe(countVoxels(a) + countVoxels(b));
    expect(countVoxels(intersect)).toBe(1 * 5 * 2);
    expect(() => acrossWorker('derive', booleanRecipe('subtract', 'a', 'gone'), { a })).toThrow(/input gone was not given/);
  });

  it('interpolates a gap and says when there is none', () => {
    const ends = block([1, 1, 0], [4, 4, 1]);
    for (let j = 1; j < 4; j++) for (let i = 1; i < 4; i++) ends.voxels[at(i, j, 3)] = 1;
    expect(countVoxels(acrossWorker('interpolate', ends, 2))).toBe(4 * 9);
    expect(() => acrossWorker('interpolate', block([1, 1, 0], [4, 4, 2]), 2)).toThrow(/no gap between the drawn slices/);
  });

  it('grows a region in the volume it holds, sent once, and refuses before it has one', () => {
    const seeds = [ijk(0, 0, 0)];
    // Until a volume is handed over there is nothing to grow in.
    expect(() => acrossWorker('regionGrow', seeds, { toleranceHu: 10 })).toThrow(/no volume was handed to the mask worker/);
    const scalars = new Int16Array(6 * 5 * 4).fill(-1000);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 5; j++) for (let i = 0; i < 3; i++) scalars[at(i, j, k)] = 40;
    const volume: Volume = { ...geometry, scalars };
    expect(acrossWorker('holdVolume', volume)).toBeNull();
    expect(countVoxels(acrossWorker('regionGrow', seeds, { toleranceHu: 10 }))).toBe(3 * 5 * 4);
    expect(countVoxels(acrossWorker('regionGrow', seeds, { toleranceHu: 10, plane: { axis: 2, index: 0 } }))).toBe(3 * 5);
  });

  it('hands back every buffer of a result once, so the reply moves them without a copy', () => {
    const mask = block([0, 0, 0], [1, 1, 1]);
    expect(transferables(mask)).toEqual([mask.voxels.buffer]);
    const shared = new Uint8Array(8);
    expect(transferables({ a: shared.subarray(0, 4), b: shared.subarray(4), c: { d: new Float64Array(2) } })).toHaveLength(2);
    expect(transferables({ dice: 0.5, hd95Mm: null })).toEqual([]);
    expect(transferables(null)).toEqual([]);
  });
});
