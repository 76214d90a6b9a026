import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, unwrap } from '../../../core/ipc/dispatch.ts';
import { boundingBox, patchFromMask, type MaskPatch } from '../../../core/mask/patch.ts';
import { appRoot } from '../app-meta.ts';
import { createHandlers, type CallContext } from '../handlers.ts';
import { VolumeStore } from '../volume-store.ts';
import { niftiMaskOnGrid } from './nifti-masks.ts';
import { writeSyntheticCt } from './testing/synthetic-ct.ts';

const root = appRoot();
const data = join(root, '..', 'shared', 'data');
const ct = join(root, 'resources', 'sample', 'totalsegmentator', 'ct');
const labels = join(data, 'totalsegmentator', 'example_seg_dicom.nii.gz');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-rt-ipc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const store = new VolumeStore();
const handlers = createHandlers({ store, host: 'browser', initialStudyPath: null });
const context: CallContext = { emit: () => {} };
const send = (channel: string, input: unknown) => dispatch(handlers, channel, input, context);
const call = async (channel: string, input: unknown) => unwrap(await send(channel, input)) as Record<string, unknown>;
const open = async (path: string) => ((await call('study.open', { path })) as { id: string }).id;

type Structure = { name: string; type: string; colour: number[]; generation: { algorithm: string; description: string }; patch: MaskPatch };
type Imported = { kind: string; structures: { name: string; type: string; colour: number[]; patch: unknown; warnings: string[] }[]; empty: string[]; warnings: string[] };
type Exported = { path: string; lint: { errors: string[]; warnings: string[] } | null; warnings: string[]; existing: string[]; written: boolean };

let volumeId: string;
const structures: Structure[] = [];

beforeAll(async () => {
  volumeId = await open(ct);
  const volume = store.get(volumeId)!.volume;
  for (const [name, label, type] of [['Spleen', 1, 'ORGAN'], ['Liver', 5, 'AVOIDANCE']] as const) {
    const mask = await niftiMaskOnGrid(labels, volume, label);
    const patch = patchFromMask(mask.voxels, mask.dims, boundingBox(mask.voxels, mask.dims)!);
    structures.push({ name, type, colour: [label * 40, 80, 120], generation: { algorithm: 'AUTOMATIC', description: 'TotalSegmentator' }, patch });
  }
}, 60_000);

