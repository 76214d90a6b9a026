import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolders } from '../testing/scratch.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { nodeFs } from './fs-edge.ts';
import { geometryFingerprint } from './image-reference.ts';
import { scriptedOp, testGeometry } from './testing/scripted-ops.ts';
import { Workspace } from './workspace.ts';

const { freshFolder } = scratchFolders('delineate-atomic-');

describe('writeFileAtomic', () => {
  it('replaces a file and leaves nothing beside it', async () => {
    const folder = freshFolder();
    writeFileSync(join(folder, 'a.json'), 'old');
    await writeFileAtomic(nodeFs, join(folder, 'a.json'), [Buffer.from('new '), Buffer.from('content')]);
    expect(readFileSync(join(folder, 'a.json'), 'utf8')).toBe('new content');
    expect(readdirSync(folder)).toEqual(['a.json']);
  });

  it('deletes its temporary file when the rename fails (the target is a folder), after the whole file was written', async () => {
    const folder = freshFolder();
    // rename(2) of a file onto a folder fails with EISDIR: a real failure after the temporary file is complete.
    mkdirSync(join(folder, 'snapshot.bin'));
    await expect(writeFileAtomic(nodeFs, join(folder, 'snapshot.bin'), [new Uint8Array(64 * 1024)])).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readdirSync(folder)).toEqual(['snapshot.bin']);
  });
});

describe('opening a workspace', () => {
  it('removes temporary files left by processes that no longer run, and keeps those of live ones', async () => {
    const folder = join(freshFolder(), 'case-test');
    const reference = { path: '/test/image', seriesInstanceUid: '1.2.3', frameOfReferenceUid: '1.2.3.4', description: 'unit test', fingerprint: geometryFingerprint(testGeometry), createdAt: '2026-01-01T00:00:00.000Z' };
    const first = await Workspace.create(folder, reference, testGeometry);
    first.apply(scriptedOp(1));
    await first.close();

    // What a crash mid-snapshot leaves: a process that has exited (its pid no longer runs)...
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const leftovers = [`snapshot.bin.tmp-${dead}-7`, `workspace.json.tmp-${dead}-1`];
    // ...and files that may be writes in progress: this process's own, and a live process's (vitest's parent).
    const kept = [`snapshot.bin.tmp-${process.pid}-100000`, `snapshot.bin.tmp-${process.ppid}-3`, 'notes.tmp-x'];
    for (const name of [...leftovers, ...kept]) writeFileSync(join(folder, name), new Uint8Array(4096));

    const reopened = await Workspace.open(folder, testGeometry);
    const names = readdirSync(folder);
    for (const name of leftovers) expect(names, name).not.toContain(name);
    for (const name of kept) expect(names, name).toContain(name);
    expect(reopened.set.list().map((s) => s.meta.name)).toEqual(first.set.list().map((s) => s.meta.name));
    await reopened.close();
  });
});
