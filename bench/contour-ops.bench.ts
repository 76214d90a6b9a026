/**
 * `npm run bench -- contour-ops [--runs 5]`
 *
 * What each one-click contouring action of the UI costs on the sample case (TotalSegmentator CT, 512x512x20,
 * its liver from the label map, about 700 cc): materialising a structure's dense mask from the structure set,
 * the core/mask step, and encoding the result box as the edit's runs. Median of --runs. Prints figures only.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ijk } from '../core/geometry/space.ts';
import { keepLargestComponent, removeSmallComponents } from '../core/mask/components.ts';
import { fillHoles } from '../core/mask/fill-holes.ts';
import { applyMargin } from '../core/mask/margin.ts';
import { volumeCc, type Mask } from '../core/mask/mask.ts';
import { compareMasks } from '../core/mask/metrics.ts';
import { boundingBox, encodeRuns, extractBox } from '../core/mask/patch.ts';
import { regionGrow } from '../core/mask/region-grow.ts';
import { cutWithPolygon } from '../core/mask/scissors.ts';
import { smoothGaussian } from '../core/mask/smooth.ts';
import { SparseMask } from '../core/structures/sparse-mask.ts';
import { appRoot } from '../electron/services/app-meta.ts';
import { loadImage, loadLabelsOnGrid } from '../electron/services/inference/load-image.ts';
import { median, numberOption } from './bench-figures.ts';

/** Inside the liver on the middle slice (its deepest point, scipy EDT of label 5), as the e2e test clicks it. */
const liverSeed = ijk(156, 303, 10);

function time<T>(runs: number, step: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let n = 0; n < runs; n++) {
    const start = performance.now();
    result = step();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

/** The edit a result lands as: its box's voxels as runs. */
function landed(mask: Mask): number {
  const box = boundingBox(mask.voxels, mask.dims);
  return box ? encodeRuns(extractBox(mask.voxels, mask.dims, box)).length : 0;
}

export async function run(args: string[]): Promise<void> {
  const runs = numberOption(args, 'runs', 5);
  const sample = join(appRoot(), 'resources', 'sample', 'totalsegmentator');
  const volume = await loadImage(join(sample, 'ct'));
  const labels = await loadLabelsOnGrid(join(sample, 'labels.nii.gz'), volume);
  const liver: Mask = { dims: volume.dims, spacing: volume.spacing, origin: volume.origin, direction: volume.direction, voxels: Uint8Array.from(labels, (v) => (v === 5 ? 1 : 0)) };
  const stored = SparseMask.fromDense(liver.voxels, liver.dims);
  console.log(`contour ops on ${volume.dims.join('x')} (liver ${volumeCc(liver).toFixed(0)} cc), median of ${runs}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);

  const square: [number, number][] = [
    [150, 250],
    [250, 250],
    [250, 350],
    [150, 350],
  ];
  const steps: [string, (mask: Mask) => Mask][] = [
    ['region grow 3D, 20 HU', () => regionGrow(volume, [liverSeed], { toleranceHu: 20 })],
    ['region grow 2D, 20 HU', () => regionGrow(volume, [liverSeed], { toleranceHu: 20, plane: { axis: 2, index: 10 } })],
    ['materialise (toMask)', () => stored.toMask(volume)],
    ['remove islands < 1 cc', (m) => removeSmallComponents(m, { minCc: 1 })],
    ['keep largest', (m) => keepLargestComponent(m)],
    ['fill holes 3D', (m) => fillHoles(m)],
    ['fill holes 2D (axial)', (m) => fillHoles(m, { plane: 2 })],
    ['smooth 2 mm', (m) => smoothGaussian(m, 2)],
    ['margin 5 mm', (m) => applyMargin(m, 5)],
    ['scissors (square, 20 slices)', (m) => cutWithPolygon(m, 2, square, 'inside')],
  ];
  for (const [name, step] of steps) {
    const { ms, result } = time(runs, () => step(liver));
    const { ms: landMs } = time(runs, () => landed(result));
    console.log(`${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms   + landing ${landMs.toFixed(1).padStart(6)} ms   ${volumeCc(result).toFixed(1).padStart(7)} cc`);
  }
  const margin = applyMargin(liver, 5);
  const { ms, result } = time(runs, () => compareMasks(liver, margin, { toleranceMm: 2 }));
  console.log(`${'metrics liver vs +5 mm'.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms   Dice ${result.dice.toFixed(3)} HD95 ${result.hd95Mm?.toFixed(2)} mm`);
}
