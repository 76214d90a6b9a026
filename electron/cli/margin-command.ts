import { DelineateError } from '../../core/errors.ts';
import { onSameGrid } from '../../core/mask/boolean.ts';
import { applyMargin } from '../../core/mask/margin.ts';
import { volumeCc } from '../../core/mask/mask.ts';
import { directionNames, type DirectionalMm } from '../../core/mask/patient-directions.ts';
import { stringFlag, type ParsedArgs } from './args.ts';
import { checkNiftiName, readMaskFile, writeMaskFile } from './mask-files.ts';

const usage = 'usage: delineate margin <in.nii|in.nii.gz> --mm <mm>|--mm <R,L,A,P,S,I> [--limit <other.nii.gz>] --out <out.nii|out.nii.gz>';

/** `--mm 5` (isotropic) or `--mm R,L,A,P,S,I` (per patient direction); negative values shrink. */
export function parseMarginMm(raw: string | undefined): number | DirectionalMm {
  if (raw === undefined) throw new DelineateError('invalid-input', usage);
  const values = raw.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
  if ((values.length !== 1 && values.length !== 6) || values.some((v) => !Number.isFinite(v))) {
    throw new DelineateError('invalid-input', `--mm ${raw}: give one number or six (R,L,A,P,S,I) in mm`);
  }
  if (values.length === 1) return values[0]!;
  return Object.fromEntries(directionNames.map((name, n) => [name, values[n]])) as unknown as DirectionalMm;
}

export async function marginCommand(args: ParsedArgs): Promise<void> {
  const input = checkNiftiName(args.positionals[1], usage);
  const output = checkNiftiName(stringFlag(args, 'out'), usage);
  const margin = parseMarginMm(stringFlag(args, 'mm'));
  const limitPath = stringFlag(args, 'limit');
  const mask = await readMaskFile(input);
  // The limiting structure may be stored in any orientation: sample it onto the input's grid in world space.
  const limit = limitPath ? await readMaskFile(limitPath) : undefined;
  const limitOnGrid = limit ? { ...mask, voxels: onSameGrid(mask, limit, { resample: true }) } : undefined;
  const result = applyMargin(mask, margin, limitOnGrid ? { limit: limitOnGrid } : {});
  const target = await writeMaskFile(output, result, 'Delineate margin');
  console.log(`${target}: ${volumeCc(mask).toFixed(2)} cc -> ${volumeCc(result).toFixed(2)} cc`);
}
