import type { VolumeGeometry } from '../geometry/volume.ts';

/**
 * Exact squared Euclidean distance (mm^2) from every voxel to the nearest zero voxel, with anisotropic
 * spacing (Felzenszwalb & Huttenlocher 2012, one 1D pass per axis). Voxels outside the grid do not count as
 * zero: pad the grid first where the edge should be a boundary.
 */
export function squaredDistanceToBackground(bits: Uint8Array, dims: VolumeGeometry['dims'], spacing: readonly [number, number, number]): Float64Array {
  const [ni, nj, nk] = dims;
  const out = new Float64Array(bits.length);
  for (let n = 0; n < bits.length; n++) out[n] = bits[n] ? Infinity : 0;
  const longest = Math.max(ni, nj, nk);
  const f = new Float64Array(longest);
  const d = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  const pass = (count: number, stride: number, starts: number[], step: number) => {
    const s2 = step * step;
    for (const start of starts) {
      for (let q = 0; q < count; q++) f[q] = out[start + q * stride]!;
      transform1d(f, count, s2, d, v, z);
      for (let q = 0; q < count; q++) out[start + q * stride] = d[q]!;
    }
  };
  const startsAlong = (axis: 0 | 1 | 2): number[] => {
    const starts: number[] = [];
    for (let k = 0; k < (axis === 2 ? 1 : nk); k++) {
      for (let j = 0; j < (axis === 1 ? 1 : nj); j++) {
        for (let i = 0; i < (axis === 0 ? 1 : ni); i++) starts.push(i + j * ni + k * ni * nj);
      }
    }
    return starts;
  };
  pass(ni, 1, startsAlong(0), spacing[0]);
  pass(nj, ni, startsAlong(1), spacing[1]);
  pass(nk, ni * nj, startsAlong(2), spacing[2]);
  return out;
}

/** Lower envelope of parabolas: d[q] = min_p f[p] + s2 * (q - p)^2. */
function transform1d(f: Float64Array, n: number, s2: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (f[q] === Infinity) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    // z[0] = -Infinity, so this stops at k = 0 at the latest.
    const fq = f[q]! + s2 * q * q;
    let p = v[k]!;
    let s = (fq - (f[p]! + s2 * p * p)) / (2 * s2 * (q - p));
    while (s <= z[k]!) {
      p = v[--k]!;
      s = (fq - (f[p]! + s2 * p * p)) / (2 * s2 * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    for (let q = 0; q < n; q++) d[q] = Infinity;
    return;
  }
  let at = 0;
  for (let q = 0; q < n; q++) {
    while (z[at + 1]! < q) at++;
    const p = v[at]!;
    d[q] = s2 * (q - p) * (q - p) + f[p]!;
  }
}
