import type { VolumeGeometry } from '../geometry/volume.ts';
import { boundingBox, patchFromMask, type MaskPatch } from '../mask/patch.ts';

/** The new values over the smallest box holding every voxel that differs between two full-grid masks; null if none. */
export function changedPatch(before: Uint8Array, after: Uint8Array, dims: VolumeGeometry['dims']): MaskPatch | null {
  const diff = new Uint8Array(after.length);
  for (let n = 0; n < after.length; n++) diff[n] = (before[n] ? 1 : 0) !== (after[n] ? 1 : 0) ? 1 : 0;
  const box = boundingBox(diff, dims);
  return box ? patchFromMask(after, dims, box) : null;
}
