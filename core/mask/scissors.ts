import { DelineateError } from '../errors.ts';
import type { Mask } from './mask.ts';
import type { Axis } from './neighbours.ts';
import { planeDims } from './slice.ts';

/** A polygon vertex in slice index coordinates (u, v): the slice's two in-plane axes (see planeDims). */
export type PlanePoint = readonly [u: number, v: number];

/** 1 for each in-plane voxel centre inside the polygon (even-odd rule), indexed u + v * nu. */
export function polygonMask(polygon: readonly PlanePoint[], nu: number, nv: number): Uint8Array {
  const inside = new Uint8Array(nu * nv);
  const crossings: number[] = [];
  for (let v = 0; v < nv; v++) {
    crossings.length = 0;
    for (let e = 0; e < polygon.length; e++) {
      const [u0, v0] = polygon[e]!;
      const [u1, v1] = polygon[(e + 1) % polygon.length]!;
      // Half-open rule on v so a vertex exactly on the row counts once.
      if (v0 <= v === v1 <= v) continue;
      crossings.push(u0 + ((v - v0) / (v1 - v0)) * (u1 - u0));
    }
    crossings.sort((a, b) => a - b);
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      const from = Math.max(0, Math.ceil(crossings[c]!));
      const to = Math.min(nu - 1, Math.floor(crossings[c + 1]!));
      for (let u = from; u <= to; u++) inside[u + v * nu] = 1;
    }
  }
  return inside;
}

/**
 * Scissors: a new mask without the voxels inside (or outside) a polygon drawn on a slice, cut through every
 * slice along the view axis (or only slices [from, to] when given).
 */
export function cutWithPolygon(
  mask: Mask,
  axis: Axis,
  polygon: readonly PlanePoint[],
  remove: 'inside' | 'outside',
  slices: readonly [from: number, to: number] = [0, mask.dims[axis] - 1],
): Mask {
  if (polygon.length < 3) throw new DelineateError('invalid-input', `scissors: a polygon needs 3 points, got ${polygon.length}`);
  const [nu, nv] = planeDims(mask.dims, axis);
  const inside = polygonMask(polygon, nu, nv);
  const cut = remove === 'inside' ? 1 : 0;
  const out = { ...mask, voxels: mask.voxels.slice() };
  const strides = [1, mask.dims[0], mask.dims[0] * mask.dims[1]];
  const [su, sv] = strides.filter((_, a) => a !== axis) as [number, number];
  const from = Math.max(0, slices[0]);
  const to = Math.min(mask.dims[axis] - 1, slices[1]);
  for (let s = from; s <= to; s++) {
    const base = s * strides[axis]!;
    for (let v = 0; v < nv; v++) {
      for (let u = 0; u < nu; u++) if (inside[u + v * nu] === cut) out.voxels[base + u * su + v * sv] = 0;
    }
  }
  return out;
}
