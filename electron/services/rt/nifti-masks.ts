import { readFile } from 'node:fs/promises';
import { DelineateError } from '../../../core/errors.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import { geometryOf, resampleToGrid } from '../../../core/mask/mask.ts';
import { readNifti } from '../../../core/nifti/index.ts';

/**
 * A NIfTI mask (any axis order, orientation or spacing) on the reference grid, matched in world coordinates:
 * voxels whose value is non-zero (or equals `label` when given) become 1.
 */
export async function niftiMaskOnGrid(path: string, grid: VolumeGeometry, label?: number): Promise<Mask> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DelineateError('not-found', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { volume } = readNifti(bytes, path);
  const sampled = resampleToGrid({ ...geometryOf(volume), voxels: volume.scalars }, grid);
  const voxels = new Uint8Array(sampled.length);
  for (let n = 0; n < sampled.length; n++) voxels[n] = (label === undefined ? sampled[n] !== 0 : sampled[n] === label) ? 1 : 0;
  return { ...geometryOf(grid), voxels };
}
