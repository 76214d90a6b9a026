import { DelineateError } from '../../core/errors.ts';
import { compareMasks } from '../../core/mask/metrics.ts';
import { stringFlag, type ParsedArgs } from './args.ts';
import { checkNiftiName, readMaskFile } from './mask-files.ts';

const usage = 'usage: delineate metrics <a.nii.gz> <b.nii.gz> [--tolerance-mm <mm>] [--json]';

/** Compares two masks (b sampled onto a's grid in world coordinates when the grids differ); see docs/METRICS.md. */
export async function metricsCommand(args: ParsedArgs): Promise<void> {
  const [, aPath, bPath] = args.positionals;
  const rawTolerance = stringFlag(args, 'tolerance-mm') ?? '2';
  const toleranceMm = Number(rawTolerance);
  if (!(toleranceMm >= 0) || rawTolerance.trim() === '') throw new DelineateError('invalid-input', `--tolerance-mm ${rawTolerance}: not a distance in mm`);
  const [a, b] = await Promise.all([readMaskFile(checkNiftiName(aPath, usage)), readMaskFile(checkNiftiName(bPath, usage))]);
  const m = compareMasks(a, b, { toleranceMm, resample: true });
  const report = { dice: m.dice, hd95Mm: m.hd95Mm, hdMm: m.hdMm, msdMm: m.msdMm, surfaceDice: m.surfaceDice, volumeACc: m.volumeACc, volumeBCc: m.volumeBCc };
  if (args.flags.has('json')) {
    console.log(JSON.stringify(report));
    return;
  }
  const mm = (v: number | null): string => (v === null ? 'undefined (one mask is empty)' : `${v.toFixed(2)} mm`);
  console.log(
    [
      `Dice                ${m.dice.toFixed(4)}`,
      `Hausdorff (max)     ${mm(m.hdMm)}`,
      `Hausdorff 95%       ${mm(m.hd95Mm)}`,
      `Mean surface dist.  ${mm(m.msdMm)}`,
      `Surface Dice @${toleranceMm} mm ${m.surfaceDice.toFixed(4)}`,
      `Volume A / B        ${m.volumeACc.toFixed(2)} cc / ${m.volumeBCc.toFixed(2)} cc`,
    ].join('\n'),
  );
}
