import { DelineateError } from '../errors.ts';
import { squaredDistanceMm2 } from './edt.ts';
import type { Mask } from './mask.ts';
import type { Axis } from './neighbours.ts';
import { planeDims, readSlice, writeSlice } from './slice.ts';

/**
 * Signed distance in mm of a slice's voxel centres to its shape: minus the distance to the nearest outside
 * voxel for inside voxels, plus the distance to the nearest inside voxel for outside ones.
 */
export function signedDistance(slice: Mask): Float32Array {
  const inside = slice.voxels;
  const outside = inside.map((v) => (v ? 0 : 1));
  const toInside = squaredDistanceMm2(inside, slice.dims, slice.spacing);
  const toOutside = squaredDistanceMm2(outside, slice.dims, slice.spacing);
  return toInside.map((d, n) => (inside[n] ? -Math.sqrt(toOutside[n]!) : Math.sqrt(d)));
}

function centroid(voxels: Uint8Array, nu: number): [number, number] {
  let su = 0;
  let sv = 0;
  let count = 0;
  for (let n = 0; n < voxels.length; n++) {
    if (!voxels[n]) continue;
    su += n % nu;
    sv += Math.floor(n / nu);
    count++;
  }
  return [su / count, sv / count];
}

/** Bilinear sample of a slice field at (u, v), clamped to the slice's edge. */
function sample(field: Float32Array, nu: number, nv: number, u: number, v: number): number {
  const x = Math.min(nu - 1, Math.max(0, u));
  const y = Math.min(nv - 1, Math.max(0, v));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(nu - 1, x0 + 1);
  const y1 = Math.min(nv - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const top = field[x0 + y0 * nu]! * (1 - fx) + field[x1 + y0 * nu]! * fx;
  const bottom = field[x0 + y1 * nu]! * (1 - fx) + field[x1 + y1 * nu]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Shape-based interpolation between two drawn slices `from` and `to` along `axis`: every slice strictly
 * between them is replaced. Each end shape's signed distance map is moved so its centroid sits on the straight
 * line between the two centroids at that slice, the two maps are blended linearly by position, and voxels with
 * a blended distance <= 0 are inside. Moving the centroids first lets shapes that do not overlap (a structure
 * that drifts between slices) morph instead of vanishing half-way. Returns a new mask.
 */
export function interpolateSlices(mask: Mask, axis: Axis, from: number, to: number): Mask {
  if (Math.abs(to - from) < 2) throw new DelineateError('invalid-input', `interpolation: slices ${from} and ${to} have no slice between them`);
  const a = readSlice(mask, axis, from);
  const b = readSlice(mask, axis, to);
  if (!a.voxels.some((v) => v) || !b.voxels.some((v) => v)) {
    throw new DelineateError('invalid-input', `interpolation: slice ${a.voxels.some((v) => v) ? to : from} along axis ${axis} is empty`);
  }
  const [nu, nv] = planeDims(mask.dims, axis);
  const [fieldA, fieldB] = [signedDistance(a), signedDistance(b)];
  const [ca, cb] = [centroid(a.voxels, nu), centroid(b.voxels, nu)];
  const out = { ...mask, voxels: mask.voxels.slice() };
  const step = to > from ? 1 : -1;
  const slice = new Uint8Array(nu * nv);
  for (let s = from + step; s !== to; s += step) {
    const t = (s - from) / (to - from);
    // Where the centroid is at this slice, and how far each end shape must move to get there.
    const cu = ca[0] + t * (cb[0] - ca[0]);
    const cv = ca[1] + t * (cb[1] - ca[1]);
    for (let v = 0, n = 0; v < nv; v++) {
      for (let u = 0; u < nu; u++, n++) {
        const da = sample(fieldA, nu, nv, u - (cu - ca[0]), v - (cv - ca[1]));
        const db = sample(fieldB, nu, nv, u - (cu - cb[0]), v - (cv - cb[1]));
        slice[n] = (1 - t) * da + t * db <= 0 ? 1 : 0;
      }
    }
    writeSlice(out, axis, s, slice);
  }
  return out;
}
