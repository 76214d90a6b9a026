import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelMap, sidecarPath } from '../rt/labelmap-service.ts';
import { readNiftiFile } from '../nifti-file.ts';
import { scanCase } from './case-scan.ts';

/**
 * Public datasets ship contours as label maps with another tool's sidecar: OpenKBP's case folders hold ct.nii.gz,
 * oars.nii.gz + oars.json ({"Brainstem": 1, ...}) and ptv.nii.gz + ptv.json. An annotator opening such a folder
 * as a worklist gets the CT as the image and the OARs as the structures to correct.
 */
const caseDir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'openkbp', 'validation', 'pt_201');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-case-scan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const nibabelCounts = (path: string) =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      'import sys,json,nibabel as nib,numpy as np; a=np.asarray(nib.load(sys.argv[1]).dataobj); v,c=np.unique(a,return_counts=True); print(json.dumps({int(x):int(y) for x,y in zip(v,c) if x}))',
      path,
    ]).toString(),
  ) as Record<string, number>;

describe('a case folder from OpenKBP', () => {
  it('takes ct.nii.gz for the image and oars.nii.gz, named by its {"name": value} sidecar, for the structures', async () => {
    const scanned = await scanCase('pt_201', caseDir);
    expect(scanned.image).toMatchObject({ path: join(caseDir, 'ct.nii.gz'), kind: 'nifti' });
    expect(scanned.structures).toEqual({ path: join(caseDir, 'oars.nii.gz'), format: 'LABELMAP' });

    const { volume } = await readNiftiFile(scanned.image!.path);
    const { masks, warnings } = await readLabelMap(join(caseDir, 'oars.nii.gz'), volume);
    const names = JSON.parse(readFileSync(join(caseDir, 'oars.json'), 'utf8')) as Record<string, number>;
    expect(masks.map((m) => m.name)).toEqual(Object.keys(names));
    expect(warnings).toContain(`${join(caseDir, 'oars.json')}: names from a name-to-value map (no colours or types in it)`);
    const counts = nibabelCounts(join(caseDir, 'oars.nii.gz'));
    for (const mask of masks) expect(mask.mask.voxels.reduce((sum, v) => sum + v, 0)).toBe(counts[names[mask.name]!] ?? 0);

    const ptv = await readLabelMap(join(caseDir, 'ptv.nii.gz'), volume);
    expect(ptv.masks.map((m) => [m.name, m.type])).toEqual(Object.keys(JSON.parse(readFileSync(join(caseDir, 'ptv.json'), 'utf8')) as object).map((n) => [n, 'PTV']));
  }, 60_000);

  it('reads a label map with no sidecar at all, each value as "Label <value>", and says so', async () => {
    const { volume } = await readNiftiFile(join(caseDir, 'ct.nii.gz'));
    const bare = join(scratch, 'oars.nii.gz');
    copyFileSync(join(caseDir, 'oars.nii.gz'), bare);
    const { masks, warnings } = await readLabelMap(bare, volume);
    expect(masks.map((m) => m.name)).toEqual(Object.keys(nibabelCounts(bare)).map((v) => `Label ${v}`));
    expect(warnings).toContain(`${sidecarPath(bare)} not found: labels are named by their values`);
  }, 60_000);
});
