import { describe, expect, it } from 'vitest';
import { distancePass, featureField, squaredDistanceMm2 } from './edt.ts';

/** Deterministic pseudo-random bits (a few percent set) so failures reproduce. */
function sparseBits(count: number, seed: number, percent: number): Uint8Array {
  const bits = new Uint8Array(count);
  let state = seed;
  for (let n = 0; n < count; n++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bits[n] = state % 100 < percent ? 1 : 0;
  }
  return bits;
}

type Dims = [number, number, number];

/** Brute force: min over allowed feature voxels of the weighted squared distance. */
function bruteForce(bits: Uint8Array, dims: Dims, weights: Dims, allowed: (d: Dims) => boolean): Float64Array {
  const [ni, nj, nk] = dims;
  const out = new Float64Array(bits.length).fill(Infinity);
  for (let k = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++) {
    let best = Infinity;
    for (let c = 0; c < nk; c++) for (let b = 0; b < nj; b++) for (let a = 0; a < ni; a++) {
      if (!bits[a + b * ni + c * ni * nj]) continue;
      const d: Dims = [i - a, j - b, k - c];
      if (!allowed(d)) continue;
      best = Math.min(best, weights[0] * d[0] ** 2 + weights[1] * d[1] ** 2 + weights[2] * d[2] ** 2);
    }
    out[i + j * ni + k * ni * nj] = best;
  }
  return out;
}

function expectClose(actual: Float32Array, expected: Float64Array): void {
  for (let n = 0; n < expected.length; n++) {
    if (expected[n] === Infinity) expect(actual[n]).toBe(Infinity);
    else expect(Math.abs(actual[n]! - expected[n]!)).toBeLessThan(1e-4 * (1 + expected[n]!));
  }
}

describe('exact EDT', () => {
  const dims: Dims = [9, 7, 6];
  const spacing: Dims = [0.8, 1.3, 2.5];
  const weights: Dims = [spacing[0] ** 2, spacing[1] ** 2, spacing[2] ** 2];

  it('matches brute force in mm on an anisotropic grid', () => {
    const bits = sparseBits(9 * 7 * 6, 7, 3);
    expectClose(squaredDistanceMm2(bits, dims, spacing), bruteForce(bits, dims, weights, () => true));
  });

  it('is Infinity everywhere without features and works on a one-slice box', () => {
    expect(squaredDistanceMm2(new Uint8Array(8), [2, 2, 2], [1, 1, 1]).every((v) => v === Infinity)).toBe(true);
    const slice = new Uint8Array(12);
    slice[0] = 1;
    const field = squaredDistanceMm2(slice, [4, 3, 1], [1, 2, 5]);
    expect(field[3 + 2 * 4]).toBeCloseTo(9 + 16, 5);
  });

  it('one-sided passes take distances only from features on the allowed side of every axis', () => {
    const bits = sparseBits(9 * 7 * 6, 11, 4);
    const field = featureField(bits);
    distancePass(field, dims, 0, weights[0], 'from-lower');
    distancePass(field, dims, 1, weights[1], 'from-higher');
    distancePass(field, dims, 2, weights[2], 'from-lower');
    // from-lower on i: the feature's i <= the voxel's i, so d = voxel - feature >= 0.
    expectClose(field, bruteForce(bits, dims, weights, (d) => d[0] >= 0 && d[1] <= 0 && d[2] >= 0));
  });
});
