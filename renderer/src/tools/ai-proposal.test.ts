import { describe, expect, it } from 'vitest';
import { lps } from '../../../core/geometry/space.ts';
import { applyPatch, decodeRuns, boxVoxelCount, encodeRuns, extractBox, type MaskPatch, type VoxelBox } from '../../../core/mask/patch.ts';
import { SparseMask } from '../../../core/structures/sparse-mask.ts';
import { currentMask, withPatch } from './ai-proposal.ts';

const dims = [6, 5, 4] as const;
const count = dims[0] * dims[1] * dims[2];

/** A patch that sets every voxel of `box` to the value `pick` gives it (i, j, k on the volume grid). */
function patchOver(box: VoxelBox, pick: (i: number, j: number, k: number) => number): MaskPatch {
  const values: number[] = [];
  for (let k = box.lo[2]; k < box.hi[2]; k++) for (let j = box.lo[1]; j < box.hi[1]; j++) for (let i = box.lo[0]; i < box.hi[0]; i++) values.push(pick(i, j, k));
  return { box, runs: encodeRuns(Uint8Array.from(values)) };
}

function dense(patch: MaskPatch | null): Uint8Array {
  const out = new Uint8Array(count);
  if (patch) applyPatch(out, dims, patch);
  return out;
}

describe('AI proposal', () => {
  // The structure as stored: a 2x2x2 cube in one corner.
  const stored = new Uint8Array(count);
  applyPatch(stored, dims, patchOver({ lo: [0, 0, 0], hi: [2, 2, 2] }, () => 1));
  const mask = SparseMask.fromDense(stored, dims);
  // Two answers: the first overlaps the cube and clears part of it, the second reaches the far corner.
  const first = patchOver({ lo: [1, 1, 0], hi: [4, 3, 2] }, (i) => (i === 1 ? 0 : 1));
  const second = patchOver({ lo: [3, 2, 1], hi: [6, 5, 4] }, (i, j) => (i + j) % 2);

  it('layers the answers over the stored mask, click after click, as applying them in turn would', () => {
    const expected = stored.slice();
    applyPatch(expected, dims, first);
    applyPatch(expected, dims, second);
    const one = withPatch('s1', mask, null, first);
    const two = withPatch('s1', mask, one, second);
    expect(two.box).toEqual({ lo: [1, 1, 0], hi: [6, 5, 4] });
    expect(two.values).toEqual(extractBox(expected, dims, two.box));
    // What the model is given next: the whole proposed mask, stored voxels outside the proposal's box included.
    expect(dense(currentMask(mask, two))).toEqual(expected);
    // The stored mask is not touched until the proposal is accepted.
    expect(mask.toMask({ dims, spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }).voxels).toEqual(stored);
  });

  it('gives the stored mask itself when nothing is proposed, null for an empty structure', () => {
    const patch = currentMask(mask, null)!;
    expect(decodeRuns(patch.runs, boxVoxelCount(patch.box))).toEqual(extractBox(stored, dims, patch.box));
    expect(currentMask(new SparseMask(dims), null)).toBeNull();
  });
});
