import { readFile, stat } from 'node:fs/promises';
import { DelineateError } from '../../../core/errors.ts';
import type { Volume, VolumeGeometry } from '../../../core/geometry/volume.ts';
import { resampleToGrid } from '../../../core/mask/mask.ts';
import { readNifti } from '../../../core/nifti/index.ts';
import { loadSeries } from '../study-loader.ts';

const isNifti = (path: string) => /\.nii(\.gz)?$/i.test(path);

/** An image from a DICOM folder or file, or a NIfTI file, as the app builds it. */
export async function loadImage(path: string): Promise<Volume> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new DelineateError('not-found', `${path}: no such file or folder`);
  if (info.isFile() && isNifti(path)) return readNifti(await readFile(path), path).volume;
  return (await loadSeries(path)).volume;
}

/**
 * A label map (NIfTI, any axis order or orientation) on the image's grid, matched in world coordinates
 * (nearest neighbour; 0 where the label map does not reach).
 */
export async function loadLabelsOnGrid(path: string, grid: VolumeGeometry): Promise<Uint8Array | Uint16Array | Int16Array | Float32Array> {
  if (!isNifti(path)) throw new DelineateError('invalid-input', `${path}: labels must be a NIfTI file (.nii or .nii.gz)`);
  const labels = readNifti(await readFile(path), path).volume;
  if (labels.scalars instanceof Float32Array && labels.scalars.some((v) => !Number.isInteger(v))) {
    throw new DelineateError('bad-data', `${path}: label values must be whole numbers`);
  }
  return resampleToGrid({ ...labels, voxels: labels.scalars }, grid);
}
