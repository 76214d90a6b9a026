import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { Mask } from '../mask/mask.ts';
import { geometryOf } from '../mask/mask.ts';
import type { MaskPatch, VoxelBox } from '../mask/patch.ts';
import { boxSize, boxVoxelCount, checkBox } from '../mask/patch.ts';
import { RunReader, RunWriter } from './run-stream.ts';
import type { EncodedSlice } from './slice-codec.ts';
import { decodeRangeInto, decodeSliceInto, decodeStridedInto, encodeSlice, sliceBytes, sliceVoxelCount } from './slice-codec.ts';

export type SliceAxis = 'i' | 'j' | 'k';
type Dims = VolumeGeometry['dims'];

/**
 * One structure's binary mask kept slice by slice along k (see slice-codec.ts): empty slices cost nothing,
 * the rest are edge lists or bit planes. Reads return dense Uint8Arrays (0/1) in these layouts:
 * - axial (k fixed):     out[i + j*ni]
 * - coronal (j fixed):   out[i + k*ni]
 * - sagittal (i fixed):  out[j + k*nj]
 */
export class SparseMask {
  readonly dims: Dims;
  readonly #slices: EncodedSlice[];
  readonly #sliceSize: number;

  constructor(dims: Dims, slices?: EncodedSlice[]) {
    this.dims = dims;
    this.#sliceSize = dims[0] * dims[1];
    this.#slices = slices ?? new Array<EncodedSlice>(dims[2]).fill(null);
    if (this.#slices.length !== dims[2]) {
      throw new DelineateError('bad-data', `structure mask: ${this.#slices.length} slices for a grid of ${dims[2]}`);
    }
  }

  static fromDense(voxels: Uint8Array, dims: Dims): SparseMask {
    const size = dims[0] * dims[1];
    if (voxels.length !== size * dims[2]) {
      throw new DelineateError('invalid-input', `structure mask: ${voxels.length} voxels for a ${dims.join('x')} grid`);
    }
    const slices: EncodedSlice[] = [];
    const plane = new Uint8Array(size);
    for (let k = 0; k < dims[2]; k++) {
      // Any non-zero value counts as inside; the codec wants 0/1.
      for (let n = 0; n < size; n++) plane[n] = voxels[k * size + n] !== 0 ? 1 : 0;
      slices.push(encodeSlice(plane));
    }
    return new SparseMask(dims, slices);
  }

  /** The encoded slices, shared (not copied): for serialisation. Do not mutate them. */
  encodedSlices(): readonly EncodedSlice[] {
    return this.#slices;
  }

