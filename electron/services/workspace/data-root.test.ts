import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../audit/verify-audit.ts';
import { createWorkspaceService, dataRoot } from './data-root.ts';
import { scriptedOp, testVolume } from './testing/scripted-ops.ts';

const scratch = mkdtempSync(join(tmpdir(), 'delineate-data-root-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every folder and file under `root`, relative, with its permission bits. */
function modesUnder(root: string): { path: string; dir: boolean; mode: number }[] {
  const found: { path: string; dir: boolean; mode: number }[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      found.push({ path: relative(root, path), dir: entry.isDirectory(), mode: statSync(path).mode & 0o777 });
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return found;
}

describe('the data root', () => {
  it('is a temporary folder of the test run, never the user\'s ~/.delineate (vitest.config.ts)', () => {
    // Tests that make handlers without their own workspaces write the audit log under dataRoot(): it must
    // not be the developer's real, hash-chained log.
    expect(process.env.DELINEATE_DATA_DIR).toBeTruthy();
    expect(dataRoot()).not.toBe(join(homedir(), '.delineate'));
    expect(relative(tmpdir(), dataRoot()).startsWith('..')).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('is private to the user: an old 0755 root tightened, folders 0700, workspace files and the audit log 0600', async () => {
    const root = join(scratch, 'data');
    mkdirSync(root, { mode: 0o755 });
    chmodSync(root, 0o755); // as an earlier build left it, whatever the umask
    const service = createWorkspaceService(root);
    expect(statSync(root).mode & 0o777).toBe(0o700);

    const stored = testVolume('vol-0123456789abcdef');
    const { workspaceId, workspace } = await service.openForVolume(stored.info.id, stored);
    service.apply(workspaceId, [scriptedOp(1), scriptedOp(2)]);
    await workspace.flush();
    workspace.saveSnapshot();
    await workspace.flush();
    service.apply(workspaceId, [scriptedOp(3)]); // a journal segment after the snapshot
    await workspace.flush();
    await service.flushAudit();

    const modes = modesUnder(root);
    // workspace.json (the patient's name), snapshot, journal, session marker, the audit log.
    for (const name of ['workspace.json', 'snapshot.bin', 'session.json', 'audit.jsonl']) expect(modes.some((m) => m.path.endsWith(name)), name).toBe(true);
    expect(modes.some((m) => /journal-\d+\.log$/.test(m.path))).toBe(true);
    expect(modes.filter((m) => m.dir && m.mode !== 0o700)).toEqual([]);
    expect(modes.filter((m) => !m.dir && m.mode !== 0o600)).toEqual([]);

    await service.closeAll();
    expect((await verifyAuditLog(join(root, 'audit', 'audit.jsonl'))).ok).toBe(true);
    expect(modesUnder(root).filter((m) => m.mode !== (m.dir ? 0o700 : 0o600))).toEqual([]);
  });
});
