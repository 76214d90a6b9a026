import { DelineateError } from '../errors.ts';
import { combineMasks } from './boolean.ts';
import { distancePass, featureField, type PassSide } from './edt.ts';
import { emptyMask, type Mask } from './mask.ts';
import type { Axis } from './neighbours.ts';
import { boundingBox, boxSize, extractBox, insertBox, type VoxelBox } from './patch.ts';
import { directionNames, mirrored, toIndexAxes, uniformMm, type DirectionalMm, type IndexAxisMm } from './patient-directions.ts';

type Dims = readonly [number, number, number];

/**
 * Relative slack on the margin so voxels exactly at the margin distance (common on regular grids: 3-4-5) are
 * inside despite float rounding. The scipy reference in testing/ uses the same rule.
 */
const tieSlack = 1e-6;

/**
 * Grows binary `bits` on a box of `dims` by the octant ellipsoid of `extent`: a voxel joins when some set voxel
 * q has (p - q), per axis, within the extent on that side, i.e. sum over axes of (d_a / extent_a(side))^2 <= 1.
 * The weighted distance is separable and each axis's side is a per-coordinate constraint, so each octant is
 * three one-sided 1D passes; an axis with the same extent on both sides needs one two-sided pass instead
 * (the union over its two signs), which makes an isotropic margin a single exact EDT.
 */
export function dilateByOctantEllipsoid(bits: Uint8Array, dims: Dims, spacing: readonly [number, number, number], extent: IndexAxisMm): Uint8Array {
  const out = new Uint8Array(bits.length);
  const choices = ([0, 1, 2] as const).map((a): { side: PassSide; weight: number }[] => {
    const [toLower, toHigher] = extent[a]!;
    const weight = (mm: number): number => (mm > 0 ? (spacing[a] * spacing[a]) / (mm * mm) : Infinity);
    // 'from-lower' takes distances from voxels at lower index: growth toward higher index.
    if (toLower === toHigher) return [{ side: 'both', weight: weight(toLower) }];
    // A one-sided pass keeps d = 0 too, so a side with no extent adds nothing to the other side's pass.
    if (toLower === 0) return [{ side: 'from-lower', weight: weight(toHigher) }];
    if (toHigher === 0) return [{ side: 'from-higher', weight: weight(toLower) }];
    return [
      { side: 'from-lower', weight: weight(toHigher) },
      { side: 'from-higher', weight: weight(toLower) },
    ];
  });
  // Axis order k, j, i: the last level runs most often (up to eight times) and i is contiguous in memory.
  const cap = 1 + tieSlack;
  const start = featureField(bits);
  const afterK = new Float32Array(bits.length);
  const afterJ = new Float32Array(bits.length);
  for (const ck of choices[2]!) {
    afterK.set(start);
    distancePass(afterK, dims, 2, ck.weight, ck.side, cap);
    for (const cj of choices[1]!) {
      afterJ.set(afterK);
      distancePass(afterJ, dims, 1, cj.weight, cj.side, cap);
      for (const ci of choices[0]!) {
        const field = choices[0]!.length === 1 ? afterJ : Float32Array.from(afterJ);
        distancePass(field, dims, 0, ci.weight, ci.side, cap);
        for (let n = 0; n < field.length; n++) if (field[n]! <= cap) out[n] = 1;
      }
    }
  }
  return out;
}

function checkMm(mm: DirectionalMm): void {
  for (const name of directionNames) {
    if (!Number.isFinite(mm[name])) throw new DelineateError('invalid-input', `margin: ${name} ${mm[name]} mm is not a number`);
  }
}

