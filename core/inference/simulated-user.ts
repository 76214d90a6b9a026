import type { IjkIndex } from '../geometry/space.ts';
import { ijk } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { boundingBox, boxSize, extractBox, type VoxelBox } from '../mask/patch.ts';
import { labelComponents } from '../mask/components.ts';
import { squaredDistanceMm2 } from '../mask/edt.ts';
import type { Click } from './interactive.ts';

/**
 * The simulated user of the click evaluation: the first click at the centre of the structure, each next
 * one at the centre of the largest error region (positive where the mask misses, negative where it spills).
 * "Centre" = the voxel of the region's largest 6-connected component farthest (in mm) from its boundary.
 * The edge of the volume counts as boundary, so a structure cut by the field of view is clicked in its
 * interior, not on the cut face (click3d.py's protocol let the cut face win; see the model README).
 */
export function centreOf(bits: Uint8Array, geometry: VolumeGeometry): IjkIndex | null {
  const box = boundingBox(bits, geometry.dims);
  if (!box) return null;
  // One background voxel around the box, inside or outside the grid alike.
  const padded: VoxelBox = { lo: [box.lo[0] - 1, box.lo[1] - 1, box.lo[2] - 1], hi: [box.hi[0] + 1, box.hi[1] + 1, box.hi[2] + 1] };
  const size = boxSize(padded);
  const inner = extractBox(bits, geometry.dims, box);
  const local = new Uint8Array(size[0] * size[1] * size[2]);
  const [bi, bj] = boxSize(box);
  for (let k = 0; k < box.hi[2] - box.lo[2]; k++) {
    for (let j = 0; j < bj; j++) local.set(inner.subarray(bi * (j + bj * k), bi * (j + bj * k) + bi), 1 + size[0] * (j + 1 + size[1] * (k + 1)));
  }
  const { labels, sizes } = labelComponents(local, size, 6);
  const largest = 1 + largestIndex(sizes);
  // Distance to the nearest voxel outside the component (the background is the feature set).
  for (let n = 0; n < local.length; n++) local[n] = labels[n] === largest ? 0 : 1;
  const distance = squaredDistanceMm2(local, size, geometry.spacing);
  let best = 0;
  for (let n = 1; n < distance.length; n++) if (distance[n]! > distance[best]!) best = n;
  const i = best % size[0];
  const j = Math.floor(best / size[0]) % size[1];
  const k = Math.floor(best / (size[0] * size[1]));
  return ijk(i + padded.lo[0], j + padded.lo[1], k + padded.lo[2]);
}

/** Where the simulated user clicks next, or null when the mask is exact. Works inside the errors' bounding box. */
export function nextClick(truth: Uint8Array, mask: Uint8Array, geometry: VolumeGeometry): Click | null {
  const error = new Uint8Array(truth.length);
  for (let n = 0; n < truth.length; n++) error[n] = (truth[n] ? 1 : 0) ^ (mask[n] ? 1 : 0);
  const box = boundingBox(error, geometry.dims);
  if (!box) return null;
  const dims = boxSize(box);
  const local: VolumeGeometry = { ...geometry, dims };
  const t = extractBox(truth, geometry.dims, box);
  const m = extractBox(mask, geometry.dims, box);
  const missed = new Uint8Array(t.length);
  const spilled = new Uint8Array(t.length);
  for (let n = 0; n < t.length; n++) {
    missed[n] = t[n] && !m[n] ? 1 : 0;
    spilled[n] = !t[n] && m[n] ? 1 : 0;
  }
  const largestOf = (bits: Uint8Array) => {
    const { labels, sizes } = labelComponents(bits, dims, 6);
    const best = largestIndex(sizes);
    return { labels, label: best + 1, size: best >= 0 ? sizes[best]! : 0 };
  };
  const fn = largestOf(missed);
  const fp = largestOf(spilled);
  const positive = fn.size >= fp.size;
  const chosen = positive ? fn : fp;
  const bits = positive ? missed : spilled;
  for (let n = 0; n < bits.length; n++) bits[n] = chosen.labels[n] === chosen.label ? 1 : 0;
  const voxel = centreOf(bits, local);
  return voxel ? { voxel: ijk(voxel[0] + box.lo[0], voxel[1] + box.lo[1], voxel[2] + box.lo[2]), positive } : null;
}

/** Index of the largest entry (the first among equals), -1 when empty. */
function largestIndex(sizes: readonly number[]): number {
  let best = -1;
  for (let c = 0; c < sizes.length; c++) if (best < 0 || sizes[c]! > sizes[best]!) best = c;
  return best;
}

