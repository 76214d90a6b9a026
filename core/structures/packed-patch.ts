import type { MaskPatch, VoxelBox } from '../mask/patch.ts';
import { boxSize } from '../mask/patch.ts';

/** A MaskPatch whose runs sit in a Uint32Array: 4 bytes a run, the form undo memos keep. */
export interface PackedPatch {
  readonly box: VoxelBox;
  readonly runs: Uint32Array;
}

/** Runs of 0/1 values as core/mask/patch.ts encodes them (0s first), found with indexOf. */
export function binaryRuns(values: Uint8Array): Uint32Array {
  let runs = new Uint32Array(64);
  let count = 0;
  let at = 0;
  let value = 0;
  do {
    const next = values.indexOf(value === 0 ? 1 : 0, at);
    const end = next < 0 ? values.length : next;
    if (count === runs.length) {
      const grown = new Uint32Array(runs.length * 2);
      grown.set(runs);
      runs = grown;
    }
    runs[count++] = end - at;
    at = end;
    value ^= 1;
  } while (at < values.length);
  return runs.slice(0, count);
}

/** `values` must be 0/1 (see StructureSet.applyEdit, which makes sure of it for outside callers). */
export function packPatch(box: VoxelBox, values: Uint8Array): PackedPatch {
  return { box, runs: binaryRuns(values) };
}

export function toMaskPatch(patch: PackedPatch): MaskPatch {
  return { box: patch.box, runs: Array.from(patch.runs) };
}

export function packedBytes(patch: PackedPatch): number {
  return patch.runs.byteLength + 48;
}

/**
 * The smallest box (in grid indices) around the voxels where `a` and `b` differ, both 0/1 and laid out in
 * `box`. Compared four voxels at a time; only differing words are looked at voxel by voxel.
 */
export function differingBox(a: Uint8Array, b: Uint8Array, box: VoxelBox): VoxelBox | null {
  const [bi, bj] = boxSize(box);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  const mark = (n: number) => {
    const i = n % bi;
    const row = (n - i) / bi;
    const j = row % bj;
    const k = (row - j) / bj;
    if (i < lo[0]!) lo[0] = i;
    if (i > hi[0]!) hi[0] = i;
    if (j < lo[1]!) lo[1] = j;
    if (j > hi[1]!) hi[1] = j;
    if (k < lo[2]!) lo[2] = k;
    if (k > hi[2]!) hi[2] = k;
  };
  let n = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >> 2;
    const wa = new Int32Array(a.buffer, a.byteOffset, words);
    const wb = new Int32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) {
      if (wa[w] === wb[w]) continue;
      for (let m = w * 4; m < w * 4 + 4; m++) if (a[m] !== b[m]) mark(m);
    }
    n = words * 4;
  }
  for (; n < a.length; n++) if (a[n] !== b[n]) mark(n);
  if (hi[0]! < 0) return null;
  return {
    lo: [box.lo[0] + lo[0]!, box.lo[1] + lo[1]!, box.lo[2] + lo[2]!],
    hi: [box.lo[0] + hi[0]! + 1, box.lo[1] + hi[1]! + 1, box.lo[2] + hi[2]! + 1],
  };
}
