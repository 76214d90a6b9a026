import type { MaskPatch, VoxelBox } from '../mask/patch.ts';
import { boxSize, boxVoxelCount } from '../mask/patch.ts';
import type { PackedPatch } from './packed-patch.ts';
import { differingBox } from './packed-patch.ts';
import { RunReader, RunWriter } from './run-stream.ts';
import type { SparseMask } from './sparse-mask.ts';

export interface EditMemo {
  /** Where voxels changed (grid indices), or null when the patch changed nothing. */
  readonly changed: VoxelBox | null;
  /** The voxels inside `changed` before and after the edit: all an undo needs. */
  readonly before: PackedPatch;
  readonly after: PackedPatch;
}

/**
 * Writes `patch` into `mask` and returns the undo memo, a slab (one k) at a time: the first pass finds the
 * box of changed voxels (and validates the runs, so bad input changes nothing), the second records before
 * and after inside it and writes the mask. Buffers are one slab each, whatever the patch's size.
 */
export function applyPatchWithMemo(mask: SparseMask, patch: MaskPatch, source: string): EditMemo {
  const { box, runs } = patch;
  const [bi, bj, bk] = boxSize(box);
  const slabSize = bi * bj;
  const after = new Uint8Array(slabSize);
  const current = new Uint8Array(slabSize);
  const slabBox = (kk: number): VoxelBox => ({ lo: [0, 0, kk], hi: [bi, bj, kk + 1] });

  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const reader = new RunReader(runs, boxVoxelCount(box), source);
  for (let kk = 0; kk < bk; kk++) {
    reader.read(after, slabSize);
    current.fill(0);
    mask.readSlab(box.lo[2] + kk, box, current);
    const differs = differingBox(current, after, slabBox(kk));
    if (!differs) continue;
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a]!, differs.lo[a]!);
      hi[a] = Math.max(hi[a]!, differs.hi[a]!);
    }
  }
  reader.finish();
  if (lo[0] === Infinity) {
    const empty: PackedPatch = { box: { lo: box.lo, hi: box.lo }, runs: Uint32Array.of(0) };
    return { changed: null, before: empty, after: empty };
  }
  const changed: VoxelBox = {
    lo: [box.lo[0] + lo[0]!, box.lo[1] + lo[1]!, box.lo[2] + lo[2]!],
    hi: [box.lo[0] + hi[0]!, box.lo[1] + hi[1]!, box.lo[2] + hi[2]!],
  };

  const replay = new RunReader(runs, boxVoxelCount(box), source);
  replay.skip(lo[2]! * slabSize);
  const beforeRuns = new RunWriter();
  const afterRuns = new RunWriter();
  const plane = new Uint8Array(mask.dims[0] * mask.dims[1]);
  for (let kk = lo[2]!; kk < hi[2]!; kk++) {
    replay.read(after, slabSize);
    current.fill(0);
    mask.readSlab(box.lo[2] + kk, box, current);
    for (let jj = lo[1]!; jj < hi[1]!; jj++) {
      const row = jj * bi;
      beforeRuns.push(current, row + lo[0]!, row + hi[0]!);
      afterRuns.push(after, row + lo[0]!, row + hi[0]!);
    }
    mask.writeSlab(box.lo[2] + kk, box, after, plane);
  }
  return { changed, before: { box: changed, runs: beforeRuns.finish() }, after: { box: changed, runs: afterRuns.finish() } };
}
