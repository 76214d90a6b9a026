import { DelineateError } from '../errors.ts';
import type { Volume, VolumeGeometry } from '../geometry/volume.ts';
import { boundingBox, patchFromMask, type MaskPatch } from '../mask/patch.ts';
import type { ModelManifest } from './manifest.ts';
import { intensityStats, normaliseInto } from './normalise.ts';
import { patchCoordinate, patchSampleIndices, type Kji, type PatchFrame } from './prompt-box.ts';
import { axisWeights, sampleTrilinear } from './trilinear.ts';

const kji = (v: readonly number[]): Kji => [v[2]!, v[1]!, v[0]!];

/** Gaussian importance map over a patch (nnU-Net): sigma = size * sigmaScale per axis, peak 1, never 0. */
export function gaussianWeights(patch: Kji, sigmaScale: number): Float32Array {
  const axes = patch.map((n) => {
    const sigma = n * sigmaScale;
    const centre = (n - 1) / 2;
    return Float64Array.from({ length: n }, (_, t) => Math.exp(-((t - centre) ** 2) / (2 * sigma * sigma)));
  });
  const out = new Float32Array(patch[0] * patch[1] * patch[2]);
  let n = 0;
  let smallest = Infinity;
  for (let k = 0; k < patch[0]; k++) {
    for (let j = 0; j < patch[1]; j++) {
      for (let i = 0; i < patch[2]; i++, n++) {
        out[n] = axes[0]![k]! * axes[1]![j]! * axes[2]![i]!;
        if (out[n]! > 0 && out[n]! < smallest) smallest = out[n]!;
      }
    }
  }
  for (let m = 0; m < out.length; m++) if (out[m] === 0) out[m] = smallest;
  return out;
}

/** Tile starts along one axis: evenly spread, neighbours sharing at least `overlap` of a patch. */
export function tileStarts(size: number, patch: number, overlap: number): number[] {
  if (size <= patch) return [0];
  const step = Math.max(1, Math.floor(patch * (1 - overlap)));
  const count = Math.ceil((size - patch) / step) + 1;
  return Array.from({ length: count }, (_, t) => Math.round((t * (size - patch)) / (count - 1)));
}

/**
 * Whole-volume inference for an 'auto' model, as nnU-Net does it: the image resampled (trilinear) to the
 * target spacing over the same physical extent and normalised per channel; tiles of the patch size with
 * overlap; each tile's scores weighted by a Gaussian and summed; argmax over channels (or the threshold for a
 * single-channel model); the label map returned to the volume's grid by nearest neighbour.
 * Runs tile by tile, so the caller awaits the network between tiles and can stop at any point.
 */
export class SlidingWindow {
  readonly tiles: Kji[];
  readonly grid: Kji;
  readonly #frame: PatchFrame;
  readonly #image: Float32Array;
  readonly #patch: Kji;
  readonly #gaussian: Float32Array;
  #scores: Float32Array | null = null;
  #weight: Float32Array;
  #channels = 0;

