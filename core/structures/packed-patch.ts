import type { MaskPatch, VoxelBox } from '../mask/patch.ts';
import { boxSize, boxVoxelCount, decodeRuns, encodeRuns } from '../mask/patch.ts';

/** A MaskPatch whose runs sit in a Uint32Array: 4 bytes a run, the form undo memos keep. */
export interface PackedPatch {
  readonly box: VoxelBox;
  readonly runs: Uint32Array;
}

export function packPatch(box: VoxelBox, values: Uint8Array): PackedPatch {
  return { box, runs: Uint32Array.from(encodeRuns(values)) };
}

export function packedValues(patch: PackedPatch, source: string): Uint8Array {
  return decodeRuns(patch.runs as unknown as readonly number[], boxVoxelCount(patch.box), source);
}

export function toMaskPatch(patch: PackedPatch): MaskPatch {
  return { box: patch.box, runs: Array.from(patch.runs) };
}

export function packedBytes(patch: PackedPatch): number {
  return patch.runs.byteLength + 48;
}

/** The smallest box (in grid indices) around the voxels where `a` and `b` differ, both laid out in `box`. */
export function differingBox(a: Uint8Array, b: Uint8Array, box: VoxelBox): VoxelBox | null {
  const [bi, bj, bk] = boxSize(box);
  const lo = [bi, bj, bk];
  const hi = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < bk; k++) {
    for (let j = 0; j < bj; j++) {
      for (let i = 0; i < bi; i++, n++) {
        if ((a[n] !== 0) === (b[n] !== 0)) continue;
        if (i < lo[0]!) lo[0] = i;
        if (i > hi[0]!) hi[0] = i;
        if (j < lo[1]!) lo[1] = j;
        if (j > hi[1]!) hi[1] = j;
        if (k < lo[2]!) lo[2] = k;
        if (k > hi[2]!) hi[2] = k;
      }
    }
  }
  if (hi[0]! < 0) return null;
  return {
    lo: [box.lo[0] + lo[0]!, box.lo[1] + lo[1]!, box.lo[2] + lo[2]!],
    hi: [box.lo[0] + hi[0]! + 1, box.lo[1] + hi[1]! + 1, box.lo[2] + hi[2]! + 1],
  };
}

/** The part of box-laid-out `values` (over `outer`) that lies in `inner` (which is inside `outer`). */
export function cropValues(values: Uint8Array, outer: VoxelBox, inner: VoxelBox): Uint8Array {
  const [oi, oj] = boxSize(outer);
  const [ii, ij, ik] = boxSize(inner);
  const out = new Uint8Array(ii * ij * ik);
  let n = 0;
  for (let k = 0; k < ik; k++) {
    for (let j = 0; j < ij; j++, n += ii) {
      const from =
        inner.lo[0] - outer.lo[0] + (inner.lo[1] - outer.lo[1] + j) * oi + (inner.lo[2] - outer.lo[2] + k) * oi * oj;
      out.set(values.subarray(from, from + ii), n);
    }
  }
  return out;
}
