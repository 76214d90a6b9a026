import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeries } from '../study-loader.ts';
import { imageReferenceOf } from './image-reference.ts';
import { exportRtStructFile, importRtStructFile } from './rtstruct-service.ts';
import { writeSyntheticCt } from './testing/synthetic-ct.ts';

const scratch = mkdtempSync(join(tmpdir(), 'delineate-long-contours-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('an RTSTRUCT contour longer than explicit VR allows', () => {
  it('is written whole at full precision (implicit VR), passes dciodvfy and reads back voxel for voxel', async () => {
    const ctDir = join(scratch, 'ct');
    const size = 200;
    writeSyntheticCt(ctDir, { patientId: 'P1', frameOfReferenceUid: '1.2.826.0.1.3680043.2.1125.8', columns: size, rows: size, origin: [-100, -100, 12.5], pixelSpacing: 1, zs: [12.5, 15] });
    const ref = await imageReferenceOf(await loadSeries(ctDir));
    // A square riddled with 2,025 one-voxel holes (a lung and its vessels, say): keyholed into one contour of
    // some 140 kB of ContourData, where explicit VR's DS stops at 64 KiB.
    const voxels = new Uint8Array(size * size * 2);
    for (let j = 10; j < 190; j++) for (let i = 10; i < 190; i++) voxels[size * size + j * size + i] = i % 4 === 0 && j % 4 === 0 ? 0 : 1;
    const rsPath = join(scratch, 'rs.dcm');
    const written = await exportRtStructFile(ref, [{ name: 'Riddled', type: 'ORGAN', colour: [0, 128, 255], generation: { algorithm: 'MANUAL' }, voxels, label: 1 }], rsPath);
    expect(written.contourCounts).toEqual([1]);

    const dump = spawnSync('dcmdump', ['-M', '+P', '0002,0010', '+P', '3006,0046', rsPath], { encoding: 'utf8' }).stdout;
    expect(dump).toContain('=LittleEndianImplicit');
    expect(Number(/IS \[(\d+)\]/.exec(dump)![1])).toBeGreaterThan(10_000);
    const dciodvfy = spawnSync('dciodvfy', [rsPath], { encoding: 'utf8' });
    expect(`${dciodvfy.stdout}${dciodvfy.stderr}`.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);

    const back = await importRtStructFile(rsPath, ref, ctDir);
    const mask = back.rois[0]!.mask.voxels;
    let differing = 0;
    for (let n = 0; n < voxels.length; n++) if ((mask[n] ? 1 : 0) !== voxels[n]) differing++;
    expect(differing).toBe(0);
  }, 60_000);
});
