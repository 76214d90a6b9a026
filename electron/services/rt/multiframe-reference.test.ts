import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeries } from '../study-loader.ts';
import { imageReferenceOf } from './image-reference.ts';
import { exportRtStructFile } from './rtstruct-service.ts';
import { exportSegFile } from './seg-service.ts';

/**
 * An Enhanced CT keeps all its slices in one instance: a contour or SEG frame names its slice by instance AND
 * frame number (ReferencedFrameNumber, Type 1C when a reference is to some of the frames), and the series-level
 * list names the instance once.
 */
const enhancedCt = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'dcmqi', 'segmentations', '23x38x3', 'multiframe', 'mf.dcm');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-multiframe-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pydicom = (script: string, path: string) => JSON.parse(execFileSync('/usr/bin/python3', ['-c', `import json, sys, pydicom\nds = pydicom.dcmread(sys.argv[1])\n${script}`, path], { encoding: 'utf8' }));

describe('references into a multi-frame image', () => {
  it('name each frame by its number in RTSTRUCT contours and SEG frames, and the instance once per series', async () => {
    const loaded = await loadSeries(enhancedCt);
    const ref = await imageReferenceOf(loaded);
    expect(ref.slices.map((s) => s.frameNumber)).toEqual([1, 2, 3]);
    const [w, h, d] = ref.grid.dims;
    const voxels = new Uint8Array(w * h * d);
    for (let k = 0; k < d; k++) voxels.fill(1, k * w * h + 10 * w, k * w * h + 20 * w);
    const structure = { name: 'Band', type: 'ORGAN', colour: [10, 200, 30] as const, generation: { algorithm: 'MANUAL' as const }, voxels, label: 1 };
    const frameZ = pydicom('print(json.dumps([float(f.PlanePositionSequence[0].ImagePositionPatient[2]) for f in ds.PerFrameFunctionalGroupsSequence]))', enhancedCt) as number[];

    const rsPath = join(scratch, 'rs.dcm');
    await exportRtStructFile(ref, [structure], rsPath);
    const rs = pydicom(
      `series = ds.ReferencedFrameOfReferenceSequence[0].RTReferencedStudySequence[0].RTReferencedSeriesSequence[0]
contours = [[int(c.ContourImageSequence[0].ReferencedFrameNumber), float(c.ContourData[2])] for c in ds.ROIContourSequence[0].ContourSequence]
print(json.dumps({'listed': [[i.ReferencedSOPInstanceUID, 'ReferencedFrameNumber' in i] for i in series.ContourImageSequence], 'contours': contours}))`,
      rsPath,
    ) as { listed: [string, boolean][]; contours: [number, number][] };
    expect(rs.listed).toEqual([[ref.slices[0]!.sopInstanceUid, false]]);
    expect(rs.contours.map(([frame]) => frame).sort()).toEqual([1, 2, 3]);
    for (const [frame, z] of rs.contours) expect(z).toBeCloseTo(frameZ[frame - 1]!, 3);
    const dciodvfy = spawnSync('dciodvfy', [rsPath], { encoding: 'utf8' });
    expect(`${dciodvfy.stdout}${dciodvfy.stderr}`.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);

    const segPath = join(scratch, 'seg.dcm');
    await exportSegFile(ref, [structure], segPath);
    const seg = pydicom(
      `print(json.dumps({'listed': len(ds.ReferencedSeriesSequence[0].ReferencedInstanceSequence), 'frames': [int(f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedFrameNumber) for f in ds.PerFrameFunctionalGroupsSequence]}))`,
      segPath,
    ) as { listed: number; frames: number[] };
    expect(seg).toEqual({ listed: 1, frames: [1, 2, 3] });
  }, 30_000);
});
