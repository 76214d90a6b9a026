import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findRecoverable } from './recovery.ts';
import { scriptedSet, setDifferences, testGeometry } from './testing/scripted-ops.ts';
import { Workspace } from './workspace.ts';

const child = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
let root = '';
afterAll(() => rm(root, { recursive: true, force: true }));

/** Runs the crash child until it reports `killAfter` ops durable, then SIGKILLs it mid-stream. */
function runAndKill(folder: string, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, folder, '100000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let durable = 0;
    let errors = '';
    let buffered = '';
    proc.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) durable = Math.max(durable, Number(/^durable (\d+)$/.exec(line)?.[1] ?? 0));
      if (durable >= killAfter && proc.exitCode === null && !proc.killed) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(durable);
      else reject(new Error(`crash child ended by itself (code ${code}): ${errors}`));
    });
  });
}

describe('workspace crash recovery', () => {
  it('restores, voxel for voxel, everything journaled before a SIGKILL', async () => {
    root = await mkdtemp(join(tmpdir(), 'delineate-crash-'));
    const folder = join(root, 'case-crash');
    const acknowledged = await runAndKill(folder, 120);
    expect(acknowledged).toBeGreaterThanOrEqual(120);

    const offered = await findRecoverable(root, hostname());
    expect(offered.map((r) => r.folder)).toEqual([folder]);

    const restored = await Workspace.open(folder, testGeometry);
    expect(restored.recovered || restored.seq === acknowledged).toBe(true);
    // Every op acknowledged as durable is back; a few more may have reached the disk before the kill.
    expect(restored.seq).toBeGreaterThanOrEqual(acknowledged);
    expect(setDifferences(restored.set, scriptedSet(restored.seq))).toEqual([]);
    await restored.close();
    expect(await findRecoverable(root, hostname())).toEqual([]);
  });
});
