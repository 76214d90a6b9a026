import type { IjkIndex } from '../geometry/space.ts';
import { ijk } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { indexToWorld, voxelCount, worldToIndex } from '../geometry/volume.ts';

/**
 * A binary mask on a volume grid: one byte per voxel, 0 outside and 1 inside, indexed like Volume.scalars
 * (i + j*dims[0] + k*dims[0]*dims[1]). This dense form is what every mask operation works on; compact storage
 * of many structures is a separate concern (see the structure-set store).
 */
export interface Mask extends VolumeGeometry {
  readonly voxels: Uint8Array;
}

export function emptyMask(geometry: VolumeGeometry): Mask {
  return { ...geometryOf(geometry), voxels: new Uint8Array(voxelCount(geometry)) };
}

export function geometryOf(g: VolumeGeometry): VolumeGeometry {
  return { dims: g.dims, spacing: g.spacing, origin: g.origin, direction: g.direction };
}

export function countVoxels(mask: Mask): number {
  let count = 0;
  const v = mask.voxels;
  for (let n = 0; n < v.length; n++) count += v[n] !== 0 ? 1 : 0;
  return count;
}

/** Volume in cubic centimetres: voxel count times the voxel volume (mm^3 / 1000). */
export function volumeCc(mask: Mask): number {
  const [si, sj, sk] = mask.spacing;
  return (countVoxels(mask) * si * sj * sk) / 1000;
}

/** True when two grids are the same voxel for voxel, within `toleranceMm` at the far corner. */
export function sameGrid(a: VolumeGeometry, b: VolumeGeometry, toleranceMm = 0.01): boolean {
  if (a.dims.some((d, n) => d !== b.dims[n])) return false;
  const corners: IjkIndex[] = [ijk(0, 0, 0), ijk(a.dims[0] - 1, a.dims[1] - 1, a.dims[2] - 1)];
  return corners.every((c) => {
    const pa = indexToWorld(a, c);
    const pb = indexToWorld(b, c);
    return Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]) <= toleranceMm;
  });
}

/**
 * Samples `source` (any axis order, orientation or spacing) onto `target`'s grid in world coordinates, nearest
 * neighbour: each target voxel centre takes the value of the source voxel containing it, 0 outside the source.
 * Identical grids are copied as they are. Works for label maps too (values are kept, not binarised).
 */
export function resampleToGrid(
  source: VolumeGeometry & { readonly voxels: Uint8Array | Uint16Array | Int16Array | Float32Array },
  target: VolumeGeometry,
): Uint8Array | Uint16Array | Int16Array | Float32Array {
  const out = new (source.voxels.constructor as Uint8ArrayConstructor)(voxelCount(target));
  if (sameGrid(source, target)) {
    out.set(source.voxels as Uint8Array);
    return out;
  }
  const [ti, tj, tk] = target.dims;
  const [si, sj, sk] = source.dims;
  // Source index moves linearly with the target index: find the steps once, then walk.
  const base = worldToIndex(source, indexToWorld(target, ijk(0, 0, 0)));
  const step = (axis: 0 | 1 | 2): IjkIndex => {
    const unit = ijk(axis === 0 ? 1 : 0, axis === 1 ? 1 : 0, axis === 2 ? 1 : 0);
    const p = worldToIndex(source, indexToWorld(target, unit));
    return ijk(p[0] - base[0], p[1] - base[1], p[2] - base[2]);
  };
  const di = step(0);
  const dj = step(1);
  const dk = step(2);
  const values = source.voxels;
  let n = 0;
  for (let k = 0; k < tk; k++) {
    for (let j = 0; j < tj; j++) {
      const x0 = base[0] + j * dj[0] + k * dk[0];
      const y0 = base[1] + j * dj[1] + k * dk[1];
      const z0 = base[2] + j * dj[2] + k * dk[2];
      for (let i = 0; i < ti; i++, n++) {
        const x = Math.round(x0 + i * di[0]);
        const y = Math.round(y0 + i * di[1]);
        const z = Math.round(z0 + i * di[2]);
        if (x < 0 || y < 0 || z < 0 || x >= si || y >= sj || z >= sk) continue;
        out[n] = values[x + y * si + z * si * sj]!;
      }
    }
  }
  return out;
}
