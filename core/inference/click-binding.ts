import { boxSize, type VoxelBox } from '../mask/patch.ts';
import { runComponents26 } from '../mask/run-components.ts';
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
 */
export function keepClickedComponents(after: Uint8Array, before: Uint8Array, region: VoxelBox, clicks: readonly Click[]): void {
  const runs = runComponents26(after, boxSize(region));
  if (runs.components === 0) return;
  const ni = boxSize(region)[0];
  const keep = new Uint8Array(runs.components);
  for (let n = 0; n < runs.start.length; n++) {
    if (keep[runs.component[n]!]) continue;
    const base = runs.row[n]! * ni;
    for (let i = runs.start[n]!; i < runs.end[n]!; i++) {
      if (before[base + i]) {
        keep[runs.component[n]!] = 1;
        break;
      }
    }
  }
  for (const click of clicks) {
    const at = click.positive ? indexIn(region, click) : -1;
    if (at < 0 || !after[at]) continue;
    const row = Math.floor(at / ni);
    const i = at - row * ni;
    for (let n = runs.rowFirst[row]!; n < runs.rowFirst[row + 1]!; n++) if (runs.start[n]! <= i && i < runs.end[n]!) keep[runs.component[n]!] = 1;
  }
  for (let n = 0; n < runs.start.length; n++) {
    if (!keep[runs.component[n]!]) after.fill(0, runs.row[n]! * ni + runs.start[n]!, runs.row[n]! * ni + runs.end[n]!);
  }
}

/** Every clicked voxel follows its click, whatever the model said: positive ones in, negative ones out. */
export function bindClicks(after: Uint8Array, region: VoxelBox, clicks: readonly Click[]): void {
  for (const click of clicks) {
    const n = indexIn(region, click);
    if (n >= 0) after[n] = click.positive ? 1 : 0;
  }
}
