import { readFile } from 'node:fs/promises';
import { DelineateError } from '../../../core/errors.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { labelMapFromMasks, labelMapSidecarSchema, masksFromLabelMap, type NamedMask } from '../../../core/labelmap/labelmap.ts';
import { geometryOf, resampleToGrid } from '../../../core/mask/mask.ts';
import { readNifti, writeNifti } from '../../../core/nifti/index.ts';
import { writeNewFile } from './output-file.ts';

/** The sidecar that goes with a label map file: `x.nii.gz` -> `x.json`. */
export const sidecarPath = (niftiPath: string): string => niftiPath.replace(/\.nii(\.gz)?$/, '') + '.json';

/** Writes `path` (NIfTI label map) and its JSON sidecar; refuses to replace either unless `force`. */
export async function writeLabelMap(path: string, grid: VolumeGeometry, masks: readonly NamedMask[], force = false): Promise<string[]> {
  const { voxels, sidecar, warnings } = labelMapFromMasks(grid, masks);
  const nifti = writeNifti({ ...geometryOf(grid), scalars: voxels }, { gzip: path.endsWith('.gz'), description: 'Delineate label map' });
  await writeNewFile(sidecarPath(path), new TextEncoder().encode(JSON.stringify(sidecar, null, 2) + '\n'), force);
  await writeNewFile(path, nifti, force);
  return warnings;
}

/** Reads a label map and its sidecar onto `grid` (matched in world coordinates, nearest neighbour). */
export async function readLabelMap(path: string, grid: VolumeGeometry): Promise<{ masks: NamedMask[]; warnings: string[] }> {
  const json = sidecarPath(path);
  let sidecarText: string;
  try {
    sidecarText = await readFile(json, 'utf8');
  } catch {
    throw new DelineateError('not-found', `${json}: the label map's sidecar (names, colours, types) cannot be read`);
  }
  const parsed = labelMapSidecarSchema.safeParse(JSON.parse(sidecarText));
  if (!parsed.success) throw new DelineateError('bad-data', `${json}: not a label map sidecar (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const image = readNifti(await readFile(path), path);
  const voxels = resampleToGrid({ ...geometryOf(image.volume), voxels: image.volume.scalars }, grid);
  const result = masksFromLabelMap(grid, voxels, parsed.data);
  return { masks: result.masks, warnings: [...image.warnings, ...result.warnings] };
}
