import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { writeNifti } from '../../core/nifti/index.ts';
import { loadSeries } from '../services/study-loader.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

/** `delineate convert <dicom-path> <out.nii|out.nii.gz> [--series UID]`: the volume exactly as the app builds it. */
export async function convertCommand(args: ParsedArgs): Promise<void> {
  const [, input, output] = args.positionals;
  if (!input || !output || !/\.nii(\.gz)?$/.test(output)) {
    throw new DelineateError('invalid-input', 'usage: delineate convert <dicom-path> <out.nii|out.nii.gz> [--series UID]');
  }
  const seriesUid = stringFlag(args, 'series');
  const { volume, plan } = await loadSeries(resolve(input), seriesUid ? { seriesKey: seriesUid } : {});
  const bytes = writeNifti(volume, { gzip: output.endsWith('.gz'), description: 'Delineate convert' });
  const target = resolve(output);
  // Write beside the target, then rename: a failed write never leaves a half file under the real name.
  const partial = `${target}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, target);
  } catch (error) {
    throw new DelineateError('io', `${target}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  for (const warning of plan.warnings) console.error(`warning: ${warning}`);
  console.log(`${target}: ${volume.dims.join('x')} voxels, ${volume.spacing.map((s) => s.toFixed(3)).join(' x ')} mm`);
}
