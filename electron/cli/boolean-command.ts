import { DelineateError } from '../../core/errors.ts';
import { booleanOperations, combineMasks, type BooleanOperation } from '../../core/mask/boolean.ts';
import { volumeCc } from '../../core/mask/mask.ts';
import { stringFlag, type ParsedArgs } from './args.ts';
import { checkNiftiName, readMaskFile, writeMaskFile } from './mask-files.ts';

const usage = `usage: delineate boolean <${booleanOperations.join('|')}> <a.nii.gz> <b.nii.gz> --out <c.nii.gz> [--resample]`;

export async function booleanCommand(args: ParsedArgs): Promise<void> {
  const [, operation, aPath, bPath] = args.positionals;
  if (!booleanOperations.includes(operation as BooleanOperation)) {
    throw new DelineateError('invalid-input', `${operation === undefined ? 'no operation' : `unknown operation "${operation}"`}; ${usage}`);
  }
  const output = checkNiftiName(stringFlag(args, 'out'), usage);
  const [a, b] = await Promise.all([readMaskFile(checkNiftiName(aPath, usage)), readMaskFile(checkNiftiName(bPath, usage))]);
  const result = combineMasks(operation as BooleanOperation, a, b, { resample: args.flags.has('resample'), names: [aPath!, bPath!] });
  const target = await writeMaskFile(output, result, `Delineate ${operation}`);
  console.log(`${target}: ${volumeCc(result).toFixed(2)} cc`);
}