describe('rt IPC channels, through the contract', () => {
  it.each([
    ['rt.exportRtstruct', 'rs.dcm', []],
    ['rt.exportSeg', 'seg.dcm', []],
    ['rt.exportLabelMap', 'labels.nii.gz', ['labels.json']],
  ] as const)('%s: checks without writing, writes, imports back the same, and never overwrites', async (channel, file, companions) => {
    const path = join(scratch, file);
    const targets = [path, ...companions.map((c) => join(scratch, c))];
    const checked = (await call(channel, { volumeId, structures, path, check: true })) as Exported;
    expect(checked).toMatchObject({ path, warnings: [], existing: [], written: false });
    if (channel !== 'rt.exportLabelMap') expect(checked.lint).toMatchObject({ errors: [] });
    for (const target of targets) expect(existsSync(target), target).toBe(false);

    const written = (await call(channel, { volumeId, structures, path })) as Exported;
    expect(written).toMatchObject({ path, existing: [], written: true });
    const back = (await call('rt.importFile', { path, volumeId })) as Imported;
    expect(back.structures.map((s) => s.name)).toEqual(['Spleen', 'Liver']);
    back.structures.forEach((s, n) => expect(s.patch, `${file} ${s.name}`).toEqual(structures[n]!.patch));
    // A label map keeps names, colours and types in its sidecar; a SEG keeps colours (as CIELab) and coded types.
    if (channel === 'rt.exportLabelMap') expect(back.structures.map((s) => [s.type, s.colour])).toEqual(structures.map((s) => [s.type, s.colour]));

    // Again: the check names what is there, the export refuses and leaves it as it was.
    const before = targets.map((t) => statSync(t).mtimeMs);
    expect(((await call(channel, { volumeId, structures, path, check: true })) as Exported).existing).toEqual(targets);
    const again = await send(channel, { volumeId, structures, path });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/already exists?/) } });
    expect(targets.map((t) => statSync(t).mtimeMs)).toEqual(before);
    expect(((await call(channel, { volumeId, structures, path, force: true })) as Exported).existing).toEqual(targets);
  }, 60_000);

  it('a label map whose .json is missing but whose .nii.gz exists is refused whole: no sidecar is left beside the old voxels', async () => {
    const path = join(scratch, 'half.nii.gz');
    writeFileSync(path, 'an older label map');
    const refused = await send('rt.exportLabelMap', { volumeId, structures, path });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/half\.nii\.gz: already exists/) } });
    expect(existsSync(join(scratch, 'half.json'))).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('an older label map');
  });

  it.each(['rt.exportRtstruct', 'rt.exportSeg', 'rt.exportLabelMap'])('%s refuses a relative path, which would be written in the main process\'s working folder', async (channel) => {
    // check: true writes nothing even where the path is accepted, so the test never writes in the checkout.
    for (const path of ['RS.dcm', 'exports/RS.dcm', '.']) {
      const refused = await send(channel, { volumeId, structures, path, check: true });
      expect(refused, path).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^rt\.export\w+: ✖ not an absolute path: give the full path of the file to write \(a relative path would be written in the folder the app was started from\);\s+→ at path$/) } });
    }
  });

  it.each([
    ['rt.exportRtstruct', 'typo-RS.dcm'],
    ['rt.exportSeg', 'typo-SEG.dcm'],
    ['rt.exportLabelMap', 'typo-labels.nii.gz'],
  ])('%s refuses a folder that does not exist (a typo is not made into a new folder) and a path that climbs out with ..', async (channel, file) => {
    const missing = join(scratch, 'no-such', 'dir');
    for (const check of [true, false]) {
      const refused = await send(channel, { volumeId, structures, path: join(missing, file), check });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: `${missing} does not exist: check the folder, or create it first` } });
    }
    expect(existsSync(join(scratch, 'no-such'))).toBe(false);
    const notFolder = join(scratch, 'a-file');
    writeFileSync(notFolder, 'x');
    expect(await send(channel, { volumeId, structures, path: join(notFolder, file) })).toMatchObject({ ok: false, error: { message: `${notFolder} is not a folder: check the folder` } });
    const climbing = `${scratch}/inner/../${file}`;
    expect(await send(channel, { volumeId, structures, path: climbing, check: true })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/"\.\."/) } });
    expect(existsSync(join(scratch, file))).toBe(false);
  });

  it('a label map reports the voxels that overlapping structures lose, before and after writing', async () => {
    const overlapping = [structures[1]!, { ...structures[1]!, name: 'Liver copy' }];
    const path = join(scratch, 'overlap.nii.gz');
    const checked = (await call('rt.exportLabelMap', { volumeId, structures: overlapping, path, check: true })) as Exported;
    expect(checked.warnings).toEqual([expect.stringMatching(/^"Liver copy" overlaps earlier structures in \d+ voxel\(s\)/)]);
    expect(((await call('rt.exportLabelMap', { volumeId, structures: overlapping, path })) as Exported).warnings).toEqual(checked.warnings);
  });

  it('lints any RTSTRUCT on demand against the loaded image', async () => {
    expect(await call('rt.lint', { path: join(scratch, 'rs.dcm'), volumeId })).toEqual({ kind: 'RTSTRUCT', errors: [], warnings: [] });
  });

  it("refuses another patient's structure set, naming the patient, and reports the problems it survives on its own patient", async () => {
    const pydicomRs = join(data, 'pydicom', 'rtstruct.dcm');
    const refused = await send('rt.importFile', { path: pydicomRs, volumeId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-data', message: expect.stringMatching(/belongs to patient ID "tPhantom30sep".*another patient's contours are never imported/) } });

    // The same file on a CT of its own patient and frame of reference: imported, with what was odd in words.
    const own = join(scratch, 'pydicom-ct');
    writeSyntheticCt(own, { patientId: 'tPhantom30sep', frameOfReferenceUid: '1.2.826.0.1.3680043.8.498.2010020400001.2', columns: 221, rows: 171, origin: [-221, -171, 0], pixelSpacing: 2, zs: [-200, -190, -180] });
    const result = (await call('rt.importFile', { path: pydicomRs, volumeId: await open(own) })) as Imported;
    expect(result.structures.map((s) => s.name)).toEqual(['patient']);
    expect(result.empty).toEqual(['Isocenter 1', 'Isocenter 2']);
    expect(result.warnings.join('\n')).toMatch(/no DICOM preamble/);
  }, 30_000);
});
