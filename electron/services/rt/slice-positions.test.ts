import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRtStruct } from '../../../core/rt/rtstruct-read.ts';
import { loadSeries } from '../study-loader.ts';
import { imageReferenceOf } from './image-reference.ts';
import { exportRtStructFile } from './rtstruct-service.ts';
import { exportSegFile } from './seg-service.ts';
import { writeSyntheticCt } from './testing/synthetic-ct.ts';

/**
 * Scanners write slice positions rounded to a few decimals: 0.625 mm slices at 696.21, 696.84, 697.46, ...
 * The loader keeps such a stack as it is (each gap is within its tolerance), so every derived object must put
 * what is drawn on plane n on slice n's own position, however far the regular grid drifts from it.
 */
const scratch = mkdtempSync(join(tmpdir(), 'delineate-slice-positions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const zs = Array.from({ length: 300 }, (_, n) => Math.round((696.21 + n * 0.625) * 100) / 100);

describe('exports on a stack whose positions are rounded', () => {
  it('places every RTSTRUCT contour and SEG frame on its own slice, not on the regular grid', async () => {
    const ctDir = join(scratch, 'ct');
    writeSyntheticCt(ctDir, { patientId: 'P1', frameOfReferenceUid: '1.2.826.0.1.3680043.2.1125.7', columns: 8, rows: 8, origin: [-10, -10, 0], pixelSpacing: 2, zs });
    const loaded = await loadSeries(ctDir);
    expect(loaded.plan.resampling).toBeNull();
    const ref = await imageReferenceOf(loaded);
    const voxels = new Uint8Array(8 * 8 * zs.length);
    for (let k = 0; k < zs.length; k++) voxels.fill(1, k * 64 + 2 * 8, k * 64 + 6 * 8); // rows 2-5 of every plane
    const structure = { name: 'Box', type: 'ORGAN', colour: [255, 0, 0] as const, generation: { algorithm: 'MANUAL' as const }, voxels, label: 1 };

    const rsPath = join(scratch, 'rs.dcm');
    await exportRtStructFile(ref, [structure], rsPath);
    const zOfSlice = new Map(ref.slices.map((s) => [s.sopInstanceUid, s.position[2]]));
    const rs = readRtStruct(readFileSync(rsPath), rsPath);
    const contours = rs.rois[0]!.contours;
    expect(contours).toHaveLength(zs.length);
    for (const contour of contours) {
      const sliceZ = zOfSlice.get(contour.referencedSopInstanceUid!)!;
      for (let n = 2; n < contour.points.length; n += 3) expect(Math.abs(contour.points[n]! - sliceZ)).toBeLessThan(1e-3);
    }

    const segPath = join(scratch, 'seg.dcm');
    await exportSegFile(ref, [structure], segPath);
    // pydicom as the independent reader: each frame's position and the slice it names.
    const frames = JSON.parse(
      execFileSync('/usr/bin/python3', [
        '-c',
        `import json, pydicom, sys
ds = pydicom.dcmread(sys.argv[1])
print(json.dumps([[float(f.PlanePositionSequence[0].ImagePositionPatient[2]), f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID] for f in ds.PerFrameFunctionalGroupsSequence]))`,
        segPath,
      ], { encoding: 'utf8' }),
    ) as [number, string][];
    expect(frames).toHaveLength(zs.length);
    for (const [z, uid] of frames) expect(Math.abs(z - zOfSlice.get(uid)!)).toBeLessThan(1e-3);
  }, 60_000);
});
