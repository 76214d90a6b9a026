import type { Kji } from './prompt-box.ts';

/**
 * Linear interpolation weights along one axis: for each sample, the lower neighbour index and the weight of
 * the upper one. Neighbours outside [0, n) are flagged, so the caller can treat them as `outside`.
 */
export interface AxisWeights {
  readonly lower: Int32Array;
  readonly upper: Float64Array;
}

export function axisWeights(positions: Float64Array): AxisWeights {
  const lower = new Int32Array(positions.length);
  const upper = new Float64Array(positions.length);
  for (let t = 0; t < positions.length; t++) {
    const x = positions[t]!;
    const x0 = Math.floor(x);
    lower[t] = x0;
    upper[t] = x - x0;
  }
  return { lower, upper };
}

/**
 * Trilinear samples of `source` (dims in tensor order [nk, nj, ni], i fastest) at the outer product of three
 * axis positions, written k-major into `out` from `offset`. Every neighbour outside the source counts as
 * `outside` (as grid_sample with zero padding on source - outside, then + outside).
 */
export function sampleTrilinear(
  source: ArrayLike<number>,
  dims: Kji,
  axes: readonly [AxisWeights, AxisWeights, AxisWeights],
  outside: number,
  out: Float32Array,
  offset = 0,
): void {
  const [nk, nj, ni] = dims;
  const [wk, wj, wi] = axes;
  const plane = ni * nj;
  let n = offset;
  const value = (k: number, j: number, i: number): number =>
    k < 0 || j < 0 || i < 0 || k >= nk || j >= nj || i >= ni ? outside : source[i + j * ni + k * plane]!;
  for (let a = 0; a < wk.lower.length; a++) {
    const k0 = wk.lower[a]!;
    const fk = wk.upper[a]!;
    for (let b = 0; b < wj.lower.length; b++) {
      const j0 = wj.lower[b]!;
      const fj = wj.upper[b]!;
      for (let c = 0; c < wi.lower.length; c++, n++) {
        const i0 = wi.lower[c]!;
        const fi = wi.upper[c]!;
        const inside = k0 >= 0 && j0 >= 0 && i0 >= 0 && k0 + 1 < nk && j0 + 1 < nj && i0 + 1 < ni;
        let v000: number, v001: number, v010: number, v011: number, v100: number, v101: number, v110: number, v111: number;
        if (inside) {
          const base = i0 + j0 * ni + k0 * plane;
          v000 = source[base]!;
          v001 = source[base + 1]!;
          v010 = source[base + ni]!;
          v011 = source[base + ni + 1]!;
          v100 = source[base + plane]!;
          v101 = source[base + plane + 1]!;
          v110 = source[base + plane + ni]!;
          v111 = source[base + plane + ni + 1]!;
        } else {
          v000 = value(k0, j0, i0);
          v001 = value(k0, j0, i0 + 1);
          v010 = value(k0, j0 + 1, i0);
          v011 = value(k0, j0 + 1, i0 + 1);
          v100 = value(k0 + 1, j0, i0);
          v101 = value(k0 + 1, j0, i0 + 1);
          v110 = value(k0 + 1, j0 + 1, i0);
          v111 = value(k0 + 1, j0 + 1, i0 + 1);
        }
        const c00 = v000 + (v001 - v000) * fi;
        const c01 = v010 + (v011 - v010) * fi;
        const c10 = v100 + (v101 - v100) * fi;
        const c11 = v110 + (v111 - v110) * fi;
        const c0 = c00 + (c01 - c00) * fj;
        const c1 = c10 + (c11 - c10) * fj;
        out[n] = c0 + (c1 - c0) * fk;
      }
    }
  }
}

/** Positions clamped to [0, n - 1]: sampling with edge values instead of an outside value (grid_sample 'border'). */
export function clampPositions(positions: Float64Array, n: number): Float64Array {
  const out = new Float64Array(positions.length);
  for (let t = 0; t < positions.length; t++) out[t] = Math.min(n - 1, Math.max(0, positions[t]!));
  return out;
}

/**
 * The samples sampleTrilinear gives for positions inside the source (as clampPositions makes them), computed
 * one axis at a time: along k, then j, then i. Upsampling a 64^3 answer onto a few million voxels then costs
 * about one interpolation per output voxel instead of eight reads and seven interpolations.
 */
export function sampleSeparable(source: ArrayLike<number>, dims: Kji, axes: readonly [AxisWeights, AxisWeights, AxisWeights], out: Float32Array): void {
  const [nk, nj, ni] = dims;
  const [wk, wj, wi] = axes;
  const [ok, oj, oi] = [wk.lower.length, wj.lower.length, wi.lower.length];
  const plane = ni * nj;
  const alongK = new Float64Array(ok * plane);
  for (let a = 0; a < ok; a++) {
    const from0 = wk.lower[a]! * plane;
    const from1 = Math.min(wk.lower[a]! + 1, nk - 1) * plane;
    const f = wk.upper[a]!;
    for (let m = 0, to = a * plane; m < plane; m++, to++) {
      const v0 = source[from0 + m]!;
      alongK[to] = v0 + (source[from1 + m]! - v0) * f;
    }
  }
  const alongJ = new Float64Array(ok * oj * ni);
  for (let a = 0; a < ok; a++) {
    for (let b = 0; b < oj; b++) {
      const from0 = a * plane + wj.lower[b]! * ni;
      const from1 = a * plane + Math.min(wj.lower[b]! + 1, nj - 1) * ni;
      const f = wj.upper[b]!;
      for (let i = 0, to = (a * oj + b) * ni; i < ni; i++, to++) {
        const v0 = alongK[from0 + i]!;
        alongJ[to] = v0 + (alongK[from1 + i]! - v0) * f;
      }
    }
  }
  const upper = Int32Array.from(wi.lower, (i0) => Math.min(i0 + 1, ni - 1));
  for (let row = 0, n = 0; row < ok * oj; row++) {
    const base = row * ni;
    for (let c = 0; c < oi; c++, n++) {
      const v0 = alongJ[base + wi.lower[c]!]!;
      out[n] = v0 + (alongJ[base + upper[c]!]! - v0) * wi.upper[c]!;
    }
  }
}