  readSlice(axis: SliceAxis, index: number, out?: Uint8Array): Uint8Array {
    const [ni, nj, nk] = this.dims;
    const limit = axis === 'i' ? ni : axis === 'j' ? nj : nk;
    if (!Number.isInteger(index) || index < 0 || index >= limit) {
      throw new DelineateError('invalid-input', `structure mask: slice ${axis}=${index} is outside 0..${limit - 1}`);
    }
    const length = axis === 'k' ? ni * nj : axis === 'j' ? ni * nk : nj * nk;
    const target = out ?? new Uint8Array(length);
    if (out) target.fill(0, 0, length);
    if (axis === 'k') {
      decodeSliceInto(this.#slices[index]!, this.#sliceSize, target, 0, true);
    } else if (axis === 'j') {
      for (let k = 0; k < nk; k++) decodeRangeInto(this.#slices[k]!, index * ni, ni, target, k * ni);
    } else {
      for (let k = 0; k < nk; k++) decodeStridedInto(this.#slices[k]!, index, ni, nj, target, k * nj, 1);
    }
    return target;
  }

  /** A dense copy on the structure's grid, for the mask operations in core/mask. */
  toMask(geometry: VolumeGeometry): Mask {
    if (geometry.dims.some((d, a) => d !== this.dims[a])) {
      throw new DelineateError('invalid-input', `structure mask: grid ${this.dims.join('x')} is not ${geometry.dims.join('x')}`);
    }
    const voxels = new Uint8Array(this.#sliceSize * this.dims[2]);
    for (let k = 0; k < this.dims[2]; k++) decodeSliceInto(this.#slices[k]!, this.#sliceSize, voxels, k * this.#sliceSize, true);
    return { ...geometryOf(geometry), voxels };
  }

  /** The voxels inside `box`, i fastest (the layout of core/mask/patch.ts extractBox). */
  readBox(box: VoxelBox): Uint8Array {
    checkBox(box, this.dims, 'structure mask');
    const [bi, bj, bk] = boxSize(box);
    const out = new Uint8Array(bi * bj * bk);
    for (let k = box.lo[2]; k < box.hi[2]; k++) this.readSlab(k, box, out, (k - box.lo[2]) * bi * bj);
    return out;
  }

  /** The box's rows on slice k into out[at ..] (bi*bj voxels, i fastest); out must be zero there. */
  readSlab(k: number, box: VoxelBox, out: Uint8Array, at = 0): void {
    const bi = box.hi[0] - box.lo[0];
    const ni = this.dims[0];
    const slice = this.#slices[k]!;
    for (let j = box.lo[1], n = at; j < box.hi[1]; j++, n += bi) decodeRangeInto(slice, box.lo[0] + j * ni, bi, out, n);
  }

  /** Replaces the voxels inside `box` with `values` (box layout, 0 or 1 only); slices outside stay untouched. */
  writeBox(box: VoxelBox, values: Uint8Array): void {
    checkBox(box, this.dims, 'structure mask');
    const [bi, bj, bk] = boxSize(box);
    if (values.length !== bi * bj * bk) {
      throw new DelineateError('invalid-input', `structure mask: ${values.length} values for a ${bi}x${bj}x${bk} box`);
    }
    const plane = new Uint8Array(this.#sliceSize);
    for (let k = box.lo[2]; k < box.hi[2]; k++) this.writeSlab(k, box, values.subarray((k - box.lo[2]) * bi * bj), plane);
  }

  /** Like writeBox, from MaskPatch runs, one slab at a time (no box-sized temporary). */
  writeRuns(box: VoxelBox, runs: ArrayLike<number>, source: string): void {
    checkBox(box, this.dims, source);
    const [bi, bj] = boxSize(box);
    const reader = new RunReader(runs, boxVoxelCount(box), source);
    const slab = new Uint8Array(bi * bj);
    const plane = new Uint8Array(this.#sliceSize);
    // Decode everything before touching the mask, so bad runs leave it as it was.
    const slabs: EncodedSlice[] = [];
    for (let k = box.lo[2]; k < box.hi[2]; k++) {
      reader.read(slab, slab.length);
      slabs.push(this.#withSlab(k, box, slab, plane));
    }
    reader.finish();
    slabs.forEach((slice, n) => (this.#slices[box.lo[2] + n] = slice));
  }

  /** Writes the box's rows on slice k from values[0 .. bi*bj). `plane` is a reusable slice-sized buffer. */
  writeSlab(k: number, box: VoxelBox, values: Uint8Array, plane = new Uint8Array(this.#sliceSize)): void {
    this.#slices[k] = this.#withSlab(k, box, values, plane);
  }

  #withSlab(k: number, box: VoxelBox, values: Uint8Array, plane: Uint8Array): EncodedSlice {
    const bi = box.hi[0] - box.lo[0];
    const ni = this.dims[0];
    decodeSliceInto(this.#slices[k]!, this.#sliceSize, plane, 0);
    for (let j = box.lo[1], n = 0; j < box.hi[1]; j++, n += bi) plane.set(values.subarray(n, n + bi), box.lo[0] + j * ni);
    return encodeSlice(plane);
  }

  /** The smallest box around every voxel inside, or null when empty; from the edges, without decoding. */
  bounds(): VoxelBox | null {
    const ni = this.dims[0];
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-1, -1, -1];
    this.#slices.forEach((slice, k) => {
      if (slice === null) return;
      lo[2] = Math.min(lo[2]!, k);
      hi[2] = k;
      const edges = slice instanceof Uint32Array ? slice : bitPlaneEdges(slice, this.#sliceSize);
      for (let e = 0; e < edges.length; e += 2) {
        const first = edges[e]!;
        const last = edges[e + 1]! - 1;
        const [j0, j1] = [Math.floor(first / ni), Math.floor(last / ni)];
        lo[1] = Math.min(lo[1]!, j0);
        hi[1] = Math.max(hi[1]!, j1);
        // A run over a row boundary covers the row's end and the next row's start.
        lo[0] = Math.min(lo[0]!, j0 === j1 ? first % ni : 0);
        hi[0] = Math.max(hi[0]!, j0 === j1 ? last % ni : ni - 1);
      }
    });
    if (hi[2]! < 0) return null;
    return { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]! + 1, hi[1]! + 1, hi[2]! + 1] };
  }

  /** The whole mask as one run-length patch over its bounds (how a full mask crosses IPC), or null when empty. */
  toPatch(): MaskPatch | null {
    const box = this.bounds();
    if (!box) return null;
    const [bi, bj] = boxSize(box);
    const slab = new Uint8Array(bi * bj);
    const writer = new RunWriter();
    for (let k = box.lo[2]; k < box.hi[2]; k++) {
      slab.fill(0);
      this.readSlab(k, box, slab);
      writer.push(slab, 0, slab.length);
    }
    return { box, runs: Array.from(writer.finish()) };
  }

  voxelCount(): number {
    let count = 0;
    for (const slice of this.#slices) count += sliceVoxelCount(slice, this.#sliceSize);
    return count;
  }

  /** Bytes held by the encoded slices (the measure of the <= 0.5 byte/voxel budget). */
  byteLength(): number {
    let bytes = 0;
    for (const slice of this.#slices) bytes += sliceBytes(slice);
    return bytes;
  }

  /** The k range [first, last] of non-empty slices, or null when the mask is empty. */
  sliceRange(): [number, number] | null {
    let first = -1;
    let last = -1;
    this.#slices.forEach((slice, k) => {
      if (slice === null) return;
      if (first < 0) first = k;
      last = k;
    });
    return first < 0 ? null : [first, last];
  }
}

/** Edges of a bit-plane slice (rare: only speckled slices are bit planes). */
function bitPlaneEdges(bits: Uint8Array, size: number): Uint32Array {
  const edges: number[] = [];
  let inside = false;
  for (let n = 0; n < size; n++) {
    const bit = ((bits[n >> 3]! >> (n & 7)) & 1) === 1;
    if (bit !== inside) {
      edges.push(n);
      inside = bit;
    }
  }
  if (inside) edges.push(size);
  return Uint32Array.from(edges);
}
