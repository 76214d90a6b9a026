import { DelineateError } from '../errors.ts';
import type { IjkIndex } from '../geometry/space.ts';
import type { Volume, VolumeGeometry } from '../geometry/volume.ts';
import { boundingBox, boxSize, boxVoxelCount, checkBox, decodeRuns, encodeRuns, extractBox, type MaskPatch, type VoxelBox } from '../mask/patch.ts';
import { bindClicks, keepClickedComponents } from './click-binding.ts';
import { drawPoints } from './click-maps.ts';
import type { ModelManifest } from './manifest.ts';
import { intensityStats, normaliseInto, type IntensityStats } from './normalise.ts';
import { patchCoordinate, patchSampleIndices, promptBox, type Kji, type MmBounds, type PatchFrame } from './prompt-box.ts';
import { axisWeights, clampPositions, sampleSeparable, sampleTrilinear } from './trilinear.ts';

/** A click on a voxel (rounded voxel index on the volume grid); positive adds, negative removes. */
export interface Click {
  readonly voxel: IjkIndex;
  readonly positive: boolean;
}

export interface InteractivePrompts {
  /** In the order given; the last one is the newest. */
  readonly clicks: readonly Click[];
  /** Optional box prompt, for models with a 'box' channel. */
  readonly box?: VoxelBox | null;
  /** Optional scribbles (voxels painted by the user), for models with scribble channels. */
  readonly scribbles?: { readonly positive: readonly IjkIndex[]; readonly negative: readonly IjkIndex[] } | null;
}

/** The network input for one interaction and where its patch lies. */
export interface InteractiveInput {
  readonly input: Float32Array;
  /** [1, C, D, H, W] */
  readonly shape: [number, number, number, number, number];
  readonly frame: PatchFrame;
}

const kji = (v: readonly number[]): Kji => [v[2]!, v[1]!, v[0]!];

/** The previous mask decoded inside its box, or null when absent or empty. */
interface DecodedPrevious {
  readonly box: VoxelBox;
  readonly bits: Uint8Array;
  /** Bounds of its non-zero voxels, volume index (i, j, k), hi exclusive. */
  readonly filled: VoxelBox;
}

function decodePrevious(previous: MaskPatch | null, dims: VolumeGeometry['dims']): DecodedPrevious | null {
  if (!previous) return null;
  checkBox(previous.box, dims, 'previous mask');
  const bits = decodeRuns(previous.runs, boxVoxelCount(previous.box), 'previous mask');
  const inner = boundingBox(bits, boxSize(previous.box));
  if (!inner) return null;
  const shift = (v: readonly number[]) => [0, 1, 2].map((a) => v[a]! + previous.box.lo[a]!) as [number, number, number];
  return { box: previous.box, bits, filled: { lo: shift(inner.lo), hi: shift(inner.hi) } };
}

const statsCache = new WeakMap<Volume['scalars'], IntensityStats>();
function volumeStats(volume: Volume): IntensityStats {
  let stats = statsCache.get(volume.scalars);
  if (!stats) statsCache.set(volume.scalars, (stats = intensityStats(volume.scalars)));
  return stats;
}

/**
 * Builds an interactive model's input exactly as its manifest says (the reference is make_input in
 * native-models/training/click3d.py): the prompt box in physical space, the image trilinear at each patch
 * voxel centre (outside the volume = intensity.outsideValue), the previous mask trilinear (0 outside), the
 * clicks drawn with the manifest's encoding.
 */
