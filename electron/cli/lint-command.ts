import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { lintDicom } from '../../core/rt/lint.ts';
import { imageReferenceOf, lintImageOf } from '../services/rt/image-reference.ts';
import { readBytes } from '../services/rt/rtstruct-service.ts';
import { planSeries } from '../services/study-loader.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

/**
 * `delineate lint <file> [--ref <image-dir>] [--json]`: conformance problems of an RTSTRUCT or SEG in plain
 * words. Returns the exit code: 1 when there are errors, 0 otherwise (warnings alone pass).
 */
export async function lintCommand(args: ParsedArgs): Promise<number> {
  const [, file] = args.positionals;
  if (!file) throw new DelineateError('invalid-input', 'usage: delineate lint <rtstruct-or-seg.dcm> [--ref <image-dir>] [--json]');
  const refDir = stringFlag(args, 'ref');
  const image = refDir ? lintImageOf(await imageReferenceOf(await planSeries(resolve(refDir)))) : undefined;
  const path = resolve(file);
  const report = lintDicom(await readBytes(path), path, image);
  if (args.flags.has('json')) console.log(JSON.stringify(report, null, 2));
  else {
    for (const e of report.errors) console.log(`error: ${e}`);
    for (const w of report.warnings) console.log(`warning: ${w}`);
    console.log(`${path}: ${report.kind}, ${report.errors.length} error(s), ${report.warnings.length} warning(s)${image ? '' : ' (no --ref: references to the image not checked)'}`);
  }
  return report.errors.length > 0 ? 1 : 0;
}
