import type { Volume } from '../geometry/volume.ts';
import { geometryOf, type Mask } from './mask.ts';

/** The voxels of a label map equal to `label`, or every non-zero voxel when no label is given. */
export function maskFromVolume(volume: Volume, label?: number): Mask {
  const values = volume.scalars;
  const voxels = new Uint8Array(values.length);
  if (label === undefined) for (let n = 0; n < values.length; n++) voxels[n] = values[n] !== 0 ? 1 : 0;
  else for (let n = 0; n < values.length; n++) voxels[n] = values[n] === label ? 1 : 0;
  return { ...geometryOf(volume), voxels };
}

/** A mask as a uint8 volume of 0 and 1, for writing. */
export function volumeFromMask(mask: Mask): Volume {
  return { ...geometryOf(mask), scalars: mask.voxels };
}