export function buildInteractiveInput(manifest: ModelManifest, volume: Volume, previous: MaskPatch | null, prompts: InteractivePrompts): InteractiveInput {
  const placement = manifest.patch.placement;
  if (placement.type !== 'prompt-box') throw new DelineateError('unsupported', `${manifest.id}: not an interactive model`);
  const positiveScribbles = prompts.scribbles?.positive ?? [];
  const kinds = manifest.channels.map((c) => c.kind);
  if (prompts.box && !kinds.includes('box')) throw new DelineateError('invalid-input', `${manifest.id} takes no box prompt`);
  if ((prompts.scribbles?.positive.length || prompts.scribbles?.negative.length) && !kinds.some((k) => k.endsWith('scribbles'))) {
    throw new DelineateError('invalid-input', `${manifest.id} takes no scribbles`);
  }
  for (const v of [...positiveScribbles, ...(prompts.scribbles?.negative ?? [])]) {
    if (v.some((x, a) => !(x >= 0 && x <= volume.dims[a]! - 1))) throw new DelineateError('invalid-input', `scribble voxel (${v.join(', ')}) is outside the ${volume.dims.join('x')} volume`);
  }
  for (const c of prompts.clicks) {
    if (c.voxel.some((v, a) => !(v >= 0 && v <= volume.dims[a]! - 1))) {
      throw new DelineateError('invalid-input', `click (${c.voxel.join(', ')}) is outside the ${volume.dims.join('x')} volume`);
    }
  }
  const spacing = kji(volume.spacing);
  const dims = kji(volume.dims);
  const patch = [...manifest.patch.size] as Kji;
  const toMm = (voxel: readonly number[]): Kji => kji(voxel).map((v, a) => v * spacing[a]!) as Kji;
  const prev = decodePrevious(previous, volume.dims);
  // The patch box holds the newest click, the positive clicks, the box prompt and the positive scribbles.
  const newest = prompts.clicks.at(-1);
  const points = [...(newest ? [toMm(newest.voxel)] : []), ...prompts.clicks.filter((c) => c.positive).map((c) => toMm(c.voxel))];
  if (prompts.box) points.push(toMm(prompts.box.lo), toMm(prompts.box.hi.map((v) => v - 1)));
  points.push(...positiveScribbles.map(toMm));
  const prevBounds: MmBounds | null = prev ? { lo: toMm(prev.filled.lo), hi: toMm(prev.filled.hi.map((v) => v - 1)) } : null;
  if (points.length === 0 && !prevBounds) {
    throw new DelineateError('invalid-input', `${manifest.id}: an interaction needs a click, a box or a positive scribble`);
  }
  const frame = promptBox(placement, patch, prevBounds, points);

  const positions = [0, 1, 2].map((a) => patchSampleIndices(frame, a as 0 | 1 | 2, spacing[a]!));
  const weights = positions.map(axisWeights) as [ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>];
  const voxels = patch[0] * patch[1] * patch[2];
  const channels = manifest.channels.length;
  const input = new Float32Array(channels * voxels);
  let image: Float32Array | undefined;
  const toPatch = (voxel: readonly number[]): Kji => kji(voxel).map((v, a) => patchCoordinate(frame, a as 0 | 1 | 2, spacing[a]!, v)) as Kji;
  manifest.channels.forEach((channel, c) => {
    const offset = c * voxels;
    switch (channel.kind) {
      case 'image':
        if (!image) {
          image = new Float32Array(voxels);
          sampleTrilinear(volume.scalars, dims, weights, manifest.intensity.outsideValue, image);
        }
        normaliseInto(channel.normalisation, image, input, offset, () => volumeStats(volume));
        break;
      case 'previous-mask':
        if (prev) {
          const shifted = positions.map((p, a) => axisWeights(p.map((u) => u - kji(prev.box.lo)[a]!))) as typeof weights;
          sampleTrilinear(prev.bits, kji(boxSize(prev.box)), shifted, 0, input, offset);
        }
        break;
      case 'positive-clicks':
      case 'negative-clicks': {
        const wanted = channel.kind === 'positive-clicks';
        const chosen = prompts.clicks.filter((k) => k.positive === wanted).map((k) => toPatch(k.voxel));
        drawPoints(manifest.clickEncoding!, frame, chosen, input, offset);
        break;
      }
      case 'box':
        if (prompts.box) fillBox(frame, spacing, prompts.box, input, offset);
        break;
      case 'positive-scribbles':
      case 'negative-scribbles': {
        const voxels = channel.kind === 'positive-scribbles' ? prompts.scribbles?.positive : prompts.scribbles?.negative;
        drawPoints(manifest.clickEncoding!, frame, (voxels ?? []).map(toPatch), input, offset);
        break;
      }
    }
  });
  return { input, shape: [1, channels, patch[0], patch[1], patch[2]], frame };
}

/** 1 at patch voxels whose centre lies inside the box prompt (voxel index box, hi exclusive). */
function fillBox(frame: PatchFrame, spacing: Kji, box: VoxelBox, out: Float32Array, offset: number): void {
  const [pk, pj, pi] = frame.patch;
  const inside = [0, 1, 2].map((a) => {
    const u = patchSampleIndices(frame, a as 0 | 1 | 2, spacing[a]!);
    const lo = kji(box.lo)[a]! - 0.5;
    const hi = kji(box.hi)[a]! - 0.5;
    return Uint8Array.from(u, (x) => (x >= lo && x < hi ? 1 : 0));
  });
  for (let k = 0; k < pk; k++) {
    for (let j = 0; j < pj; j++) {
      for (let i = 0; i < pi; i++) if (inside[0]![k] && inside[1]![j] && inside[2]![i]) out[offset + i + pi * (j + pj * k)] = 1;
    }
  }
}

/**
 * Pastes a patch answer back (paste_back in click3d.py): every volume voxel whose position lies in the
 * frame [loMm, loMm + sizeMm) takes the edge-clamped trilinear sample of the scores at its patch
 * coordinate, thresholded (logit > 0, probability > 0.5); voxels outside keep the previous mask. Where the
 * manifest's `interaction` asks, the answer then keeps only components holding a positive click or touching
 * the previous mask, and the clicked voxels follow their clicks (click-binding.ts).
 * Returns the smallest patch holding every voxel that changed, or null when nothing did.
 */
