import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, unwrap } from '../../../core/ipc/dispatch.ts';
import { boundingBox, patchFromMask, type MaskPatch } from '../../../core/mask/patch.ts';
import { appRoot } from '../app-meta.ts';
import { createHandlers, type CallContext } from '../handlers.ts';
import { VolumeStore } from '../volume-store.ts';
import { niftiMaskOnGrid } from './nifti-masks.ts';

const root = appRoot();
const ct = join(root, 'resources', 'sample', 'totalsegmentator', 'ct');
const labels = join(root, '..', 'shared', 'data', 'totalsegmentator', 'example_seg_dicom.nii.gz');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-rt-ipc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('rt IPC channels, through the contract', () => {
  it('exports the renderer masks (run-length patches) as RTSTRUCT, SEG and label map, imports them back the same, and never overwrites', async () => {
    const store = new VolumeStore();
    const handlers = createHandlers({ store, host: 'browser', initialStudyPath: null });
    const context: CallContext = { emit: () => {} };
    const call = async (channel: string, input: unknown) => unwrap(await dispatch(handlers, channel, input, context)) as Record<string, unknown>;
    const info = (await call('study.open', { path: ct })) as { id: string };
    const volume = store.get(info.id)!.volume;
    const structures: { name: string; type: string; colour: number[]; generation: { algorithm: string; description: string }; patch: MaskPatch }[] = [];
    for (const [name, label] of [['Spleen', 1], ['Liver', 5]] as const) {
      const mask = await niftiMaskOnGrid(labels, volume, label);
      const patch = patchFromMask(mask.voxels, mask.dims, boundingBox(mask.voxels, mask.dims)!);
      structures.push({ name, type: 'ORGAN', colour: [label * 40, 80, 120], generation: { algorithm: 'AUTOMATIC', description: 'TotalSegmentator' }, patch });
    }
    for (const [channel, file] of [['rt.exportRtstruct', 'rs.dcm'], ['rt.exportSeg', 'seg.dcm'], ['rt.exportLabelMap', 'labels.nii.gz']] as const) {
      const path = join(scratch, file);
      const written = await call(channel, { volumeId: info.id, structures, path });
      if (channel !== 'rt.exportLabelMap') expect(written.lint).toMatchObject({ errors: [] });
      const back = (await call('rt.importFile', { path, volumeId: info.id })) as { structures: { name: string; patch: unknown }[]; empty: string[] };
      expect(back.structures.map((s) => s.name)).toEqual(['Spleen', 'Liver']);
      back.structures.forEach((s, n) => expect(s.patch, `${file} ${s.name}`).toEqual(structures[n]!.patch));
      const again = await dispatch(handlers, channel, { volumeId: info.id, structures, path }, context);
      expect(again).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/already exists/) } });
    }
    expect(await call('rt.lint', { path: join(scratch, 'rs.dcm'), volumeId: info.id })).toEqual({ kind: 'RTSTRUCT', errors: [], warnings: [] });
  }, 60_000);
});