  constructor(
    private readonly manifest: ModelManifest,
    private readonly volume: Volume,
  ) {
    const placement = manifest.patch.placement;
    if (placement.type !== 'sliding-window' || !manifest.targetSpacing) throw new DelineateError('unsupported', `${manifest.id}: not an auto-contouring model`);
    const spacing = kji(volume.spacing);
    const dims = kji(volume.dims);
    this.#patch = [...manifest.patch.size] as Kji;
    const target = manifest.targetSpacing;
    const resampled = dims.map((n, a) => Math.max(1, Math.round((n * spacing[a]!) / target[a]!))) as Kji;
    // The grid keeps the volume's extent at the target spacing and grows past its end to at least one patch.
    this.grid = resampled.map((n, a) => Math.max(n, this.#patch[a]!)) as Kji;
    const voxelMm = dims.map((n, a) => (n * spacing[a]!) / resampled[a]!);
    this.#frame = {
      loMm: spacing.map((s) => -s / 2) as Kji,
      sizeMm: this.grid.map((n, a) => n * voxelMm[a]!) as Kji,
      patch: this.grid,
    };
    const voxels = this.grid[0] * this.grid[1] * this.grid[2];
    const hu = new Float32Array(voxels);
    const weights = [0, 1, 2].map((a) => axisWeights(patchSampleIndices(this.#frame, a as 0 | 1 | 2, spacing[a]!))) as [ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>];
    sampleTrilinear(volume.scalars, dims, weights, manifest.intensity.outsideValue, hu);
    this.#image = new Float32Array(manifest.channels.length * voxels);
    manifest.channels.forEach((channel, c) => {
      if (channel.kind !== 'image') throw new DelineateError('unsupported', `${manifest.id}: channel ${channel.name} is not an image channel`);
      normaliseInto(channel.normalisation, hu, this.#image, c * voxels, () => intensityStats(volume.scalars));
    });
    this.#gaussian = gaussianWeights(this.#patch, placement.sigmaScale);
    this.#weight = new Float32Array(voxels);
    const starts = [0, 1, 2].map((a) => tileStarts(this.grid[a]!, this.#patch[a]!, placement.overlap));
    this.tiles = starts[0]!.flatMap((k) => starts[1]!.flatMap((j) => starts[2]!.map((i) => [k, j, i] as Kji)));
  }

  /** The network input for one tile: [1, C, D, H, W]. */
  input(tile: Kji): Float32Array {
    const [pk, pj, pi] = this.#patch;
    const [, gj, gi] = this.grid;
    const gridVoxels = this.grid[0] * gj * gi;
    const channels = this.manifest.channels.length;
    const out = new Float32Array(channels * pk * pj * pi);
    let n = 0;
    for (let c = 0; c < channels; c++) {
      for (let k = 0; k < pk; k++) {
        for (let j = 0; j < pj; j++, n += pi) {
          const from = c * gridVoxels + tile[2] + gi * (tile[1] + j + gj * (tile[0] + k));
          out.set(this.#image.subarray(from, from + pi), n);
        }
      }
    }
    return out;
  }

  /** Adds one tile's output [1, C', D, H, W] with the Gaussian weight. */
  add(tile: Kji, scores: Float32Array): void {
    const [pk, pj, pi] = this.#patch;
    const [, gj, gi] = this.grid;
    const patchVoxels = pk * pj * pi;
    const gridVoxels = this.grid[0] * gj * gi;
    const channels = scores.length / patchVoxels;
    if (!Number.isInteger(channels) || (this.#channels && channels !== this.#channels)) {
      throw new DelineateError('bad-data', `${this.manifest.id}: output of ${scores.length} values does not fit the ${pk}x${pj}x${pi} patch`);
    }
    this.#channels = channels;
    this.#scores ??= new Float32Array(channels * gridVoxels);
    const sum = this.#scores;
    for (let k = 0; k < pk; k++) {
      for (let j = 0; j < pj; j++) {
        const row = tile[2] + gi * (tile[1] + j + gj * (tile[0] + k));
        const p = pi * (j + pj * k);
        for (let i = 0; i < pi; i++) {
          const w = this.#gaussian[p + i]!;
          this.#weight[row + i]! += w;
          for (let c = 0; c < channels; c++) sum[c * gridVoxels + row + i]! += w * scores[c * patchVoxels + p + i]!;
        }
      }
    }
  }

  /** Label value per volume voxel (0 = background), on the volume's own grid. */
  labels(): Uint8Array {
    const gridVoxels = this.grid[0] * this.grid[1] * this.grid[2];
    const sum = this.#scores;
    if (!sum) throw new DelineateError('internal', 'sliding window: no tile was added');
    const onGrid = new Uint8Array(gridVoxels);
    const threshold = this.manifest.output.type === 'logits' ? 0 : 0.5;
    for (let n = 0; n < gridVoxels; n++) {
      if (this.#channels === 1) {
        onGrid[n] = sum[n]! / this.#weight[n]! > threshold ? 1 : 0;
        continue;
      }
      let best = 0;
      for (let c = 1; c < this.#channels; c++) if (sum[c * gridVoxels + n]! > sum[best * gridVoxels + n]!) best = c;
      onGrid[n] = best;
    }
    return this.#toVolume(onGrid);
  }

  #toVolume(onGrid: Uint8Array): Uint8Array {
    const spacing = kji(this.volume.spacing);
    const dims = kji(this.volume.dims);
    const nearest = [0, 1, 2].map((a) =>
      Int32Array.from({ length: dims[a]! }, (_, v) => Math.min(this.grid[a]! - 1, Math.max(0, Math.round(patchCoordinate(this.#frame, a as 0 | 1 | 2, spacing[a]!, v))))),
    );
    const [, gj, gi] = this.grid;
    const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
    let n = 0;
    for (let k = 0; k < dims[0]; k++) {
      for (let j = 0; j < dims[1]; j++) {
        const row = gi * (nearest[1]![j]! + gj * nearest[0]![k]!);
        for (let i = 0; i < dims[2]; i++, n++) out[n] = onGrid[row + nearest[2]![i]!]!;
      }
    }
    return out;
  }
}

/** One patch per label value present, each over its own bounding box. */
export function labelPatches(labels: Uint8Array, geometry: VolumeGeometry, values: readonly number[]): { value: number; patch: MaskPatch | null }[] {
  const bits = new Uint8Array(labels.length);
  return values.map((value) => {
    for (let n = 0; n < labels.length; n++) bits[n] = labels[n] === value ? 1 : 0;
    const box = boundingBox(bits, geometry.dims);
    return { value, patch: box ? patchFromMask(bits, geometry.dims, box) : null };
  });
}
