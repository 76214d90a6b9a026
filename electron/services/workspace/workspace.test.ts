import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StructureSet } from '../../../core/structures/structure-set.ts';
import type { FsEdge } from './fs-edge.ts';
import { nodeFs } from './fs-edge.ts';
import { geometryFingerprint } from './image-reference.ts';
import { listSegments } from './journal.ts';
import { scriptedOp, scriptedSet, setDifferences, testGeometry } from './testing/scripted-ops.ts';
import { Workspace } from './workspace.ts';

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'delineate-ws-'));
  folders.push(folder);
  return join(folder, 'case-test');
}
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

const reference = {
  path: '/test/image',
  seriesInstanceUid: '1.2.3',
  frameOfReferenceUid: '1.2.3.4',
  description: 'unit test',
  fingerprint: geometryFingerprint(testGeometry),
  createdAt: '2026-01-01T00:00:00.000Z',
};

function expectSameSet(actual: StructureSet, expected: StructureSet): void {
  expect(setDifferences(actual, expected)).toEqual([]);
}

describe('workspace', () => {
  it('saves structures, undo history and effort, and a clean close leaves nothing to recover', async () => {
    const folder = await freshFolder();
    const workspace = await Workspace.create(folder, reference, testGeometry, { snapshotEvery: 10 });
    for (let n = 1; n <= 40; n++) workspace.apply(scriptedOp(n));
    await workspace.close();
    expect((await readdir(folder)).sort()).toEqual(['snapshot.bin', 'workspace.json']);
    const reopened = await Workspace.open(folder, testGeometry);
    expect(reopened.recovered).toBe(false);
    expectSameSet(reopened.set, scriptedSet(40));
    // The history came back too: undo on the reopened case matches undo on the original.
    const expected = scriptedSet(40);
    expected.apply({ op: 'undo' });
    reopened.apply({ op: 'undo', at: 0 });
    expect(Array.from(reopened.set.get('s1').mask.toMask(testGeometry).voxels)).toEqual(Array.from(expected.get('s1').mask.toMask(testGeometry).voxels));
    await reopened.close();
  });

  it('replays the journal after an unclean end and ignores a torn last record', async () => {
    const folder = await freshFolder();
    const workspace = await Workspace.create(folder, reference, testGeometry, { snapshotEvery: 1000 });
    for (let n = 1; n <= 20; n++) workspace.apply(scriptedOp(n));
    workspace.saveSnapshot();
    await workspace.flush();
    for (let n = 21; n <= 33; n++) workspace.apply(scriptedOp(n));
    await workspace.flush();
    // Stop here without closing (as a crash would), then tear a record onto the end of the journal.
    const segments = await listSegments(folder);
    expect(segments.length).toBeGreaterThan(0);
    await appendFile(join(folder, segments.at(-1)!), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 123, 34]));
    const restored = await Workspace.open(folder, testGeometry);
    expect(restored.recovered).toBe(true);
    expect(restored.seq).toBe(33);
    expect(restored.warnings.join('\n')).toMatch(/ignored a record at byte \d+ that claims 200 bytes/);
    expectSameSet(restored.set, scriptedSet(33));
    await restored.close();
  });

  it('refuses a different grid and a case that another running Delineate has open', async () => {
    const folder = await freshFolder();
    await (await Workspace.create(folder, reference, testGeometry)).close();
    await expect(Workspace.open(folder, { ...testGeometry, spacing: [1, 1, 3] })).rejects.toThrow(/different image grid/);
    // The parent of this test process is alive and is not us.
    await writeFile(join(folder, 'session.json'), JSON.stringify({ pid: process.ppid, host: hostname(), openedAt: 'earlier' }));
    await expect(Workspace.open(folder, testGeometry)).rejects.toThrow(new RegExp(`open in another Delineate \\(process ${process.ppid}`));
  });

  it('snapshots by journal size and by time as well as by op count', async () => {
    for (const limits of [{ snapshotEveryBytes: 2_000 }, { snapshotEveryMs: 0 }]) {
      const folder = await freshFolder();
      const workspace = await Workspace.create(folder, reference, testGeometry, { snapshotEvery: 1_000_000, ...limits });
      for (let n = 1; n <= 12; n++) workspace.apply(scriptedOp(n));
      await workspace.flush();
      expect((await readdir(folder)).includes('snapshot.bin'), JSON.stringify(limits)).toBe(true);
      expect(setDifferences((await Workspace.open(folder, testGeometry)).set, scriptedSet(12))).toEqual([]);
    }
  });

  it('keeps edits in memory while the disk refuses, says why, and saves them when it can', async () => {
    const folder = await freshFolder();
    let failing = false;
    const enospc = () => Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    // The real file system, with writes refused at the edge while `failing` is set.
    const edge: FsEdge = {
      ...nodeFs,
      open: async (path, flags) => {
        if (failing && flags !== 'r') throw enospc();
        const handle = await nodeFs.open(path, flags);
        const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<unknown>;
        return Object.assign(handle, { write: (...args: unknown[]) => (failing ? Promise.reject(enospc()) : write(...args)) });
      },
    };
    const statuses: string[] = [];
    const workspace = await Workspace.create(folder, reference, testGeometry, { fs: edge, retryMs: 50, onStatus: (s) => statuses.push(s.state) });
    for (let n = 1; n <= 10; n++) workspace.apply(scriptedOp(n));
    await workspace.flush();
    failing = true;
    for (let n = 11; n <= 20; n++) workspace.apply(scriptedOp(n));
    await expect(workspace.flush()).rejects.toThrow(/Cannot save workspace .*: the disk is full \(ENOSPC\)\. The edits are kept in memory/);
    expect(workspace.status).toMatchObject({ state: 'failing', unsaved: 10 });
    expectSameSet(workspace.set, scriptedSet(20)); // editing goes on
    failing = false;
    await expect.poll(() => workspace.status.state, { timeout: 2000, interval: 20 }).toBe('saved');
    expect(statuses).toContain('failing');
    const restored = await Workspace.open(folder, testGeometry);
    expectSameSet(restored.set, scriptedSet(20));
  });
});
