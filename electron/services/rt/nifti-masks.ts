import type { Volume, VolumeGeometry, VoxelArray } from '../../../core/geometry/volume.ts';
import { maskFromVolume } from '../../../core/mask/from-volume.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import { geometryOf, resampleToGrid, sameGrid } from '../../../core/mask/mask.ts';
import { readNiftiFile } from '../nifti-file.ts';

/**
 * A NIfTI mask (any axis order, orientation or spacing) on the reference grid, matched in world coordinates:
 * voxels whose value is non-zero (or equals `label` when given) become 1.
 */
export async function niftiMaskOnGrid(path: string, grid: VolumeGeometry, label?: number): Promise<Mask> {
  const { volume } = await readNiftiFile(path);
  return maskFromVolume({ ...geometryOf(grid), scalars: valuesOnGrid(volume, grid) }, label);
}

/**
 * A volume's values on `grid` (nearest neighbour in world coordinates). A volume already on the grid (what a
 * user usually gives) is returned as it is, not copied: a full-size copy costs more than the rest of a read.
 */
export function valuesOnGrid(volume: Volume, grid: VolumeGeometry): VoxelArray {
  return sameGrid(volume, grid) ? volume.scalars : resampleToGrid({ ...geometryOf(volume), voxels: volume.scalars }, grid);
}
