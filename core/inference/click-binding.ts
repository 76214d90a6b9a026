import { IndexQueue, neighbourOffsets, spread } from '../mask/neighbours.ts';
import { boxSize, type VoxelBox } from '../mask/patch.ts';
import type { Click } from './interactive.ts';

/** Index of a click's voxel inside a box (i fastest), or -1 when it lies outside. */
function indexIn(region: VoxelBox, click: Click): number {
  const [ni, nj, nk] = boxSize(region);
  const i = click.voxel[0] - region.lo[0];
  const j = click.voxel[1] - region.lo[1];
  const k = click.voxel[2] - region.lo[2];
  return i >= 0 && i < ni && j >= 0 && j < nj && k >= 0 && k < nk ? i + ni * (j + nj * k) : -1;
}

/**
 * Drops the pieces of a model's answer that nobody asked for: 26-connected components of `after` that hold
 * no positive click and share no voxel with the mask as it was (`before`). A proposal then never arrives
 * with a stray blob elsewhere in the patch, and what the mask already had (imported, drawn) stays.
 *
 * Only voxels the answer adds (in `after`, not in `before`) are walked: a component of those is a whole
 * component of `after` exactly when no 26-neighbour of it lies in `after` and `before` both. So the work
 * follows the size of the correction, not of the organ.
 */
export function keepClickedComponents(after: Uint8Array, before: Uint8Array, region: VoxelBox, clicks: readonly Click[]): void {
  const dims = boxSize(region);
  const offsets = neighbourOffsets(dims, 26);
  const clicked = new Set(clicks.filter((c) => c.positive).map((c) => indexIn(region, c)));
  const seen = new Uint8Array(after.length);
  const queue = new IndexQueue();
  let touchesKept = false;
  const enter = (m: number): boolean => {
    if (!after[m] || seen[m]) return false;
    if (before[m]) {
      touchesKept = true;
      return false;
    }
    seen[m] = 1;
    return true;
  };
  for (let start = 0; start < after.length; start++) {
    if (!after[start] || before[start] || seen[start]) continue;
    seen[start] = 1;
    queue.clear();
    queue.push(start);
    touchesKept = false;
    spread(queue, dims, offsets, enter);
    let keep = touchesKept;
    for (let q = 0; q < queue.length && !keep; q++) keep = clicked.has(queue.at(q));
    if (!keep) for (let q = 0; q < queue.length; q++) after[queue.at(q)] = 0;
  }
}

/** Every clicked voxel follows its click, whatever the model said: positive ones in, negative ones out. */
export function bindClicks(after: Uint8Array, region: VoxelBox, clicks: readonly Click[]): void {
  for (const click of clicks) {
    const n = indexIn(region, click);
    if (n >= 0) after[n] = click.positive ? 1 : 0;
  }
}
