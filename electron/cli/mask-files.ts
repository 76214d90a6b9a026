import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { maskFromVolume, volumeFromMask } from '../../core/mask/from-volume.ts';
import type { Mask } from '../../core/mask/mask.ts';
import { readNifti, writeNifti } from '../../core/nifti/index.ts';
import { writeNewFile } from '../services/rt/output-file.ts';

/** A mask from a NIfTI file: every non-zero voxel is inside. */
export async function readMaskFile(path: string): Promise<Mask> {
  const file = resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DelineateError('not-found', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return maskFromVolume(readNifti(bytes, file).volume);
}

export function checkNiftiName(path: string | undefined, usage: string): string {
  if (!path || !/\.nii(\.gz)?$/.test(path)) throw new DelineateError('invalid-input', usage);
  return path;
}

/** Writes a mask as a uint8 NIfTI (0/1) on its own grid, replacing the target atomically (written beside it, renamed). */
export async function writeMaskFile(path: string, mask: Mask, description: string): Promise<string> {
  const target = resolve(path);
  await writeNewFile(target, writeNifti(volumeFromMask(mask), { gzip: target.endsWith('.gz'), description }), true);
  return target;
}
