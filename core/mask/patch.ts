import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';

/** Voxel box [lo, hi) in index space: lo inclusive, hi exclusive, per axis i, j, k. */
export interface VoxelBox {
  readonly lo: readonly [number, number, number];
  readonly hi: readonly [number, number, number];
}

/**
 * A binary sub-volume of a mask: the voxels inside `box`, run-length encoded in memory order (i fastest).
 * `runs` alternate lengths of 0s and 1s, starting with 0s (a leading 0-length run when the box starts inside).
 * This is how masks cross IPC (an organ's mask is a few kilobytes this way) and how edits are remembered.
 */
export interface MaskPatch {
  readonly box: VoxelBox;
  readonly runs: readonly number[];
}

export function boxSize(box: VoxelBox): [number, number, number] {
  return [box.hi[0] - box.lo[0], box.hi[1] - box.lo[1], box.hi[2] - box.lo[2]];
}

export function boxVoxelCount(box: VoxelBox): number {
  const [a, b, c] = boxSize(box);
  return Math.max(0, a) * Math.max(0, b) * Math.max(0, c);
}

export function encodeRuns(bits: Uint8Array): number[] {
  const runs: number[] = [];
  let value = 0;
  let length = 0;
  for (let n = 0; n < bits.length; n++) {
    const bit = bits[n] !== 0 ? 1 : 0;
    if (bit === value) {
      length++;
    } else {
      runs.push(length);
      value = bit;
      length = 1;
    }
  }
  runs.push(length);
  return runs;
}

export function decodeRuns(runs: readonly number[], count: number, source = 'mask runs'): Uint8Array {
  const bits = new Uint8Array(count);
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    const length = runs[r]!;
    if (!Number.isInteger(length) || length < 0 || at + length > count) {
      throw new DelineateError('bad-data', `${source}: run ${r} (${length}) does not fit ${count} voxels`);
    }
    if (r % 2 === 1) bits.fill(1, at, at + length);
    at += length;
  }
  if (at !== count) throw new DelineateError('bad-data', `${source}: runs cover ${at} of ${count} voxels`);
  return bits;
}

/**
 * Index of the first non-zero byte in [from, to), or -1. Reads four bytes at a time where the array allows it:
 * bounding boxes of small structures in whole CT grids are mostly a scan over zeros.
 */
function firstSet(voxels: Uint8Array, words: Uint32Array | null, from: number, to: number): number {
  let n = from;
  if (words) {
    for (; n < to && n & 3; n++) if (voxels[n]) return n;
    for (let w = n >> 2, end = to >> 2; w < end; w++, n += 4) if (words[w]) break;
  }
  for (; n < to; n++) if (voxels[n]) return n;
  return -1;
}

function lastSet(voxels: Uint8Array, from: number, to: number): number {
  for (let n = to - 1; n >= from; n--) if (voxels[n]) return n;
  return -1;
}

/** The smallest box holding every non-zero voxel, or null for an empty mask. */
export function boundingBox(voxels: Uint8Array, dims: VolumeGeometry['dims']): VoxelBox | null {
  const [ni, nj, nk] = dims;
  const words = voxels.byteOffset % 4 === 0 ? new Uint32Array(voxels.buffer, voxels.byteOffset, voxels.length >> 2) : null;
  const lo = [ni, nj, nk];
  const hi = [-1, -1, -1];
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      const row = (k * nj + j) * ni;
      const first = firstSet(voxels, words, row, row + ni);
      if (first < 0) continue;
      const last = lastSet(voxels, first, row + ni);
      if (first - row < lo[0]!) lo[0] = first - row;
      if (last - row > hi[0]!) hi[0] = last - row;
      if (j < lo[1]!) lo[1] = j;
      if (j > hi[1]!) hi[1] = j;
      if (k < lo[2]!) lo[2] = k;
      hi[2] = k;
    }
  }
  if (hi[0]! < 0) return null;
  return { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]! + 1, hi[1]! + 1, hi[2]! + 1] };
}

/** Copies the voxels inside `box` out of a full-grid mask (i fastest). */
export function extractBox(voxels: Uint8Array, dims: VolumeGeometry['dims'], box: VoxelBox): Uint8Array {
  const [bi, bj, bk] = boxSize(box);
  const out = new Uint8Array(bi * bj * bk);
  const [ni, nj] = dims;
  let n = 0;
  for (let k = box.lo[2]; k < box.hi[2]; k++) {
    for (let j = box.lo[1]; j < box.hi[1]; j++, n += bi) {
      const start = box.lo[0] + j * ni + k * ni * nj;
      out.set(voxels.subarray(start, start + bi), n);
    }
  }
  return out;
}

/** Writes box-shaped voxels back into a full-grid mask. */
export function insertBox(voxels: Uint8Array, dims: VolumeGeometry['dims'], box: VoxelBox, values: Uint8Array): void {
  const [bi] = boxSize(box);
  const [ni, nj] = dims;
  let n = 0;
  for (let k = box.lo[2]; k < box.hi[2]; k++) {
    for (let j = box.lo[1]; j < box.hi[1]; j++, n += bi) {
      voxels.set(values.subarray(n, n + bi), box.lo[0] + j * ni + k * ni * nj);
    }
  }
}

export function checkBox(box: VoxelBox, dims: VolumeGeometry['dims'], source: string): void {
  for (let a = 0; a < 3; a++) {
    if (!(box.lo[a]! >= 0 && box.lo[a]! <= box.hi[a]! && box.hi[a]! <= dims[a]!)) {
      throw new DelineateError('invalid-input', `${source}: box [${box.lo}]..[${box.hi}] is outside the ${dims.join('x')} grid`);
    }
  }
}

export function patchFromMask(voxels: Uint8Array, dims: VolumeGeometry['dims'], box: VoxelBox): MaskPatch {
  return { box, runs: encodeRuns(extractBox(voxels, dims, box)) };
}

export function applyPatch(voxels: Uint8Array, dims: VolumeGeometry['dims'], patch: MaskPatch, source = 'mask patch'): void {
  checkBox(patch.box, dims, source);
  insertBox(voxels, dims, patch.box, decodeRuns(patch.runs, boxVoxelCount(patch.box), source));
}

/** The smallest box holding both. */
export function unionBox(a: VoxelBox, b: VoxelBox): VoxelBox {
  return {
    lo: [Math.min(a.lo[0], b.lo[0]), Math.min(a.lo[1], b.lo[1]), Math.min(a.lo[2], b.lo[2])],
    hi: [Math.max(a.hi[0], b.hi[0]), Math.max(a.hi[1], b.hi[1]), Math.max(a.hi[2], b.hi[2])],
  };
}

/** `inner` relative to `outer`'s corner, so a box-shaped array can be addressed like a small grid. */
export function boxWithin(inner: VoxelBox, outer: VoxelBox): VoxelBox {
  const shift = (v: readonly number[]) => [v[0]! - outer.lo[0], v[1]! - outer.lo[1], v[2]! - outer.lo[2]] as const;
  return { lo: shift(inner.lo), hi: shift(inner.hi) };
}

/** `top` written over `base`: one patch over the union of both boxes (voxels of neither box are 0). */
export function overlayPatch(base: MaskPatch, top: MaskPatch): MaskPatch {
  const box = unionBox(base.box, top.box);
  const bits = new Uint8Array(boxVoxelCount(box));
  for (const patch of [base, top]) insertBox(bits, boxSize(box), boxWithin(patch.box, box), decodeRuns(patch.runs, boxVoxelCount(patch.box), 'mask patch'));
  return { box, runs: encodeRuns(bits) };
}
