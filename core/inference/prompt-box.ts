import type { PromptBoxPlacement } from './manifest.ts';

/** Three numbers in tensor axis order: k (slice), j (row), i (column). */
export type Kji = [number, number, number];

/**
 * Where a patch lies: a box in physical space along the image axes (mm from voxel 0's centre, position of
 * voxel v = v * spacing), cut into `patch` voxels per axis. Tensor axis order (k, j, i) throughout.
 */
export interface PatchFrame {
  readonly loMm: Kji;
  readonly sizeMm: Kji;
  readonly patch: Kji;
}

/** Bounds in mm (tensor order) of the points a box must hold. */
export interface MmBounds {
  readonly lo: Kji;
  readonly hi: Kji;
}

/**
 * The prompt box rule (see PromptBoxPlacement): P = previous-mask bounds U positive clicks U newest click,
 * r = marginFactor * extent + marginMm, at least firstPromptMm when there is no previous mask,
 * size = clamp(max(r, max(r) / maxAspect), minMm, maxMm), centred on P. Matches crop_box in
 * native-models/training/click3d.py.
 */
export function promptBox(rule: PromptBoxPlacement, patch: Kji, previous: MmBounds | null, points: readonly Kji[]): PatchFrame {
  const lo: Kji = [Infinity, Infinity, Infinity];
  const hi: Kji = [-Infinity, -Infinity, -Infinity];
  const take = (p: readonly number[]) => {
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a]!, p[a]!);
      hi[a] = Math.max(hi[a]!, p[a]!);
    }
  };
  for (const p of points) take(p);
  if (previous) {
    take(previous.lo);
    take(previous.hi);
  }
  const r = [0, 1, 2].map((a) => {
    const margin = rule.marginFactor * (hi[a]! - lo[a]!) + rule.marginMm;
    return previous ? margin : Math.max(margin, rule.firstPromptMm);
  });
  const m = Math.max(...r);
  const sizeMm = r.map((v) => Math.min(rule.maxMm, Math.max(rule.minMm, Math.max(v, m / rule.maxAspect)))) as Kji;
  const loMm = [0, 1, 2].map((a) => (lo[a]! + hi[a]!) / 2 - sizeMm[a]! / 2) as Kji;
  return { loMm, sizeMm, patch };
}

/**
 * Continuous voxel index (along one image axis) of each patch voxel centre:
 * u(t) = (loMm + (t + 0.5) * sizeMm / patch) / spacing.
 */
export function patchSampleIndices(frame: PatchFrame, axis: 0 | 1 | 2, spacingMm: number): Float64Array {
  const n = frame.patch[axis];
  const step = frame.sizeMm[axis] / n;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = (frame.loMm[axis] + (t + 0.5) * step) / spacingMm;
  return out;
}

/** Continuous patch coordinate of a voxel index along one axis: t = (v * spacing - loMm) / (sizeMm / patch) - 0.5. */
export function patchCoordinate(frame: PatchFrame, axis: 0 | 1 | 2, spacingMm: number, voxel: number): number {
  return (voxel * spacingMm - frame.loMm[axis]) / (frame.sizeMm[axis] / frame.patch[axis]) - 0.5;
}
