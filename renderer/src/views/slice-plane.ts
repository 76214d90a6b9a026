import type { Vec3 } from '../../../core/geometry/space.ts';
import { ijk } from '../../../core/geometry/space.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { indexToWorld } from '../../../core/geometry/volume.ts';

/**
 * One slice of a volume as a 2D pixel grid: u runs along the lower of the two in-plane index axes, v along
 * the other, so a slice's pixels are in the volume's own memory order (u fastest).
 */
export interface SlicePlane {
  readonly axis: 0 | 1 | 2;
  readonly index: number;
  readonly uAxis: 0 | 1 | 2;
  readonly vAxis: 0 | 1 | 2;
  readonly width: number;
  readonly height: number;
}

export function slicePlane(volume: VolumeGeometry, axis: 0 | 1 | 2, index: number): SlicePlane {
  const [uAxis, vAxis] = ([0, 1, 2] as const).filter((a) => a !== axis) as [0 | 1 | 2, 0 | 1 | 2];
  return { axis, index, uAxis, vAxis, width: volume.dims[uAxis], height: volume.dims[vAxis] };
}

/** World position of pixel centre (u, v) of a slice. */
export function planeToWorld(volume: VolumeGeometry, plane: SlicePlane, u: number, v: number): Vec3 {
  const index = [0, 0, 0];
  index[plane.axis] = plane.index;
  index[plane.uAxis] = u;
  index[plane.vAxis] = v;
  return indexToWorld(volume, ijk(index[0]!, index[1]!, index[2]!));
}

/** Copies slice `plane` of a one-byte-per-voxel array into `out` (width x height, u fastest). */
export function readSlice(voxels: Uint8Array, dims: VolumeGeometry['dims'], plane: SlicePlane, out: Uint8Array): void {
  const strides = [1, dims[0], dims[0] * dims[1]];
  const base = plane.index * strides[plane.axis]!;
  const su = strides[plane.uAxis]!;
  const sv = strides[plane.vAxis]!;
  if (plane.axis === 2) {
    out.set(voxels.subarray(base, base + plane.width * plane.height));
    return;
  }
  let n = 0;
  for (let v = 0; v < plane.height; v++) {
    const row = base + v * sv;
    for (let u = 0; u < plane.width; u++) out[n++] = voxels[row + u * su]!;
  }
}
