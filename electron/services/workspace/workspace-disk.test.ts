import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { geometryFingerprint } from './image-reference.ts';
import { scriptedOp, scriptedSet, setDifferences, testGeometry } from './testing/scripted-ops.ts';
import { Workspace } from './workspace.ts';

/**
 * A real full disk and a real read-only folder: a 1 MiB tmpfs, mounted for the test. That needs root (CI runs
 * as root); elsewhere the injected-failure test in workspace.test.ts covers the same path at the fs edge.
 */
const mountPoint = join(tmpdir(), `delineate-tinyfs-${process.pid}`);
const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  execFileSync('mkdir', ['-p', mountPoint]);
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]).status === 0;
})();

const reference = { path: '/test/image', seriesInstanceUid: '1.2.3', frameOfReferenceUid: '', description: 'disk test', fingerprint: geometryFingerprint(testGeometry), createdAt: '' };

/** Runs `work` with the tmpfs remounted read-only, and makes it writable again whatever happens. */
async function whileReadOnly<T>(work: () => Promise<T>): Promise<T> {
  execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
  try {
    return await work();
  } finally {
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
  }
}

/** Saving catches up once the disk allows, and the case reopens equal to scripted ops 1..count. */
async function expectSavedAndReopened(workspace: Workspace, folder: string, count: number): Promise<void> {
  await expect.poll(() => workspace.status.state, { timeout: 3000, interval: 20 }).toBe('saved');
  await workspace.close();
  const reopened = await Workspace.open(folder, testGeometry);
  expect(setDifferences(reopened.set, scriptedSet(count))).toEqual([]);
  await reopened.close();
}

describe.skipIf(!canMount)('workspace on a full or read-only disk (tmpfs)', () => {
  afterAll(async () => {
    spawnSync('umount', ['-l', mountPoint]); // lazy: a failed test may leave a file open
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('reports a full disk, keeps editing, and saves once space is freed', async () => {
    const folder = await mkdtemp(join(mountPoint, 'ws-'));
    const workspace = await Workspace.create(join(folder, 'case'), reference, testGeometry, { retryMs: 50, snapshotEvery: 1000 });
    for (let n = 1; n <= 10; n++) workspace.apply(scriptedOp(n));
    await workspace.flush();
    // Fill what is left of the file system.
    const filler = join(mountPoint, 'filler');
    const file = await open(filler, 'w');
    await file.write(Buffer.alloc(2 * 1024 * 1024)).catch(() => undefined);
    for (let tries = 0; tries < 64; tries++) if ((await file.write(Buffer.alloc(4096)).catch(() => null)) === null) break;
    await file.close();
    for (let n = 11; n <= 40; n++) workspace.apply(scriptedOp(n));
    await expect(workspace.flush()).rejects.toThrow(/the disk is full \(ENOSPC\)/);
    expect(workspace.status.state).toBe('failing');
    await rm(filler);
    await expectSavedAndReopened(workspace, join(folder, 'case'), 40);
  });

  it('reports a read-only folder and saves after it becomes writable again', async () => {
    const folder = join(await mkdtemp(join(mountPoint, 'ws-')), 'case');
    const first = await Workspace.create(folder, reference, testGeometry);
    for (let n = 1; n <= 5; n++) first.apply(scriptedOp(n));
    await first.close();
    // Reopened on a read-only mount (no file of ours is open, so the remount is allowed).
    const workspace = await whileReadOnly(async () => {
      const opened = await Workspace.open(folder, testGeometry, { retryMs: 50 });
      expect(opened.warnings.join('\n')).toMatch(/read-only file system \(EROFS\)/);
      for (let n = 6; n <= 12; n++) opened.apply(scriptedOp(n));
      await expect(opened.flush()).rejects.toThrow(/Cannot save workspace .*read-only file system \(EROFS\)/);
      expect(setDifferences(opened.set, scriptedSet(12))).toEqual([]);
      return opened;
    });
    await expectSavedAndReopened(workspace, folder, 12);
  });

  it('opens a new case in memory when its folder cannot be made, and writes it once it can', async () => {
    const folder = join(await mkdtemp(join(mountPoint, 'ws-')), 'case-new');
    const workspace = await whileReadOnly(async () => {
      const created = await Workspace.create(folder, reference, testGeometry, { retryMs: 50 });
      expect(created.status).toMatchObject({ state: 'failing', message: expect.stringMatching(/read-only file system \(EROFS\)/) });
      for (let n = 1; n <= 9; n++) created.apply(scriptedOp(n));
      return created;
    });
    await expectSavedAndReopened(workspace, folder, 9);
  });
});
