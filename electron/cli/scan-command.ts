import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { scanPath } from '../services/scan/scan.ts';
import { scanReport } from '../services/scan/summary.ts';
import type { ParsedArgs } from './args.ts';

/** `delineate scan <path> [--json]`: every image series and RT object found, and what was skipped. */
export async function scanCommand(args: ParsedArgs): Promise<void> {
  const path = args.positionals[1];
  if (!path) throw new DelineateError('invalid-input', 'usage: delineate scan <path> [--json]');
  const report = scanReport(await scanPath(resolve(path)));
  if (args.flags.has('json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  for (const s of report.series) {
    const grid = s.slices === null ? 'cannot be built' : `${s.columns}x${s.rows}x${s.slices}, ${s.spacing!.map((v) => v.toFixed(3)).join(' x ')} mm`;
    console.log(`${s.modality.padEnd(4)} ${s.description || '(no description)'}  [${grid}, ${s.files} files]  ${s.seriesInstanceUid}`);
    for (const warning of s.warnings) console.log(`     ! ${warning}`);
  }
  for (const o of report.objects) console.log(`${o.modality.padEnd(4)} ${o.path} -> ${o.referencedSeriesInstanceUid ?? 'no image series found'}`);
  if (report.skipped.length > 0) console.log(`${report.skipped.length} file(s) skipped (see --json for reasons)`);
}
