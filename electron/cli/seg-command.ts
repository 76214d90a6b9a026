import { resolve } from 'node:path';
import { DelineateError } from '../../core/errors.ts';
import { imageReferenceOf } from '../services/rt/image-reference.ts';
import { exportSegFile, importSegFile } from '../services/rt/seg-service.ts';
import { writeStructureFiles } from '../services/rt/structure-files.ts';
import { planSeries } from '../services/study-loader.ts';
import { parseArgs, stringFlag } from './args.ts';
import { required, structuresFromArgs } from './rtstruct-command.ts';

export const segUsage = `usage: delineate seg import <seg.dcm> --ref <image-dir> --out-dir DIR [--json] [--force]
       delineate seg export --ref <image-dir> --mask NAME=file.nii.gz [--mask ...] [--type NAME=GTV]
              [--colour NAME=r,g,b] [--algorithm NAME=...] [--model NAME=description] [--label TEXT] --out SEG.dcm [--force]`;

/** `delineate seg import|export ...` (argv after the word seg): the same shape as rtstruct. */
export async function segCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, new Set(['json', 'force']));
  const [action, input] = args.positionals;
  const force = args.flags.has('force');
  if (action === 'import' && input) {
    const refDir = resolve(required(args, 'ref', segUsage));
    const outDir = resolve(required(args, 'out-dir', segUsage));
    const ref = await imageReferenceOf(await planSeries(refDir));
    const result = await importSegFile(resolve(input), ref, refDir);
    const entries = result.segments.map((s) => ({
      number: s.number,
      name: s.label,
      type: s.type?.meaning ?? '',
      colour: s.colour,
      mask: s.mask,
      warnings: s.warnings,
      extra: { category: s.category ?? null, propertyType: s.type ?? null, algorithmType: s.algorithmType },
    }));
    const { summaryPath, summary } = await writeStructureFiles(outDir, 'segments.json', entries, result.warnings, force);
    if (args.flags.has('json')) console.log(JSON.stringify(summary, null, 2));
    else {
      for (const w of result.warnings) console.error(`warning: ${w}`);
      console.log(`${summaryPath}: ${entries.length} segment(s)`);
    }
    return;
  }
  if (action === 'export') {
    const { ref, list } = await structuresFromArgs(argv, args, segUsage);
    const out = resolve(required(args, 'out', segUsage));
    const result = await exportSegFile(ref, list, out, { force, label: stringFlag(args, 'label') ?? 'Delineate' });
    console.log(`${result.path}: ${list.map((s, n) => `${s.name} (${result.framesPerSegment[n]} frames)`).join(', ')}`);
    return;
  }
  throw new DelineateError('invalid-input', segUsage);
}
