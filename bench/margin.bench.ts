/**
 * `npm run bench -- margin [--runs 7] [--label 1]`
 *
 * A real organ (TotalSegmentator's spleen, label 1 of example_seg.nii.gz, 3 mm) sampled onto a 512x512x200
 * grid of 0.977 x 0.977 x 2 mm, then: the median time of a 5 mm isotropic margin and of a per-direction margin
 * (R7 L5 A10 P3 S8 I4 mm), each also as a shrink, and the Dice of each result against
 * core/mask/testing/margin_ref.py (scipy's exact EDT; brute force for per-direction). Prints figures only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ijk } from '../core/geometry/space.ts';
import { indexToWorld, type VolumeGeometry } from '../core/geometry/volume.ts';
import { maskFromVolume, volumeFromMask } from '../core/mask/from-volume.ts';
import { applyMargin } from '../core/mask/margin.ts';
import { resampleToGrid, volumeCc, type Mask } from '../core/mask/mask.ts';
import { directionNames, type DirectionalMm } from '../core/mask/patient-directions.ts';
import { diceCoefficient } from '../core/mask/metrics.ts';
import { readNifti, writeNifti } from '../core/nifti/index.ts';
import { appRoot } from '../electron/services/app-meta.ts';
import { numberOption } from './options.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function organOnCtGrid(label: number): Mask {
  const file = join(appRoot(), '..', 'shared', 'data', 'totalsegmentator', 'example_seg.nii.gz');
  const source = maskFromVolume(readNifti(readFileSync(file), file).volume, label);
  const target: VolumeGeometry = {
    dims: [512, 512, 200],
    spacing: [0.977, 0.977, 2],
    // Centred on the source volume (366 x 303 x 90 mm), so the whole organ is inside.
    origin: indexToWorld(source, ijk(-22, -33, -52)),
    direction: source.direction,
  };
  return { ...target, voxels: resampleToGrid(source, target) as Uint8Array };
}

export async function run(args: string[]): Promise<void> {
  const runs = numberOption(args, 'runs', 7);
  const mask = organOnCtGrid(numberOption(args, 'label', 1));
  const perDirection: DirectionalMm = { right: 7, left: 5, anterior: 10, posterior: 3, superior: 8, inferior: 4 };
  const negative = (m: DirectionalMm): DirectionalMm => Object.fromEntries(directionNames.map((n) => [n, -m[n]])) as unknown as DirectionalMm;
  const cases: { name: string; margin: number | DirectionalMm }[] = [
    { name: '5 mm isotropic expand', margin: 5 },
    { name: '5 mm isotropic shrink', margin: -5 },
    { name: 'per-direction expand R7 L5 A10 P3 S8 I4', margin: perDirection },
    { name: 'per-direction shrink R7 L5 A10 P3 S8 I4', margin: negative(perDirection) },
  ];
  console.log(`load average ${loadavg()[0]!.toFixed(1)}; structure: spleen on 512x512x200 at 0.977x0.977x2 mm, ${volumeCc(mask).toFixed(1)} cc; ${runs} runs each; ${cpus()[0]?.model ?? 'unknown CPU'}`);
  const scratch = mkdtempSync(join(tmpdir(), 'delineate-bench-margin-'));
  try {
    const input = join(scratch, 'mask.nii.gz');
    writeFileSync(input, writeNifti(volumeFromMask(mask), { gzip: true }));
    for (const c of cases) {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let result: Mask = mask;
      for (let r = 0; r < runs; r++) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        result = applyMargin(mask, c.margin);
        times.push(performance.now() - start);
        const used = process.cpuUsage(cpu);
        cpuTimes.push((used.user + used.system) / 1000);
      }
      const mm = typeof c.margin === 'number' ? directionNames.map(() => c.margin as number) : directionNames.map((n) => (c.margin as DirectionalMm)[n]);
      const out = join(scratch, 'reference.raw');
      const started = performance.now();
      execFileSync('/usr/bin/python3', [join(appRoot(), 'core', 'mask', 'testing', 'margin_ref.py'), input, '1', mm.join(','), out]);
      const referenceSeconds = (performance.now() - started) / 1000;
      const dice = diceCoefficient(result.voxels, new Uint8Array(readFileSync(out)));
      console.log(
        `${c.name.padEnd(42)} median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; CPU ${median(cpuTimes).toFixed(0)} ms), ` +
          `${volumeCc(result).toFixed(1)} cc, Dice vs reference ${dice.toFixed(6)} (reference process ${referenceSeconds.toFixed(1)} s)`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
