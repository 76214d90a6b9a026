import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DelineateError } from '../../../core/errors.ts';
import { checkRegularFile } from '../dicom-files.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { labelMapFromMasks, labelsOfValues, masksFromLabelMap, parseLabelSidecar, type LabelMapSidecar, type NamedMask } from '../../../core/labelmap/labelmap.ts';
import { geometryOf } from '../../../core/mask/mask.ts';
import { encodeNifti, readNiftiFile } from '../nifti-file.ts';
import type { OutputOptions } from './dicom-output.ts';
import { valuesOnGrid } from './nifti-masks.ts';
import { existingOf, writeNewFiles } from './output-file.ts';

/** The sidecar that goes with a label map file: `x.nii.gz` -> `x.json`. */
export const sidecarPath = (niftiPath: string): string => niftiPath.replace(/\.nii(\.gz)?$/i, '') + '.json';

/**
 * Writes `path` (NIfTI label map) and its JSON sidecar; refuses to replace either unless `force`, and then
 * writes neither. Returns what the packing reported (overlaps) and which of the two files exist already;
 * with `check` nothing is written.
 */
export async function writeLabelMap(
  path: string,
  grid: VolumeGeometry,
  masks: readonly NamedMask[],
  options: OutputOptions = {},
): Promise<{ warnings: string[]; existing: string[]; written: boolean }> {
  if (!/\.nii(\.gz)?$/i.test(path)) throw new DelineateError('invalid-input', `${path}: a label map is written as .nii or .nii.gz`);
  const { voxels, sidecar, warnings } = labelMapFromMasks(grid, masks);
  const files = [path, sidecarPath(path)];
  const existing = await existingOf(files);
  if (options.check) return { warnings, existing, written: false };
  const nifti = await encodeNifti({ ...geometryOf(grid), scalars: voxels }, { gzip: /\.gz$/i.test(path), description: 'Delineate label map' });
  const json = new TextEncoder().encode(JSON.stringify(sidecar, null, 2) + '\n');
  await writeNewFiles([{ path, bytes: nifti }, { path: files[1]!, bytes: json }], options.force ?? false);
  return { warnings, existing, written: true };
}

/**
 * Reads a label map onto `grid` (matched in world coordinates, nearest neighbour) with its sidecar: Delineate's
 * own, another tool's name-to-value map (OpenKBP, nnU-Net), or none (each value becomes "Label <value>", said in
 * a warning), so model outputs and public datasets import as they come.
 */
export async function readLabelMap(path: string, grid: VolumeGeometry): Promise<{ masks: NamedMask[]; warnings: string[] }> {
  const json = sidecarPath(path);
  const sidecar = existsSync(json) ? await readSidecar(json) : undefined;
  const { volume, warnings } = await readNiftiFile(path);
  const values = valuesOnGrid(volume, grid);
  if (!sidecar) warnings.push(`${json} not found: labels are named by their values`);
  else if (sidecar.note) warnings.push(`${json}: ${sidecar.note}`);
  const result = masksFromLabelMap(grid, values, sidecar?.sidecar ?? labelsOfValues(values));
  return { masks: result.masks, warnings: [...warnings, ...result.warnings] };
}

async function readSidecar(json: string): Promise<{ sidecar: LabelMapSidecar; note?: string }> {
  await checkRegularFile(json);
  let text: string;
  try {
    text = await readFile(json, 'utf8');
  } catch {
    throw new DelineateError('not-found', `${json}: the label map's sidecar (names, colours, types) cannot be read`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DelineateError('bad-data', `${json}: not JSON (${(error as Error).message})`);
  }
  const sidecar = parseLabelSidecar(parsed);
  if ('error' in sidecar) {
    throw new DelineateError('bad-data', `${json}: not a label map sidecar: neither Delineate's {"labels": [{"value", "name", "colour"}]} nor a {"name": value} map (${sidecar.error})`);
  }
  return sidecar;
}
