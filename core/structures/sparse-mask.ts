import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { Mask } from '../mask/mask.ts';
import { geometryOf } from '../mask/mask.ts';
import type { VoxelBox } from '../mask/patch.ts';
import { boxSize, checkBox } from '../mask/patch.ts';
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
    for (let k = 0; k < dims[2]; k++) slices.push(encodeSlice(voxels, k * size, size));
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
    const ni = this.dims[0];
    let n = 0;
    for (let k = box.lo[2]; k < box.hi[2]; k++) {
      const slice = this.#slices[k]!;
      for (let j = box.lo[1]; j < box.hi[1]; j++, n += bi) decodeRangeInto(slice, box.lo[0] + j * ni, bi, out, n);
    }
    return out;
  }

  /** Replaces the voxels inside `box` with `values` (box layout, 0 or non-zero); slices outside stay untouched. */
  writeBox(box: VoxelBox, values: Uint8Array): void {
    checkBox(box, this.dims, 'structure mask');
    const [bi, bj, bk] = boxSize(box);
    if (values.length !== bi * bj * bk) {
      throw new DelineateError('invalid-input', `structure mask: ${values.length} values for a ${bi}x${bj}x${bk} box`);
    }
    const ni = this.dims[0];
    const plane = new Uint8Array(this.#sliceSize);
    let n = 0;
    for (let k = box.lo[2]; k < box.hi[2]; k++) {
      decodeSliceInto(this.#slices[k]!, this.#sliceSize, plane, 0, true);
      for (let j = box.lo[1]; j < box.hi[1]; j++, n += bi) plane.set(values.subarray(n, n + bi), box.lo[0] + j * ni);
      this.#slices[k] = encodeSlice(plane);
      if (k + 1 < box.hi[2]) plane.fill(0);
    }
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
