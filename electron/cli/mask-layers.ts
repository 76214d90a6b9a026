import type { VoxelArray } from '../../core/geometry/volume.ts';

/**
 * Masks on one grid packed into as few uint8 label layers as their overlaps allow: structure n is the voxels
 * of its layer equal to its label. RTSTRUCT and SEG export take structures as (voxels, label) and find the
 * boxes of every label of a layer in one pass, so twenty masks of a 512x512x200 CT cost one 52 MB array
 * rather than twenty (on some machines the first touch of each fresh page is most of the time).
 */
export class MaskLayers {
  readonly #layers: Uint8Array[] = [];
  readonly #used: number[] = [];

  constructor(private readonly voxelCount: number) {}

  /** Puts in the voxels where `values` is non-zero (or equals `value` when given); says where they went. */
  add(values: VoxelArray, value?: number): { voxels: Uint8Array; label: number } {
    const inside = insideIndices(values, value);
    const free = (layer: Uint8Array) => inside.every((v) => layer[v] === 0);
    let n = this.#layers.findIndex((layer, l) => this.#used[l]! < 255 && free(layer));
    if (n < 0) {
      n = this.#layers.push(new Uint8Array(this.voxelCount)) - 1;
      this.#used.push(0);
    }
    const layer = this.#layers[n]!;
    const label = ++this.#used[n]!;
    for (const v of inside) layer[v] = label;
    return { voxels: layer, label };
  }
}

/** Where `values` is non-zero (or equals `value`), ascending. */
function insideIndices(values: VoxelArray, value: number | undefined): Uint32Array {
  const found: number[] = [];
  const want = value ?? 0;
  // A mask is mostly 0: over bytes, skip zeros four at a time.
  const words = values instanceof Uint8Array && values.byteOffset % 4 === 0 ? new Uint32Array(values.buffer, values.byteOffset, values.length >> 2) : undefined;
  for (let v = 0; v < values.length; v++) {
    if (words && (v & 3) === 0 && v + 4 <= values.length && words[v >> 2] === 0) {
      v += 3;
      continue;
    }
    const x = values[v]!;
    if (value === undefined ? x !== 0 : x === want) found.push(v);
  }
  return Uint32Array.from(found);
}
