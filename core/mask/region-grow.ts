import { DelineateError } from '../errors.ts';
import type { IjkIndex } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { emptyMask, type Mask } from './mask.ts';
import { IndexQueue, neighbourOffsets, spread, type Axis, type Connectivity3d } from './neighbours.ts';
import { checkBox, type VoxelBox } from './patch.ts';

export interface RegionGrowOptions {
  /** A voxel joins when |value - reference| <= toleranceHu (same units as the volume's scalars). */
  readonly toleranceHu: number;
  /** 'seed-mean' (default): the mean of the seed voxels' values; a number: that value. */
  readonly reference?: 'seed-mean' | number;
  /** 6 (default) or 26; in a plane these become 4 and 8. */
  readonly connectivity?: Connectivity3d;
  /** Grow in this one slice only (2D region grow / flood fill). */
  readonly plane?: { readonly axis: Axis; readonly index: number };
  /** Never leave this box. */
  readonly within?: VoxelBox;
  /** Voxels that may not join (non-zero = excluded), on the volume's grid; e.g. other structures. */
  readonly exclude?: Uint8Array;
  /** Stop once this many voxels have joined (breadth first, so the region stays compact around the seeds). */
  readonly maxVoxels?: number;
}

/** The box the growth may cover: the grid, cut to `within` and to the plane. */
function growthBounds(volume: Volume, options: RegionGrowOptions): VoxelBox {
  const lo: [number, number, number] = [0, 0, 0];
  const hi: [number, number, number] = [volume.dims[0], volume.dims[1], volume.dims[2]];
  if (options.within) {
    checkBox(options.within, volume.dims, 'region grow: within');
    for (let a = 0; a < 3; a++) {
      lo[a] = options.within.lo[a]!;
      hi[a] = options.within.hi[a]!;
    }
  }
  if (options.plane) {
    const { axis, index } = options.plane;
    if (!Number.isInteger(index) || index < 0 || index >= volume.dims[axis]) {
      throw new DelineateError('invalid-input', `region grow: slice ${index} along axis ${axis} is outside the ${volume.dims.join('x')} grid`);
    }
    lo[axis] = Math.max(lo[axis], index);
    hi[axis] = Math.min(hi[axis], index + 1);
  }
  return { lo, hi };
}

/**
 * Connected region of voxels whose value is within `toleranceHu` of a reference, grown breadth first from the
 * seeds (rounded to the nearest voxel). Seeds outside the bounds, excluded, or themselves out of tolerance do
 * not join, so the result can be empty. Used for flood fill on CT, region grow tools and as the classical
 * baseline for AI contouring.
 */
export function regionGrow(volume: Volume, seeds: readonly IjkIndex[], options: RegionGrowOptions): Mask {
  const { toleranceHu, exclude } = options;
  if (!(toleranceHu >= 0)) throw new DelineateError('invalid-input', `region grow: tolerance ${toleranceHu} HU must be >= 0`);
  if (exclude && exclude.length !== volume.scalars.length) {
    throw new DelineateError('invalid-input', `region grow: exclude mask has ${exclude.length} voxels, the volume ${volume.scalars.length}`);
  }
  const [ni, nj] = volume.dims;
  const bounds = growthBounds(volume, options);
  const scalars = volume.scalars;
  const seedIndices: number[] = [];
  for (const seed of seeds) {
    const [i, j, k] = seed.map(Math.round) as [number, number, number];
    if (i < 0 || j < 0 || k < 0 || i >= ni || j >= nj || k >= volume.dims[2]) {
      throw new DelineateError('invalid-input', `region grow: seed (${seed.join(', ')}) is outside the ${volume.dims.join('x')} grid`);
    }
    if (i < bounds.lo[0] || j < bounds.lo[1] || k < bounds.lo[2] || i >= bounds.hi[0] || j >= bounds.hi[1] || k >= bounds.hi[2]) continue;
    seedIndices.push(i + j * ni + k * ni * nj);
  }
  let reference = typeof options.reference === 'number' ? options.reference : 0;
  if (options.reference === undefined || options.reference === 'seed-mean') {
    for (const n of seedIndices) reference += scalars[n]! / seedIndices.length;
  }
  const low = reference - toleranceHu;
  const high = reference + toleranceHu;
  const maxVoxels = options.maxVoxels ?? Infinity;

  const mask = emptyMask(volume);
  const out = mask.voxels;
  const queue = new IndexQueue();
  for (const n of seedIndices) {
    if (queue.length >= maxVoxels) break;
    const value = scalars[n]!;
    if (out[n] || value < low || value > high || (exclude && exclude[n])) continue;
    out[n] = 1;
    queue.push(n);
  }

  const offsets = neighbourOffsets(volume.dims, options.connectivity ?? 6, options.plane?.axis);
  const enter = (m: number): boolean => {
    if (out[m]) return false;
    const value = scalars[m]!;
    if (value < low || value > high || (exclude && exclude[m])) return false;
    out[m] = 1;
    return true;
  };
  if (queue.length < maxVoxels) spread(queue, volume.dims, offsets, enter, bounds, maxVoxels);
  return mask;
}
