import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRuns } from '../../../core/mask/patch.ts';
import { lintDicom } from '../../../core/rt/lint.ts';
import type { StructureMeta } from '../../../core/structures/schemas.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { readAuditLog } from '../audit/verify-audit.ts';
import { imageReferenceOf, lintImageOf } from '../rt/image-reference.ts';
import { importSegFile } from '../rt/seg-service.ts';
import { SettingsStore } from '../settings.ts';
import { VolumeStore } from '../volume-store.ts';
import { WorkspaceService } from '../workspace/workspace-service.ts';
import { exportFinishedCases } from './worklist-export.ts';
import { WorklistService } from './worklist-service.ts';

/**
 * A worklist of real files, built here: a 3-slice liver CT with the SEG drawn on it (dcmqi), a NIfTI CT
 * (OpenKBP) and a folder with no image. Work is applied through the real workspace service, as the app does.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const data = join(root, '..', 'shared', 'data');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-worklist-'));
const worklistDir = join(scratch, 'cases');
const dataDir = join(scratch, 'data');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  cpSync(join(data, 'dcmqi', 'segmentations', 'ct-3slice'), join(worklistDir, 'case-2 liver', 'ct'), { recursive: true });
  cpSync(join(data, 'dcmqi', 'segmentations', 'liver.dcm'), join(worklistDir, 'case-2 liver', 'liver-seg.dcm'));
  mkdirSync(join(worklistDir, 'case-10 head and neck'), { recursive: true });
  cpSync(join(data, 'openkbp', 'validation', 'pt_201', 'ct.nii.gz'), join(worklistDir, 'case-10 head and neck', 'ct.nii.gz'));
  mkdirSync(join(worklistDir, 'case-11 empty'));
  writeFileSync(join(worklistDir, 'case-11 empty', 'notes.txt'), 'nothing to see');
});

function services(annotator?: string) {
  const store = new VolumeStore();
  const workspaces = new WorkspaceService(join(dataDir, 'workspaces'), { audit: new AuditLog(join(dataDir, 'audit', 'audit.jsonl')) });
  const settings = new SettingsStore(dataDir);
  const worklists = new WorklistService({ store, workspaces: () => workspaces, dataRoot: dataDir, settings });
  return { store, workspaces, settings, worklists, annotator };
}

const meta = (id: string, name: string): StructureMeta => ({
  id,
  name,
  color: [230, 60, 60],
  type: 'GTV',
  visible: true,
  opacity: 0.5,
  display: 'fill',
  locked: false,
  provenance: { kind: 'manual' },
  recipe: null,
});

describe('worklist', () => {
  it('lists the case folders in natural order with their image and structures to correct', async () => {
    const { worklists } = services();
    const view = await worklists.open(worklistDir);
    expect(view.cases.map((c) => c.id)).toEqual(['case-2 liver', 'case-10 head and neck', 'case-11 empty']);
    const [liver, neck, empty] = view.cases;
    expect(liver!.image).toMatchObject({ kind: 'dicom' });
    expect(liver!.structures).toEqual({ path: join(worklistDir, 'case-2 liver', 'liver-seg.dcm'), format: 'SEG' });
    expect(neck!.image).toMatchObject({ kind: 'nifti', path: join(worklistDir, 'case-10 head and neck', 'ct.nii.gz') });
    expect(neck!.structures).toBeNull();
    expect(empty!.image).toBeNull();
    expect(empty!.problem).toMatch(/no image series/);
    expect(view.cases.every((c) => c.status === 'todo')).toBe(true);
  });

  it('works a case through: open, edit, done; statuses, time and annotator persist; the report and export follow', async () => {
    const first = services();
    await first.settings.update({ annotator: 'Dr "Q", O\'Brien' });
    const { worklistId } = await first.worklists.open(worklistDir);
    const opened = await first.worklists.openCase(worklistId, 'case-2 liver');
    expect(opened.case.status).toBe('in-progress');
    expect(opened.volume.dims).toEqual([512, 512, 3]);

    // What the renderer does: open the workspace, import the SEG on first open, edit, all through ops.
    const { workspaceId } = await first.workspaces.openForVolume(opened.volume.id, first.store.get(opened.volume.id)!);
    const ref = await imageReferenceOf({ plan: first.store.get(opened.volume.id)!.plan! });
    const imported = await importSegFile(opened.case.structures!.path, ref, opened.volume.source);
    expect(imported.segments.length).toBeGreaterThan(0);
    const t0 = 1_700_000_000_000;
    const box = { lo: [200, 200, 1], hi: [240, 230, 2] } as const;
    first.workspaces.apply(workspaceId, [
      { op: 'create', structure: meta('s1', 'GTVp'), at: t0 },
      { op: 'edit', id: 's1', label: 'Brush GTVp', patch: { box, runs: encodeRuns(new Uint8Array(40 * 30).fill(1)) }, clicks: 3, at: t0 + 10_000 },
      { op: 'edit', id: 's1', label: 'Brush GTVp', patch: { box, runs: encodeRuns(new Uint8Array(40 * 30).fill(1)) }, clicks: 2, at: t0 + 25_000 },
    ]);
    const done = await first.worklists.setStatus(worklistId, 'case-2 liver', 'done');
    expect(done).toMatchObject({ status: 'done', annotator: 'Dr "Q", O\'Brien', edits: 2, clicks: 5, activeSeconds: 25 });
    await first.workspaces.closeAll();

    // A new session (another launch) reads the same statuses and the work from disk.
    const second = services();
    const again = await second.worklists.open(worklistDir);
    expect(again.annotator).toBe('Dr "Q", O\'Brien');
    expect(again.cases[0]).toMatchObject({ status: 'done', edits: 2, clicks: 5, activeSeconds: 25 });
    await second.worklists.setStatus(worklistId, 'case-10 head and neck', 'flagged');

    const report = join(scratch, 'report.csv');
    expect(await second.worklists.report(worklistId, report)).toMatchObject({ rows: 4, written: true });
    const lines = readFileSync(report, 'utf8').split('\r\n');
    expect(lines[0]).toBe('level,case,status,annotator,structure,type,active_seconds,edits,clicks,updated_at');
    expect(lines[1]).toMatch(/^case,case-2 liver,done,"Dr ""Q"", O'Brien",,,25\.0,2,5,\d{4}-/);
    expect(lines[2]).toMatch(/^structure,case-2 liver,done,"Dr ""Q"", O'Brien",GTVp,GTV,25\.0,2,5,/);
    expect(lines[3]).toMatch(/^case,case-10 head and neck,flagged,/);
    expect(lines[4]).toMatch(/^case,case-11 empty,todo,,,,0\.0,0,0,$/);
    expect(await second.worklists.report(worklistId, report)).toMatchObject({ written: false });

    // Export of the finished case: an RTSTRUCT that lints clean against the image and is audited.
    const out = join(scratch, 'export');
    const progress: string[] = [];
    const exported = await exportFinishedCases(second.worklists, second.workspaces.audit, worklistId, { format: 'RTSTRUCT', folder: out, deidentify: false }, (n, total, id) =>
      progress.push(`${n}/${total} ${id ?? ''}`),
    );
    expect(exported).toMatchObject({ written: true, skipped: [], exported: [{ caseId: 'case-2 liver', structures: 1 }] });
    expect(progress).toEqual(['0/1 case-2 liver', '1/1 ']);
    const file = exported.exported[0]!.files[0]!;
    expect(file).toBe(join(out, 'case-2_liver_RTSTRUCT.dcm'));
    expect(lintDicom(readFileSync(file), file, lintImageOf(ref)).errors).toEqual([]);
    expect(second.store.get(opened.volume.id)).toBeUndefined();
    const audit = await readAuditLog(join(dataDir, 'audit', 'audit.jsonl'), { limit: 20 });
    expect(audit.find((r) => r.kind === 'export')).toMatchObject({ file, case: 'case-2 liver', format: 'RTSTRUCT' });
    expect(audit.filter((r) => r.kind === 'worklist.status').map((r) => r.status)).toEqual(expect.arrayContaining(['in-progress', 'done', 'flagged']));

    // Never overwritten silently: a second export names the file and writes nothing until forced.
    const before = readFileSync(file);
    const refused = await exportFinishedCases(second.worklists, null, worklistId, { format: 'RTSTRUCT', folder: out, deidentify: false }, () => {});
    expect(refused).toEqual({ written: false, existing: [file], exported: [], skipped: [] });
    expect(readFileSync(file).equals(before)).toBe(true);
    const forced = await exportFinishedCases(second.worklists, null, worklistId, { format: 'RTSTRUCT', folder: out, deidentify: false, force: true }, () => {});
    expect(forced.written).toBe(true);
    expect(readFileSync(file).equals(before)).toBe(false);
  });

  it('a NIfTI case exports as a label map only', async () => {
    const { worklists } = services();
    const { worklistId } = await worklists.open(worklistDir);
    await worklists.setStatus(worklistId, 'case-2 liver', 'in-progress');
    const opened = await worklists.openCase(worklistId, 'case-10 head and neck');
    expect(opened.volume.dims).toEqual([128, 128, 128]);
    await worklists.setStatus(worklistId, 'case-10 head and neck', 'done');
    const result = await exportFinishedCases(worklists, null, worklistId, { format: 'SEG', folder: join(scratch, 'seg'), deidentify: true }, () => {});
    expect(result.skipped).toEqual([{ caseId: 'case-10 head and neck', reason: expect.stringMatching(/NIfTI label map/) }]);
  });

  it('de-identifies a DICOM export when asked', async () => {
    const { worklists } = services();
    const { worklistId } = await worklists.open(worklistDir);
    await worklists.setStatus(worklistId, 'case-2 liver', 'done');
    await worklists.setStatus(worklistId, 'case-10 head and neck', 'flagged');
    const result = await exportFinishedCases(worklists, null, worklistId, { format: 'RTSTRUCT', folder: join(scratch, 'deid'), deidentify: true }, () => {});
    const bytes = readFileSync(result.exported[0]!.files[0]!);
    // The CT's patient name and accession number are gone; the profile's marker is there.
    for (const secret of ['JANCT000', '03086212']) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    expect(bytes.includes(Buffer.from('Basic Application Confidentiality Profile'))).toBe(true);
  });
});
