import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lps } from '../../core/geometry/space.ts';
import { readNifti, writeNifti } from '../../core/nifti/index.ts';
import { appRoot } from '../services/app-meta.ts';
import { writeSyntheticCt } from '../services/rt/testing/synthetic-ct.ts';

const bin = join(appRoot(), 'electron', 'cli', 'bin.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-seg-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const delineate = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: appRoot(), encoding: 'utf8', timeout: 60_000 });

// A CT of 24 x 16 pixels of 1.5 mm on 5 slices 3 mm apart, and on it a block with a notch on slices 1 to 3.
const [w, h, d] = [24, 16, 5];
const ct = join(scratch, 'ct');
const onGrid = new Uint8Array(w * h * d);
for (let k = 1; k <= 3; k++) for (let j = 3; j < 12; j++) for (let i = 4; i < 20; i++) if (!(i > 10 && j < 6 + k)) onGrid[i + j * w + k * w * h] = 1;

beforeAll(() => {
  writeSyntheticCt(ct, { patientId: 'SEGCLI', frameOfReferenceUid: '1.2.826.0.1.3680043.10.1000.77', columns: w, rows: h, origin: [-20, 30, 50], pixelSpacing: 1.5, zs: [50, 53, 56, 59, 62] });
  // The mask as another tool may store it: i and k reversed (origin at the far corner), values 0 and 7.
  const flipped = new Uint8Array(w * h * d);
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) flipped[w - 1 - i + j * w + (d - 1 - k) * w * h] = onGrid[i + j * w + k * w * h]! * 7;
  const volume = { dims: [w, h, d] as const, spacing: [1.5, 1.5, 3] as const, origin: lps(-20 + 1.5 * (w - 1), 30, 62), direction: [-1, 0, 0, 0, 1, 0, 0, 0, -1] as const, scalars: flipped };
  writeFileSync(join(scratch, 'block-flipped.nii.gz'), writeNifti(volume, { gzip: true }));
});

describe('delineate seg', () => {
  it('exports a mask stored in another axis order on the image grid, lints it clean, imports it back voxel for voxel, and refuses to overwrite', () => {
    const seg = join(scratch, 'seg.dcm');
    const args = ['seg', 'export', '--ref', ct, '--mask', `Block=${join(scratch, 'block-flipped.nii.gz')}`, '--type', 'Block=GTV', '--colour', 'Block=10,200,30', '--out', seg];
    const exported = delineate(...args);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Block \(3 frames\)/);
    const lint = delineate('lint', seg, '--ref', ct);
    expect(lint.stdout).toMatch(/SEG, 0 error\(s\)/);
    expect(lint.status).toBe(0);

    const out = join(scratch, 'segments');
    const imported = delineate('seg', 'import', seg, '--ref', ct, '--out-dir', out, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'segments.json'), 'utf8')) as { structures: { number: number; name: string; colour: number[]; volumeCc: number; file: string; propertyType: { meaning: string } }[] };
    expect(summary.structures.map((s) => [s.number, s.name, s.colour, s.propertyType.meaning])).toEqual([[1, 'Block', [10, 200, 30], 'Neoplasm']]);
    const back = readNifti(readFileSync(summary.structures[0]!.file), 'back');
    // Written on the image's own grid, in its own order.
    expect(back.volume.dims).toEqual([w, h, d]);
    expect(Buffer.compare(back.volume.scalars as Uint8Array, onGrid)).toBe(0);
    expect(summary.structures[0]!.volumeCc).toBeCloseTo((onGrid.reduce((a, b) => a + b, 0) * 1.5 * 1.5 * 3) / 1000, 3);

    const again = delineate(...args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/seg\.dcm: already exists \(use --force to replace it\)/);
    expect(delineate('seg', 'import', seg, '--ref', ct, '--out-dir', out).stderr).toMatch(/already exist/);
  }, 90_000);
});
