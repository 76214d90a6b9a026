import { DelineateError } from '../errors.ts';
import { ijk } from '../geometry/space.ts';
import { indexToWorld } from '../geometry/volume.ts';
import type { Mask } from './mask.ts';
import type { Axis } from './neighbours.ts';
import { extractBox, insertBox, type VoxelBox } from './patch.ts';

/**
 * 2D operations work on one slice of a mask as a Mask of thickness 1 along the slice axis (dims [1, nj, nk],
 * [ni, 1, nk] or [ni, nj, 1]), so the memory layout (i fastest) and the geometry stay those of the volume and
 * every 3D operation run on it is the 2D one in that plane.
 */
export function sliceBox(dims: Mask['dims'], axis: Axis, index: number): VoxelBox {
  if (!Number.isInteger(index) || index < 0 || index >= dims[axis]) {
    throw new DelineateError('invalid-input', `slice ${index} along axis ${axis} is outside the ${dims.join('x')} grid`);
  }
  const lo: [number, number, number] = [0, 0, 0];
  const hi: [number, number, number] = [dims[0], dims[1], dims[2]];
  lo[axis] = index;
  hi[axis] = index + 1;
  return { lo, hi };
}

/** One slice as a thickness-1 mask placed where the slice is in the world. */
export function readSlice(mask: Mask, axis: Axis, index: number): Mask {
  const box = sliceBox(mask.dims, axis, index);
  const dims: [number, number, number] = [mask.dims[0], mask.dims[1], mask.dims[2]];
  dims[axis] = 1;
  const origin = indexToWorld(mask, ijk(box.lo[0], box.lo[1], box.lo[2]));
  return { dims, spacing: mask.spacing, origin, direction: mask.direction, voxels: extractBox(mask.voxels, mask.dims, box) };
}

/** Writes a thickness-1 slice back (in place); returns the slice's box, what changed at most. */
export function writeSlice(mask: Mask, axis: Axis, index: number, slice: Uint8Array): VoxelBox {
  const box = sliceBox(mask.dims, axis, index);
  const expected = mask.voxels.length / mask.dims[axis];
  if (slice.length !== expected) throw new DelineateError('invalid-input', `slice has ${slice.length} voxels, a slice along axis ${axis} has ${expected}`);
  insertBox(mask.voxels, mask.dims, box, slice);
  return box;
}

/** Copies slice `from` onto slice `to` (e.g. the next one), replacing it; returns the touched box. */
export function copySlice(mask: Mask, axis: Axis, from: number, to: number): VoxelBox {
  return writeSlice(mask, axis, to, readSlice(mask, axis, from).voxels);
}

/**
 * The sizes of a slice's two in-plane axes (u, v): the remaining axes in order (axis 0: j, k; axis 1: i, k;
 * axis 2: i, j). A slice's voxels are indexed u + v * nu.
 */
export function planeDims(dims: Mask['dims'], axis: Axis): [number, number] {
  const [u, v] = ([0, 1, 2] as const).filter((a) => a !== axis) as [Axis, Axis];
  return [dims[u], dims[v]];
}

/** Millimetres between voxel centres along a slice's u and v axes. */
export function planeSpacing(spacing: Mask['spacing'], axis: Axis): [number, number] {
  const [u, v] = ([0, 1, 2] as const).filter((a) => a !== axis) as [Axis, Axis];
  return [spacing[u], spacing[v]];
}
