import type { Volume } from '../../../core/geometry/volume.ts';

/** Smallest integer stride that brings every axis within `limit` voxels (1 when it already fits). */
export function downsampleFactor(dims: Volume['dims'], limit: number): number {
  if (limit <= 0) return 1;
  return Math.max(1, ...dims.map((d) => Math.ceil(d / limit)));
}

/**
 * Every `factor`-th voxel along each axis, as a new volume covering the same space: spacing grows by the
 * factor and voxel (0,0,0) keeps its centre. A preview for rendering, never for measuring.
 */
export function downsampleVolume(volume: Volume, factor: number): Volume {
  const [ni, nj, nk] = volume.dims;
  const dims = [Math.ceil(ni / factor), Math.ceil(nj / factor), Math.ceil(nk / factor)] as const;
  const scalars = new (volume.scalars.constructor as Int16ArrayConstructor)(dims[0] * dims[1] * dims[2]);
  let n = 0;
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      const row = j * factor * ni + k * factor * ni * nj;
      for (let i = 0; i < dims[0]; i++) scalars[n++] = volume.scalars[row + i * factor]!;
    }
  }
  return {
    dims,
    spacing: [volume.spacing[0] * factor, volume.spacing[1] * factor, volume.spacing[2] * factor],
    origin: volume.origin,
    direction: volume.direction,
    scalars,
  };
}
