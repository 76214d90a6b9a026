import { onSameGrid } from './boolean.ts';
import { squaredDistanceMm2 } from './edt.ts';
import type { Mask } from './mask.ts';
import { cropWithBorder } from './crop.ts';
import { boundingBox, boxSize, type VoxelBox } from './patch.ts';
import { surfaceVoxels } from './surface.ts';

/**
 * Overlap and surface-distance metrics between two masks on one grid; definitions in docs/METRICS.md.
 * Distances are null when only one mask is empty (no surface to measure to).
 */
export interface MaskMetrics {
  readonly dice: number;
  readonly hd95Mm: number | null;
  readonly hdMm: number | null;
  readonly msdMm: number | null;
  readonly surfaceDice: number;
  readonly volumeACc: number;
  readonly volumeBCc: number;
}

export interface MetricOptions {
  /** Surface Dice tolerance tau in mm (default 2). */
  readonly toleranceMm?: number;
  /** Resample `b` onto `a`'s grid in world coordinates when the grids differ (otherwise refuse). */
  readonly resample?: boolean;
  readonly names?: readonly [string, string];
}

/** Both directed surface-distance sets: from each surface voxel of A to B's surface, and back, in mm. */
export interface SurfaceDistances {
  readonly aToB: Float64Array;
  readonly bToA: Float64Array;
}

/** Union of two boxes, grown by one voxel all round so that surfaces on the grid edge stay surfaces. */
function paddedUnion(a: VoxelBox, b: VoxelBox): VoxelBox {
  return {
    lo: [0, 1, 2].map((x) => Math.min(a.lo[x]!, b.lo[x]!) - 1) as [number, number, number],
    hi: [0, 1, 2].map((x) => Math.max(a.hi[x]!, b.hi[x]!) + 1) as [number, number, number],
  };
}

function distancesAt(from: Uint8Array, field: Float32Array): Float64Array {
  let count = 0;
  for (let n = 0; n < from.length; n++) count += from[n]!;
  const out = new Float64Array(count);
  let m = 0;
  for (let n = 0; n < from.length; n++) if (from[n]) out[m++] = Math.sqrt(field[n]!);
  return out;
}

/** Directed distances between surface voxel centres (6-neighbour surface, spacing in mm). Grids must match. */
export function surfaceDistances(a: Mask, bVoxels: Uint8Array): SurfaceDistances | null {
  const boxA = boundingBox(a.voxels, a.dims);
  const boxB = boundingBox(bVoxels, a.dims);
  if (!boxA || !boxB) return null;
  const box = paddedUnion(boxA, boxB);
  const dims = boxSize(box);
  const surfaceA = surfaceVoxels(cropWithBorder(a.voxels, a.dims, box), dims);
  const surfaceB = surfaceVoxels(cropWithBorder(bVoxels, a.dims, box), dims);
  return {
    aToB: distancesAt(surfaceA, squaredDistanceMm2(surfaceB, dims, a.spacing)),
    bToA: distancesAt(surfaceB, squaredDistanceMm2(surfaceA, dims, a.spacing)),
  };
}

/** The q-th percentile (0..100) of values, linear between order statistics (numpy's default). */
export function percentile(sorted: Float64Array, q: number): number {
  const position = (q / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Dice of two same-length binary voxel arrays: 2 |A and B| / (|A| + |B|), 1 when both are empty. */
export function diceCoefficient(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let sum = 0;
  for (let n = 0; n < a.length; n++) {
    const x = a[n] ? 1 : 0;
    const y = b[n] ? 1 : 0;
    both += x & y;
    sum += x + y;
  }
  return sum === 0 ? 1 : (2 * both) / sum;
}

function countSet(voxels: Uint8Array): number {
  let count = 0;
  for (let n = 0; n < voxels.length; n++) count += voxels[n] ? 1 : 0;
  return count;
}

export function compareMasks(a: Mask, b: Mask, options: MetricOptions = {}): MaskMetrics {
  const tolerance = options.toleranceMm ?? 2;
  const bVoxels = onSameGrid(a, b, options);
  const voxelCc = (a.spacing[0] * a.spacing[1] * a.spacing[2]) / 1000;
  const countA = countSet(a.voxels);
  const countB = countSet(bVoxels);
  const volumes = { volumeACc: countA * voxelCc, volumeBCc: countB * voxelCc };
  const dice = diceCoefficient(a.voxels, bVoxels);
  if (countA === 0 && countB === 0) return { dice, hd95Mm: 0, hdMm: 0, msdMm: 0, surfaceDice: 1, ...volumes };
  const distances = surfaceDistances(a, bVoxels);
  if (!distances) return { dice, hd95Mm: null, hdMm: null, msdMm: null, surfaceDice: 0, ...volumes };
  const all = new Float64Array(distances.aToB.length + distances.bToA.length);
  all.set(distances.aToB);
  all.set(distances.bToA, distances.aToB.length);
  all.sort();
  let sum = 0;
  let within = 0;
  for (let n = 0; n < all.length; n++) {
    sum += all[n]!;
    if (all[n]! <= tolerance * (1 + 1e-6)) within++; // the same tie slack as the scipy reference
  }
  return {
    dice,
    hd95Mm: percentile(all, 95),
    hdMm: all[all.length - 1]!,
    msdMm: sum / all.length,
    surfaceDice: within / all.length,
    ...volumes,
  };
}
