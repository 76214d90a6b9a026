import type { Volume } from '../geometry/volume.ts';
import { geometryOf, type Mask } from './mask.ts';

/**
 * The voxels of a label map equal to `label`, or every non-zero voxel when no label is given. Only the 1s are
 * written: a fresh array is already 0, and leaving its untouched pages unwritten saves most of the time on a
 * mostly empty full-size mask.
 */
export function maskFromVolume(volume: Volume, label?: number): Mask {
  const values = volume.scalars;
  const voxels = new Uint8Array(values.length);
  if (label === undefined) {
    for (let n = 0; n < values.length; n++) if (values[n] !== 0) voxels[n] = 1;
  } else {
    for (let n = 0; n < values.length; n++) if (values[n] === label) voxels[n] = 1;
  }
  return { ...geometryOf(volume), voxels };
}

/** A mask as a uint8 volume of 0 and 1, for writing. */
export function volumeFromMask(mask: Mask): Volume {
  return { ...geometryOf(mask), scalars: mask.voxels };
}