/** Every voxel within the per-direction margin of the mask (all values >= 0 mm). */
export function expandMask(mask: Mask, mm: DirectionalMm, plane?: Axis): Mask {
  checkMm(mm);
  const out = emptyMask(mask);
  const bounds = boundingBox(mask.voxels, mask.dims);
  if (!bounds) return out;
  const extent = inPlane(toIndexAxes(mm, mask.direction), plane);
  // Only voxels within reach of the bounding box can join.
  const reach = (a: number, side: 0 | 1): number => Math.floor(extent[a]![side] / mask.spacing[a]! + tieSlack);
  const crop: VoxelBox = {
    lo: [0, 1, 2].map((a) => Math.max(0, bounds.lo[a]! - reach(a, 0))) as [number, number, number],
    hi: [0, 1, 2].map((a) => Math.min(mask.dims[a]!, bounds.hi[a]! + reach(a, 1))) as [number, number, number],
  };
  const grown = dilateByOctantEllipsoid(extractBox(mask.voxels, mask.dims, crop), boxSize(crop), mask.spacing, extent);
  insertBox(out.voxels, mask.dims, crop, grown);
  return out;
}

/**
 * The mask minus every voxel within the per-direction margin of the outside (all values >= 0 mm): the
 * complement of expanding the complement by the mirrored margin. Outside the grid counts as outside the mask.
 */
export function shrinkMask(mask: Mask, mm: DirectionalMm, plane?: Axis): Mask {
  checkMm(mm);
  const out = emptyMask(mask);
  const bounds = boundingBox(mask.voxels, mask.dims);
  if (!bounds) return out;
  // The bounding box plus one voxel of outside all round (beyond the grid edge too) holds the nearest outside
  // voxel of every inside voxel in every octant: clamping a farther one onto that ring only brings it closer.
  const inner = boxSize(bounds);
  const padded: Dims = [inner[0] + 2, inner[1] + 2, inner[2] + 2];
  const inside = extractBox(mask.voxels, mask.dims, bounds);
  const outside = new Uint8Array(padded[0] * padded[1] * padded[2]).fill(1);
  insertBox(outside, padded, { lo: [1, 1, 1], hi: [inner[0] + 1, inner[1] + 1, inner[2] + 1] }, inside.map((v) => (v ? 0 : 1)));
  const eroded = dilateByOctantEllipsoid(outside, padded, mask.spacing, inPlane(toIndexAxes(mirrored(mm), mask.direction), plane));
  const kept = extractBox(eroded, padded, { lo: [1, 1, 1], hi: [inner[0] + 1, inner[1] + 1, inner[2] + 1] });
  for (let n = 0; n < kept.length; n++) kept[n] = inside[n] && !kept[n] ? 1 : 0;
  insertBox(out.voxels, mask.dims, bounds, kept);
  return out;
}

/** With a plane, no margin along its axis: each slice grows or shrinks in its own plane. */
function inPlane(extent: IndexAxisMm, plane: Axis | undefined): IndexAxisMm {
  if (plane === undefined) return extent;
  return extent.map((e, a) => (a === plane ? [0, 0] : e)) as unknown as IndexAxisMm;
}

export interface MarginOptions {
  /** Keep only voxels also inside this structure (same grid). */
  readonly limit?: Mask;
  /** 2D: grow or shrink each slice normal to this axis in its own plane (also right for a one-slice mask). */
  readonly plane?: Axis;
}

/**
 * A margin in mm, isotropic (a number) or per patient direction; positive values expand, negative shrink. A
 * margin with both signs expands by the positive parts first, then shrinks by the negative parts.
 */
export function applyMargin(mask: Mask, margin: number | DirectionalMm, options: MarginOptions = {}): Mask {
  const mm = typeof margin === 'number' ? uniformMm(margin) : margin;
  checkMm(mm);
  const part = (keep: (v: number) => number): DirectionalMm =>
    Object.fromEntries(directionNames.map((name) => [name, keep(mm[name])])) as unknown as DirectionalMm;
  const grow = part((v) => Math.max(0, v));
  const cut = part((v) => Math.max(0, -v));
  let result = directionNames.some((n) => grow[n] > 0) ? expandMask(mask, grow, options.plane) : mask;
  if (directionNames.some((n) => cut[n] > 0)) result = shrinkMask(result, cut, options.plane);
  if (result === mask) result = { ...mask, voxels: mask.voxels.slice() };
  if (options.limit) result = combineMasks('intersect', result, options.limit, { names: ['margin result', 'limiting structure'] });
  return result;
}
