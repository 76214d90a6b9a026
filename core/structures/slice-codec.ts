/**
 * How one axial slice of one structure is kept in memory. A slice is `size` voxels (i fastest, then j).
 *
 * - null: empty, costs nothing (most slices of most structures).
 * - Uint32Array "edges": the sorted voxel offsets where the value flips, starting from 0; voxels in
 *   [e0, e1), [e2, e3), ... are inside, so the length is always even. 4 bytes per edge; an organ outline has
 *   two edges per row it crosses, a few kilobytes per slice.
 * - Uint8Array "bits": one bit per voxel, LSB first, for slices whose outline is so busy (noise, speckle)
 *   that edges would cost more than size/8 bytes. This caps any slice at 1/8 byte per voxel.
 */
export type EncodedSlice = Uint32Array | Uint8Array | null;

/** Grow-only scratch for edges, shared by every encode (core code is single-threaded per realm). */
let edgeScratch = new Uint32Array(0);

/**
 * Encodes a slice of 0/1 voxels (other non-zero values are not allowed here: see SparseMask.fromDense).
 * Runs are found with indexOf, which scans natively: several times faster than a byte loop on masks.
 */
export function encodeSlice(bits: Uint8Array, start = 0, size = bits.length - start): EncodedSlice {
  if (edgeScratch.length < size + 1) edgeScratch = new Uint32Array(size + 1);
  const edges = edgeScratch;
  const packedBytes = (size + 7) >> 3;
  // More edges than this and a bit plane is smaller: stop collecting early.
  const maxEdges = packedBytes >> 2;
  let count = 0;
  // A bounded view: indexOf on a longer buffer would scan past the slice when a value is absent.
  const slice = bits.subarray(start, start + size);
  let at = 0;
  while (at < size) {
    const rise = slice.indexOf(1, at);
    if (rise < 0) break;
    const fall = slice.indexOf(0, rise);
    const stop = fall < 0 ? size : fall;
    if (count + 2 > maxEdges) return packBits(bits, start, size);
    edges[count++] = rise;
    edges[count++] = stop;
    at = stop;
  }
  if (count === 0) return null;
  return edges.slice(0, count);
}

function packBits(bits: Uint8Array, start: number, size: number): Uint8Array {
  const packed = new Uint8Array((size + 7) >> 3);
  for (let n = 0; n < size; n++) if (bits[start + n] !== 0) packed[n >> 3]! |= 1 << (n & 7);
  return packed;
}

/** Writes the slice's voxels (0 or 1) into out[offset .. offset+size); out must be zero there for edges. */
export function decodeSliceInto(slice: EncodedSlice, size: number, out: Uint8Array, offset = 0, outIsZero = false): void {
  if (!outIsZero) out.fill(0, offset, offset + size);
  if (slice === null) return;
  if (slice instanceof Uint32Array) {
    for (let e = 0; e < slice.length; e += 2) out.fill(1, offset + slice[e]!, offset + slice[e + 1]!);
    return;
  }
  for (let n = 0; n < size; n++) out[offset + n] = (slice[n >> 3]! >> (n & 7)) & 1;
}

/** Index of the first edge greater than `position` (edges are strictly increasing). */
function firstEdgeAfter(edges: Uint32Array, position: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copies the voxels at slice offsets [from, from+length) into out[at ..]; out must be zero there. */
export function decodeRangeInto(slice: EncodedSlice, from: number, length: number, out: Uint8Array, at: number): void {
  if (slice === null || length <= 0) return;
  const to = from + length;
  if (slice instanceof Uint32Array) {
    let e = firstEdgeAfter(slice, from);
    // An odd index means `from` lies inside a run that started before it.
    let runStart = e % 2 === 1 ? from : -1;
    for (; e < slice.length && (runStart >= 0 || slice[e]! < to); e++) {
      if (runStart < 0) {
        runStart = slice[e]!;
      } else {
        out.fill(1, at + runStart - from, at + Math.min(slice[e]!, to) - from);
        runStart = -1;
      }
    }
    return;
  }
  for (let n = from; n < to; n++) out[at + n - from] = (slice[n >> 3]! >> (n & 7)) & 1;
}

/**
 * Samples the slice at offsets first, first+stride, ... (count of them) into out[at], out[at+outStride], ...
 * Used for sagittal reads (fixed i): one voxel per row. Edges are walked once, not searched per row.
 */
export function decodeStridedInto(
  slice: EncodedSlice,
  first: number,
  stride: number,
  count: number,
  out: Uint8Array,
  at: number,
  outStride: number,
): void {
  if (slice === null) return;
  if (slice instanceof Uint32Array) {
    // Only the samples between the first and last edge can be inside.
    const from = Math.max(0, Math.ceil((slice[0]! - first) / stride));
    const to = Math.min(count, Math.floor((slice[slice.length - 1]! - 1 - first) / stride) + 1);
    let e = firstEdgeAfter(slice, first + from * stride);
    for (let r = from, position = first + from * stride; r < to; r++, position += stride) {
      while (e < slice.length && slice[e]! <= position) e++;
      if (e % 2 === 1) out[at + r * outStride] = 1;
    }
    return;
  }
  for (let r = 0, position = first; r < count; r++, position += stride) {
    out[at + r * outStride] = (slice[position >> 3]! >> (position & 7)) & 1;
  }
}

export function sliceVoxelCount(slice: EncodedSlice, size: number): number {
  if (slice === null) return 0;
  let count = 0;
  if (slice instanceof Uint32Array) {
    for (let e = 0; e < slice.length; e += 2) count += slice[e + 1]! - slice[e]!;
    return count;
  }
  for (let n = 0; n < size; n++) count += (slice[n >> 3]! >> (n & 7)) & 1;
  return count;
}

export function sliceBytes(slice: EncodedSlice): number {
  return slice === null ? 0 : slice.byteLength;
}