export function pasteInteractive(
  manifest: ModelManifest,
  scores: Float32Array,
  frame: PatchFrame,
  geometry: VolumeGeometry,
  previous: MaskPatch | null,
  clicks: readonly Click[] = [],
): { patch: MaskPatch | null; region: VoxelBox; foreground: number } {
  const spacing = kji(geometry.spacing);
  const dims = kji(geometry.dims);
  const a0 = [0, 1, 2].map((a) => Math.max(0, Math.ceil(frame.loMm[a]! / spacing[a]! - 1e-9)));
  const a1 = [0, 1, 2].map((a) => Math.min(dims[a]!, Math.ceil((frame.loMm[a]! + frame.sizeMm[a]!) / spacing[a]! - 1e-9)));
  const region: VoxelBox = { lo: [a0[2]!, a0[1]!, a0[0]!], hi: [Math.max(a0[2]!, a1[2]!), Math.max(a0[1]!, a1[1]!), Math.max(a0[0]!, a1[0]!)] };
  const count = boxVoxelCount(region);
  if (count === 0) return { patch: null, region, foreground: 0 };
  const weights = [0, 1, 2].map((a) => {
    const t = new Float64Array(a1[a]! - a0[a]!);
    for (let v = a0[a]!; v < a1[a]!; v++) t[v - a0[a]!] = patchCoordinate(frame, a as 0 | 1 | 2, spacing[a]!, v);
    return axisWeights(clampPositions(t, frame.patch[a]!));
  }) as [ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>, ReturnType<typeof axisWeights>];
  const sampled = new Float32Array(count);
  sampleSeparable(scores, frame.patch, weights, sampled);
  const threshold = manifest.output.type === 'logits' ? 0 : 0.5;
  const before = previousInside(previous, geometry.dims, region);
  const after = new Uint8Array(count);
  for (let m = 0; m < count; m++) after[m] = sampled[m]! > threshold ? 1 : 0;
  if (manifest.interaction?.keepClickedComponents) keepClickedComponents(after, before, region, clicks);
  if (manifest.interaction?.bindClicks) bindClicks(after, region, clicks);
  // Count the foreground and bound the voxels that changed, in one pass.
  const [ri, rj] = boxSize(region);
  const lo = [ri, rj, Infinity];
  const hi = [-1, -1, -1];
  let foreground = 0;
  let n = 0;
  for (let k = 0; k < a1[0]! - a0[0]!; k++) {
    for (let j = 0; j < rj; j++) {
      let first = -1;
      let last = -1;
      for (let i = 0; i < ri; i++, n++) {
        foreground += after[n]!;
        if (after[n] === before[n]) continue;
        if (first < 0) first = i;
        last = i;
      }
      if (first < 0) continue;
      if (first < lo[0]!) lo[0] = first;
      if (last > hi[0]!) hi[0] = last;
      if (j < lo[1]!) lo[1] = j;
      if (j > hi[1]!) hi[1] = j;
      if (k < lo[2]!) lo[2] = k;
      hi[2] = k;
    }
  }
  if (hi[0]! < 0) return { patch: null, region, foreground };
  const inner: VoxelBox = { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]! + 1, hi[1]! + 1, hi[2]! + 1] };
  const box: VoxelBox = {
    lo: [0, 1, 2].map((a) => inner.lo[a]! + region.lo[a]!) as [number, number, number],
    hi: [0, 1, 2].map((a) => inner.hi[a]! + region.lo[a]!) as [number, number, number],
  };
  return { patch: { box, runs: encodeRuns(extractBox(after, boxSize(region), inner)) }, region, foreground };
}

/** The previous mask's values inside `region` (0 where it has none). */
function previousInside(previous: MaskPatch | null, dims: VolumeGeometry['dims'], region: VoxelBox): Uint8Array {
  const out = new Uint8Array(boxVoxelCount(region));
  if (!previous) return out;
  checkBox(previous.box, dims, 'previous mask');
  const bits = decodeRuns(previous.runs, boxVoxelCount(previous.box), 'previous mask');
  const [pi, pj] = boxSize(previous.box);
  const [ri, rj] = boxSize(region);
  const lo = [0, 1, 2].map((a) => Math.max(region.lo[a]!, previous.box.lo[a]!));
  const hi = [0, 1, 2].map((a) => Math.min(region.hi[a]!, previous.box.hi[a]!));
  for (let k = lo[2]!; k < hi[2]!; k++) {
    for (let j = lo[1]!; j < hi[1]!; j++) {
      const from = lo[0]! - previous.box.lo[0] + pi * (j - previous.box.lo[1] + pj * (k - previous.box.lo[2]));
      const to = lo[0]! - region.lo[0] + ri * (j - region.lo[1] + rj * (k - region.lo[2]));
      out.set(bits.subarray(from, from + hi[0]! - lo[0]!), to);
    }
  }
  return out;
}
