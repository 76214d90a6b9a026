import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ijk } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { readNifti } from '../nifti/index.ts';
import { combineMasks } from './boolean.ts';
import { keepLargestComponent } from './components.ts';
import { fillHoles } from './fill-holes.ts';
import { maskFromVolume } from './from-volume.ts';
import { countVoxels, type Mask } from './mask.ts';
import { regionGrow } from './region-grow.ts';
import { smoothGaussian } from './smooth.ts';
import { diceCoefficient } from './metrics.ts';
import { countDifferences } from './testing/compare.ts';

/**
 * Region grow, fill holes, largest component and smoothing on an OpenKBP head-and-neck case against
 * core/mask/testing/ops_ref.py (scipy.ndimage). This patient's PTV63 (label 2 of ptv.nii.gz) is cut by the
 * nested PTV70 (higher dose wins), so it has holes in 3D and more per slice: filling them has real work to do.
 */
const python = '/usr/bin/python3'; // Debian's, with scipy and nibabel
const patient = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'openkbp', 'validation', 'pt_202');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-ops-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const reference = (name: string): Uint8Array => new Uint8Array(readFileSync(join(scratch, name)));
const read = (name: string): Volume => readNifti(readFileSync(join(patient, name)), name).volume;

const [brainstem, ptv63, toleranceHu, sigmaMm] = [1, 2, 30, 4];
let ct: Volume;
let oar: Mask;
let shell: Mask;
let seed: [number, number, number];

beforeAll(async () => {
  const run = promisify(execFile)(python, [
    join(import.meta.dirname, 'testing', 'ops_ref.py'),
    join(patient, 'ct.nii.gz'),
    join(patient, 'oars.nii.gz'),
    String(brainstem),
    String(toleranceHu),
    String(ptv63),
    String(sigmaMm),
    scratch,
  ]);
  ct = read('ct.nii.gz');
  oar = maskFromVolume(read('oars.nii.gz'), brainstem);
  shell = maskFromVolume(read('ptv.nii.gz'), ptv63);
  seed = (JSON.parse((await run).stdout) as { seed: [number, number, number] }).seed;
}, 60_000);

describe('editing operations against scipy.ndimage', () => {
  it('region grow from a seed within an HU tolerance equals the 6-connected thresholded component', () => {
    const grown = regionGrow(ct, [ijk(...seed)], { toleranceHu, connectivity: 6 });
    expect(countVoxels(grown)).toBeGreaterThan(100);
    expect(countDifferences(grown.voxels, reference('grow.raw'))).toBe(0);
  });

  it('fills holes in 3D and per slice', () => {
    const filled = fillHoles(shell);
    expect(countVoxels(filled)).toBeGreaterThan(countVoxels(shell));
    expect(countDifferences(filled.voxels, reference('fill3d.raw'))).toBe(0);
    const perSlice = fillHoles(shell, { plane: 2 });
    expect(countVoxels(perSlice)).toBeGreaterThan(countVoxels(filled));
    expect(countDifferences(perSlice.voxels, reference('fill2d.raw'))).toBe(0);
  });

  it('keeps the largest 26-connected component', () => {
    const both = combineMasks('union', oar, shell);
    const largest = keepLargestComponent(both, { connectivity: 26 });
    expect(countVoxels(largest)).toBeLessThan(countVoxels(both));
    expect(countDifferences(largest.voxels, reference('largest.raw'))).toBe(0);
  });

  it('Gaussian smoothing agrees with scipy gaussian_filter thresholded at 0.5', () => {
    const smooth = smoothGaussian(shell, sigmaMm);
    expect(diceCoefficient(smooth.voxels, reference('smooth.raw'))).toBeGreaterThanOrEqual(0.99);
    expect(diceCoefficient(smooth.voxels, shell.voxels)).toBeLessThan(0.99);
  });
});
