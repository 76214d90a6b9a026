import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/ipc/dispatch.ts';
import type { WorkspaceState } from '../../../core/structures/ipc-schemas.ts';
import { StructureSet } from '../../../core/structures/structure-set.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { createHandlers } from '../handlers.ts';
import { VolumeStore } from '../volume-store.ts';
import { scriptedOp, scriptedSet, setDifferences, testGeometry, testVolume } from './testing/scripted-ops.ts';
import { WorkspaceService } from './workspace-service.ts';

let root = '';

/** The handlers over a loaded test volume, with workspaces and the audit log under `dir`; `call` throws on an error reply. */
function openHarness(dir: string) {
  const store = new VolumeStore();
  const id = store.newId();
  store.add(testVolume(id));
  const workspaces = new WorkspaceService(join(dir, 'workspaces'), { audit: new AuditLog(join(dir, 'audit.jsonl'), { user: 'tester' }) });
  const handlers = createHandlers({ store, host: 'browser', initialStudyPath: null, workspaces });
  const call = async (channel: string, input: unknown) => {
    const reply = await dispatch(handlers, channel, input, { emit: () => undefined });
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.output as never;
  };
  return { id, call };
}
afterAll(() => rm(root, { recursive: true, force: true }));

describe('workspace IPC channels', () => {
  it('open, apply (masks as run-length patches), undo effects, close, reopen, audit', async () => {
    root = await mkdtemp(join(tmpdir(), 'delineate-wsipc-'));
    const { id, call } = openHarness(root);
    const opened: { workspaceId: string; structures: unknown[]; recovered: boolean } = await call('workspace.open', { volumeId: id });
    expect(opened).toMatchObject({ structures: [], recovered: false });
    const ops = Array.from({ length: 30 }, (_, n) => scriptedOp(n + 1));
    const applied: { seq: number; effects: unknown[]; save: { state: string } } = await call('workspace.apply', { workspaceId: opened.workspaceId, ops });
    expect(applied.seq).toBe(30);
    // Effects come back only for the undo and redo ops among them (the renderer has its own ops already).
    expect(applied.effects.length).toBeLessThanOrEqual(ops.filter((op) => op.op === 'undo' || op.op === 'redo').length);
    expect(applied.effects.every((e) => (e as { op: string }).op === 'edit')).toBe(true);
    // A renderer copy without history follows the main side's undo through the effects.
    const mirror = scriptedSet(30);
    const undo: { effects: Parameters<StructureSet['apply']>[0][] } = await call('workspace.apply', { workspaceId: opened.workspaceId, ops: [{ op: 'undo', at: 1 }] });
    for (const effect of undo.effects) mirror.apply(effect, { record: false });
    const expected = scriptedSet(30);
    expected.apply({ op: 'undo', at: 1 });
    expect(setDifferences(mirror, expected).filter((d) => !d.includes('history') && !d.includes('effort'))).toEqual([]);
    await expect(call('workspace.apply', { workspaceId: opened.workspaceId, ops: [{ op: 'edit', id: 's1', label: 'x', patch: { box: { lo: [0, 0, 0], hi: [99, 1, 1] }, runs: [99] } }] })).rejects.toThrow(
      /outside the 24x20x12 grid/,
    );
    // Marking a structure as an AI result puts the model and its hash in the audit log.
    const ai = { kind: 'ai', modelId: 'click3d-ct', modelVersion: '1.0', sha256: 'd'.repeat(64) } as const;
    await call('workspace.apply', { workspaceId: opened.workspaceId, ops: [{ op: 'update', id: 's2', changes: { provenance: ai }, at: 2 }] });
    expected.apply({ op: 'update', id: 's2', changes: { provenance: ai }, at: 2 });
    await call('workspace.close', { workspaceId: opened.workspaceId });
    const reopened: WorkspaceState = await call('workspace.open', { volumeId: id });
    expect(reopened.structures.map((s) => s.meta.name)).toEqual(['Liver', 'GTVp']);
    expect(reopened.history.position).toBe(expected.history.labels().position);
    // Each whole mask crossed as one patch; rebuilding from them gives the saved voxels.
    const rebuilt = new StructureSet(testGeometry);
    for (const s of reopened.structures) {
      rebuilt.apply({ op: 'create', structure: s.meta, version: s.version, ...(s.patch ? { patch: s.patch } : {}) }, { record: false });
    }
    expect(setDifferences(rebuilt, expected).filter((d) => !d.includes('history') && !d.includes('effort'))).toEqual([]);
    const audit: { records: { kind: string; user: string }[]; verdict: { ok: boolean } } = await call('workspace.audit', {});
    expect(audit.verdict.ok).toBe(true);
    expect(audit.records.map((r) => r.kind)).toEqual(['workspace.open', 'workspace.close', 'edits', 'ai.run', 'workspace.create']);
    expect(audit.records[3]).toMatchObject({ modelId: 'click3d-ct', sha256: 'd'.repeat(64), structure: 'GTVp' });
    expect(audit.records[0]!.user).toBe('tester');
    expect(await call('workspace.recoverable', {})).toEqual([]);
    await expect(call('workspace.apply', { workspaceId: 'case-0000000000000000', ops: [{ op: 'undo' }] })).rejects.toThrow(/is not open/);
  });
});

describe('an accepted AI edit in the audit log', () => {
  it('names the model and its prompts: clicks counted, the box and the scribbled voxels as given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'delineate-wsai-'));
    try {
      const { id, call } = openHarness(dir);
      const opened: { workspaceId: string } = await call('workspace.open', { volumeId: id });
      const box = { lo: [2, 2, 1], hi: [6, 5, 2] };
      const ai = { modelId: 'user.box-model', modelVersion: '1.0.0', sha256: 'e'.repeat(64), prompts: [{ voxel: [3, 3, 1], positive: true }], box, scribbles: { positive: 9, negative: 2 }, ms: 310 };
      const structure = scriptedOp(1);
      await call('workspace.apply', {
        workspaceId: opened.workspaceId,
        ops: [structure, { op: 'edit', id: 's1', label: 'AI click s1 (user.box-model)', patch: { box, runs: [0, 12] }, ai, at: 5 }],
      });
      await call('workspace.close', { workspaceId: opened.workspaceId });
      const audit: { records: Record<string, unknown>[] } = await call('workspace.audit', {});
      expect(audit.records.find((r) => r.kind === 'ai.run')).toMatchObject({ modelId: 'user.box-model', task: 'interactive', prompts: 1, box, scribbles: { positive: 9, negative: 2 }, ms: 310 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
