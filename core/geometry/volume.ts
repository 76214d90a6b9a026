import type { Direction, IjkIndex, LpsPoint, Vec3 } from './space.ts';
import { ijk, lps } from './space.ts';

export type VoxelArray = Int16Array | Uint16Array | Float32Array | Uint8Array;
export type VoxelType = 'int16' | 'uint16' | 'float32' | 'uint8';

export interface VolumeGeometry {
  /** Voxel counts along i (columns), j (rows), k (slices). */
  readonly dims: readonly [number, number, number];
  /** Millimetres between voxel centres along i, j, k. */
  readonly spacing: Vec3;
  /** LPS position of the centre of voxel (0,0,0). */
  readonly origin: LpsPoint;
  readonly direction: Direction;
}

/** A scalar volume. scalars are indexed i + j*dims[0] + k*dims[0]*dims[1]. CT values are in HU. */
export interface Volume extends VolumeGeometry {
  readonly scalars: VoxelArray;
}

export function voxelType(scalars: VoxelArray): VoxelType {
  if (scalars instanceof Int16Array) return 'int16';
  if (scalars instanceof Uint16Array) return 'uint16';
  if (scalars instanceof Float32Array) return 'float32';
  return 'uint8';
}

/** Views raw bytes (for example from the bulk path) as the typed array a VoxelType names, without copying. */
export function voxelArrayFromBytes(type: VoxelType, buffer: ArrayBuffer): VoxelArray {
  switch (type) {
    case 'int16':
      return new Int16Array(buffer);
    case 'uint16':
      return new Uint16Array(buffer);
    case 'float32':
      return new Float32Array(buffer);
    case 'uint8':
      return new Uint8Array(buffer);
  }
}

export function voxelCount(geometry: VolumeGeometry): number {
  return geometry.dims[0] * geometry.dims[1] * geometry.dims[2];
}

export function indexToWorld(g: VolumeGeometry, index: IjkIndex): LpsPoint {
  const d = g.direction;
  const si = index[0] * g.spacing[0];
  const sj = index[1] * g.spacing[1];
  const sk = index[2] * g.spacing[2];
  return lps(
    g.origin[0] + d[0] * si + d[3] * sj + d[6] * sk,
    g.origin[1] + d[1] * si + d[4] * sj + d[7] * sk,
    g.origin[2] + d[2] * si + d[5] * sj + d[8] * sk,
  );
}

/** Continuous index of a world point; direction is orthonormal, so its inverse is its transpose. */
export function worldToIndex(g: VolumeGeometry, point: LpsPoint): IjkIndex {
  const d = g.direction;
  const x = point[0] - g.origin[0];
  const y = point[1] - g.origin[1];
  const z = point[2] - g.origin[2];
  return ijk(
    (d[0] * x + d[1] * y + d[2] * z) / g.spacing[0],
    (d[3] * x + d[4] * y + d[5] * z) / g.spacing[1],
    (d[6] * x + d[7] * y + d[8] * z) / g.spacing[2],
  );
}
