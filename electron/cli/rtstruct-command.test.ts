import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../services/app-meta.ts';
import { writeSyntheticCt } from '../services/rt/testing/synthetic-ct.ts';

const bin = join(appRoot(), 'electron', 'cli', 'bin.mjs');
const data = join(appRoot(), '..', 'shared', 'data');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-rt-cli-'));
const ct = join(scratch, 'ct');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const delineate = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: appRoot(), encoding: 'utf8', timeout: 60_000 });

// pydicom's rtstruct.dcm (no preamble) on a CT of its own patient and frame of reference, 2 mm pixels.
beforeAll(() => {
  writeSyntheticCt(ct, { patientId: 'tPhantom30sep', frameOfReferenceUid: '1.2.826.0.1.3680043.8.498.2010020400001.2', columns: 221, rows: 171, origin: [-221, -171, 0], pixelSpacing: 2, zs: [-200, -190, -180] });
});

describe('delineate rtstruct and lint', () => {
  it('imports to one NIfTI per ROI plus rois.json, exports that mask back, lints it clean, and refuses to overwrite', () => {
    const out = join(scratch, 'rois');
    const imported = delineate('rtstruct', 'import', join(data, 'pydicom', 'rtstruct.dcm'), '--ref', ct, '--out-dir', out, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    const rois = JSON.parse(readFileSync(join(out, 'rois.json'), 'utf8')) as { structures: { number: number; name: string; contourCount: number; volumeCc: number; file: string; warnings: string[] }[]; warnings: string[] };
    expect(rois.structures.map((r) => [r.number, r.name, r.contourCount])).toEqual([[1, 'patient', 3], [2, 'Isocenter 1', 1], [3, 'Isocenter 2', 1]]);
    // 200 x 150 voxel centres of 2 x 2 mm inside the 400 x 300 mm rectangle, on 3 slices 10 mm apart.
    expect(rois.structures[0]!.volumeCc).toBeCloseTo((200 * 150 * 3 * 2 * 2 * 10) / 1000, 6);
    expect(rois.structures[0]!.file).toBe(join(out, '1_patient.nii.gz'));
    expect(rois.structures[1]!.warnings[0]).toMatch(/points or open lines/);
    expect(rois.warnings[0]).toMatch(/no DICOM preamble/);

    const rs = join(scratch, 'rs.dcm');
    const args = ['rtstruct', 'export', '--ref', ct, '--mask', `Body=${join(out, '1_patient.nii.gz')}`, '--type', 'Body=EXTERNAL', '--out', rs];
    expect(delineate(...args).status).toBe(0);
    const lint = delineate('lint', rs, '--ref', ct);
    expect(lint.stdout).toMatch(/RTSTRUCT, 0 error\(s\), 0 warning\(s\)/);
    expect(lint.status).toBe(0);
    const again = delineate(...args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists \(use --force to replace it\)/);
  }, 60_000);

  it('lint exits 1 with the problems in words when the file has errors', () => {
    // pydicom's structure set against another patient's image: the references do not resolve.
    const other = join(scratch, 'other-ct');
    writeSyntheticCt(other, { patientId: 'X', frameOfReferenceUid: '1.2.3.999', columns: 8, rows: 8, origin: [0, 0, 0], pixelSpacing: 1, zs: [0, 1] });
    const lint = delineate('lint', join(data, 'pydicom', 'rtstruct.dcm'), '--ref', other);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/error: The referenced frame of reference is not the image's \(1\.2\.3\.999\)/);
  }, 60_000);
});
