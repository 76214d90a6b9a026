import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { writeNifti } from '../../core/nifti/index.ts';
import { writeNewFile } from '../services/rt/output-file.ts';
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
  // Replaces an existing file as it always has (force); written beside the target, fsynced and renamed into
  // place, so a failed write leaves neither a half file under the real name nor a temporary file beside it.
  await writeNewFile(target, bytes, true);
  for (const warning of plan.warnings) console.error(`warning: ${warning}`);
  console.log(`${target}: ${volume.dims.join('x')} voxels, ${volume.spacing.map((s) => s.toFixed(3)).join(' x ')} mm`);
}
