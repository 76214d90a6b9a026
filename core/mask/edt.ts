/**
 * Exact squared Euclidean distance transforms (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled
 * Functions", 2012): one pass of a 1D lower envelope of parabolas per axis, each weighted by the squared
 * spacing, so distances are in millimetres on anisotropic grids. Works on any box-shaped i-fastest array
 * (callers crop to the structure's bounding box); a dimension of 1 makes it 2D.
 */

/** Which earlier points a 1D pass may take its distance from: any, only lower indices, or only higher ones. */
export type PassSide = 'both' | 'from-lower' | 'from-higher';

/** Reusable scratch for 1D passes, sized for the longest line. */
interface LineScratch {
  readonly f: Float64Array;
  readonly d: Float64Array;
  readonly v: Int32Array;
  readonly z: Float64Array;
}

function lineScratch(length: number): LineScratch {
  return { f: new Float64Array(length), d: new Float64Array(length), v: new Int32Array(length), z: new Float64Array(length + 1) };
}

/**
 * Adds the parabola rooted at q to the lower envelope v[0..k] (z: where each one starts), dropping those it
 * hides; returns the new last index. Parabolas must come in increasing q.
 */
function addParabola(s: LineScratch, k: number, q: number, w: number): number {
  const { f, v, z } = s;
  const fq = f[q]!;
  let boundary = -Infinity;
  while (k >= 0) {
    const p = v[k]!;
    boundary = (fq + w * q * q - (f[p]! + w * p * p)) / (2 * w * (q - p));
    if (boundary > z[k]!) break;
    k--;
  }
  k++;
  v[k] = q;
  z[k] = k === 0 ? -Infinity : boundary;
  z[k + 1] = Infinity;
  return k;
}

/** d[q] = min over p of w*(q-p)^2 + f[p], all p (two-sided). f may hold Infinity. */
function envelope(s: LineScratch, n: number, w: number): void {
  const { f, d, v, z } = s;
  let k = -1;
  for (let q = 0; q < n; q++) if (f[q] !== Infinity) k = addParabola(s, k, q, w);
  if (k < 0) {
    d.fill(Infinity, 0, n);
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    while (z[j + 1]! < q) j++;
    const p = v[j]!;
    d[q] = w * (q - p) * (q - p) + f[p]!;
  }
}

/**
 * d[q] = min over p <= q of w*(q-p)^2 + f[p]. The envelope is built in increasing p, so after adding p = q it
 * holds exactly the parabolas allowed at q; evaluate it there before going on.
 */
function envelopeFromLower(s: LineScratch, n: number, w: number): void {
  const { f, d, v, z } = s;
  let k = -1;
  let j = 0;
  for (let q = 0; q < n; q++) {
    if (f[q] !== Infinity) k = addParabola(s, k, q, w);
    if (k < 0) {
      d[q] = Infinity;
      continue;
    }
    if (j > k) j = k;
    while (j > 0 && z[j]! > q) j--;
    while (j < k && z[j + 1]! <= q) j++;
    const p = v[j]!;
    d[q] = w * (q - p) * (q - p) + f[p]!;
  }
}

/**
 * One in-place pass along `axis` of a field on a box of `dims`. `weight` is the cost of one index step squared
 * (spacing^2, or spacing^2 / semi-axis^2 for scaled distances); Infinity means no step is allowed (values stay).
 * Values above `cap` are stored as Infinity: when only distances up to the cap matter (a margin), later passes
 * can only add to a value, so dropping those keeps the envelopes short. Lines without a finite value are skipped.
 */
export function distancePass(
  field: Float32Array,
  dims: readonly [number, number, number],
  axis: 0 | 1 | 2,
  weight: number,
  side: PassSide = 'both',
  cap = Infinity,
): void {
  const n = dims[axis];
  if (n <= 1 || weight === Infinity) return;
  const strides = [1, dims[0], dims[0] * dims[1]] as const;
  const stride = strides[axis];
  const [u, w] = ([0, 1, 2] as const).filter((a) => a !== axis) as [0 | 1 | 2, 0 | 1 | 2];
  const scratch = lineScratch(n);
  const { f, d } = scratch;
  const reversed = side === 'from-higher';
  for (let b = 0; b < dims[w]; b++) {
    for (let a = 0; a < dims[u]; a++) {
      const start = a * strides[u] + b * strides[w];
      let finite = false;
      for (let q = 0, at = start; q < n; q++, at += stride) {
        const value = field[at]!;
        f[reversed ? n - 1 - q : q] = value;
        if (value !== Infinity) finite = true;
      }
      if (!finite) continue;
      if (side === 'both') envelope(scratch, n, weight);
      else envelopeFromLower(scratch, n, weight);
      for (let q = 0, at = start; q < n; q++, at += stride) {
        const value = d[reversed ? n - 1 - q : q]!;
        field[at] = value > cap ? Infinity : value;
      }
    }
  }
}

/** 0 where `features` is non-zero, Infinity elsewhere: the start of a distance transform to the features. */
export function featureField(features: Uint8Array): Float32Array {
  const field = new Float32Array(features.length);
  for (let n = 0; n < features.length; n++) field[n] = features[n] ? 0 : Infinity;
  return field;
}

/**
 * Squared distance in mm^2 from every voxel centre of a box to the nearest non-zero voxel centre of `features`
 * (Infinity when there is none), `spacing` in mm along i, j, k.
 */
export function squaredDistanceMm2(features: Uint8Array, dims: readonly [number, number, number], spacing: readonly [number, number, number]): Float32Array {
  const field = featureField(features);
  for (const axis of [0, 1, 2] as const) distancePass(field, dims, axis, spacing[axis] * spacing[axis]);
  return field;
}
