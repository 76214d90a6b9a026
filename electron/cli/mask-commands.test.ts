import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineMasks } from '../../core/mask/boolean.ts';
import { maskFromVolume, volumeFromMask } from '../../core/mask/from-volume.ts';
import { applyMargin } from '../../core/mask/margin.ts';
import { countVoxels, type Mask } from '../../core/mask/mask.ts';
import { compareMasks } from '../../core/mask/metrics.ts';
import { countDifferences } from '../../core/mask/testing/compare.ts';
import { readNifti, writeNifti } from '../../core/nifti/index.ts';
import { appRoot } from '../services/app-meta.ts';

const run = promisify(execFile);
const bin = join(appRoot(), 'electron', 'cli', 'bin.mjs');
const delineate = (...args: string[]) => run(process.execPath, [bin, ...args], { cwd: appRoot(), timeout: 60_000 });
const labels = join(appRoot(), '..', 'shared', 'data', 'totalsegmentator', 'example_seg.nii.gz');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-mask-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const file = (name: string): string => join(scratch, name);
const readMask = (path: string): Mask => maskFromVolume(readNifti(readFileSync(path), path).volume);

let liver: Mask;
let spleen: Mask;

beforeAll(async () => {
  const volume = readNifti(readFileSync(labels), labels).volume;
  liver = maskFromVolume(volume, 5);
  spleen = maskFromVolume(volume, 1);
  writeFileSync(file('liver.nii.gz'), writeNifti(volumeFromMask(liver), { gzip: true }));
  writeFileSync(file('spleen.nii.gz'), writeNifti(volumeFromMask(spleen), { gzip: true }));
  // The same world-space masks stored in other orientations (array flipped, affine moved to the new first
  // voxel with that axis reversed): half of the grid (i < 60) flipped along i and j, the liver flipped along k.
  const script = `
import nibabel as nib, numpy as np, sys
img = nib.load(sys.argv[1]); a = np.asanyarray(img.dataobj)
def flipped(data, axes):
    affine = img.affine.copy()
    for axis in axes:
        affine[:3, 3] += affine[:3, axis] * (data.shape[axis] - 1)
        affine[:3, axis] *= -1
    return nib.Nifti1Image(np.flip(data, axes).astype(np.uint8), affine)
half = np.zeros(a.shape, np.uint8); half[:60] = 1
nib.save(flipped(half, (0, 1)), sys.argv[2])
nib.save(flipped(a == 5, (2,)), sys.argv[3])`;
  await run('/usr/bin/python3', ['-c', script, labels, file('half-flipped.nii.gz'), file('liver-flipped.nii.gz')]);
}, 60_000);

// Each test starts two or three CLI processes (about a second each when the machine is idle): allow for a busy one.
describe('delineate margin / boolean / metrics', { timeout: 90_000 }, () => {
  it('margin grows and shrinks per direction (negative values shrink) and matches --limit in world coordinates', async () => {
    await delineate('margin', file('liver.nii.gz'), '--mm', '-3,0,5,0,6,-6', '--limit', file('half-flipped.nii.gz'), '--out', file('grown.nii.gz'));
    const half = { ...liver, voxels: liver.voxels.map((_, n) => (n % liver.dims[0] < 60 ? 1 : 0)) };
    const margin = applyMargin(liver, { right: -3, left: 0, anterior: 5, posterior: 0, superior: 6, inferior: -6 });
    const grown = readMask(file('grown.nii.gz'));
    expect(countVoxels(margin)).not.toBe(countVoxels(liver));
    expect(countVoxels(grown)).toBeLessThan(countVoxels(margin));
    expect(countDifferences(grown.voxels, combineMasks('intersect', margin, half).voxels)).toBe(0);
  });

  it('boolean combines on one grid, refuses another grid with both names, and resamples when asked', async () => {
    await delineate('boolean', 'subtract', file('liver.nii.gz'), file('spleen.nii.gz'), '--out', file('diff.nii.gz'));
    expect(countDifferences(readMask(file('diff.nii.gz')).voxels, combineMasks('subtract', liver, spleen).voxels)).toBe(0);
    await expect(delineate('boolean', 'union', file('liver.nii.gz'), file('half-flipped.nii.gz'), '--out', file('u.nii.gz'))).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/half-flipped\.nii\.gz .*is not on the grid of .*liver\.nii\.gz/),
    });
    await delineate('boolean', 'xor', file('liver.nii.gz'), file('liver-flipped.nii.gz'), '--resample', '--out', file('x.nii.gz'));
    expect(countVoxels(readMask(file('x.nii.gz')))).toBe(0);
  });

  it('metrics --json prints exactly the documented keys, resampling b onto a', async () => {
    const [spleenVsLiver, flipped] = await Promise.all([
      delineate('metrics', file('spleen.nii.gz'), file('liver.nii.gz'), '--tolerance-mm', '3', '--json'),
      delineate('metrics', file('liver.nii.gz'), file('liver-flipped.nii.gz'), '--json'),
    ]);
    const report = JSON.parse(spleenVsLiver.stdout) as Record<string, number>;
    expect(Object.keys(report)).toEqual(['dice', 'hd95Mm', 'hdMm', 'msdMm', 'surfaceDice', 'volumeACc', 'volumeBCc']);
    expect(report).toEqual({ ...compareMasks(spleen, liver, { toleranceMm: 3 }) });
    expect(report['hdMm']).toBeGreaterThan(10);
    expect(JSON.parse(flipped.stdout)).toMatchObject({ dice: 1, hdMm: 0, hd95Mm: 0, surfaceDice: 1 });
  });
});
