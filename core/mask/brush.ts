import { DelineateError } from '../errors.ts';
import type { IjkIndex } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import type { Mask } from './mask.ts';
import type { Axis } from './neighbours.ts';
import type { VoxelBox } from './patch.ts';

export interface BrushStamp {
  /** Centre in continuous voxel index (the cursor position). */
  readonly centre: IjkIndex;
  /** Radius in mm, the same in every direction whatever the spacing. */
  readonly radiusMm: number;
  /** A disc in the slice normal to this axis through the centre's nearest slice; a sphere when absent. */
  readonly plane?: Axis;
  /** 1 paints (brush, default), 0 erases (eraser). */
  readonly value?: 0 | 1;
  /** Only touch voxels whose CT value (same grid) is within [min, max] HU. */
  readonly huRange?: { readonly volume: Volume; readonly min: number; readonly max: number };
}

/**
 * The voxel box a stamp may change, cut to the grid (null when it misses the grid). Call it before stamping to
 * keep the voxels for undo (patchFromMask on this box).
 */
export function brushBox(mask: Mask, stamp: BrushStamp): VoxelBox | null {
  if (!(stamp.radiusMm >= 0)) throw new DelineateError('invalid-input', `brush radius ${stamp.radiusMm} mm must be >= 0`);
  const lo: [number, number, number] = [0, 0, 0];
  const hi: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const c = stamp.centre[a]!;
    // The voxel nearest the centre is always inside, so a brush smaller than a voxel still paints.
    const reach = a === stamp.plane ? 0 : stamp.radiusMm / mask.spacing[a]!;
    lo[a] = Math.max(0, Math.min(Math.round(c), Math.ceil(c - reach)));
    hi[a] = Math.min(mask.dims[a]!, Math.max(Math.round(c), Math.floor(c + reach)) + 1);
    if (lo[a]! >= hi[a]!) return null;
  }
  return { lo, hi };
}

/** Paints or erases a disc or sphere in place; returns the box it may have changed (see brushBox). */
export function stampBrush(mask: Mask, stamp: BrushStamp): VoxelBox | null {
  const box = brushBox(mask, stamp);
  if (!box) return null;
  const { centre, plane, huRange } = stamp;
  if (huRange && huRange.volume.scalars.length !== mask.voxels.length) {
    throw new DelineateError('invalid-input', `brush: the HU volume (${huRange.volume.dims.join('x')}) is not on the mask's grid (${mask.dims.join('x')})`);
  }
  const value = stamp.value ?? 1;
  const [si, sj, sk] = mask.spacing;
  const [ni, nj] = mask.dims;
  const r2 = stamp.radiusMm * stamp.radiusMm * (1 + 1e-9);
  const nearest = [Math.round(centre[0]), Math.round(centre[1]), Math.round(centre[2])];
  for (let k = box.lo[2]; k < box.hi[2]; k++) {
    const dk = plane === 2 ? 0 : (k - centre[2]) * sk;
    for (let j = box.lo[1]; j < box.hi[1]; j++) {
      const dj = plane === 1 ? 0 : (j - centre[1]) * sj;
      for (let i = box.lo[0]; i < box.hi[0]; i++) {
        const di = plane === 0 ? 0 : (i - centre[0]) * si;
        const isNearest = i === nearest[0] && j === nearest[1] && k === nearest[2];
        if (di * di + dj * dj + dk * dk > r2 && !isNearest) continue;
        const n = i + j * ni + k * ni * nj;
        if (huRange) {
          const hu = huRange.volume.scalars[n]!;
          if (hu < huRange.min || hu > huRange.max) continue;
        }
        mask.voxels[n] = value;
      }
    }
  }
  return box;
}
