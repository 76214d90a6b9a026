import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { auditAiRun, auditExport } from './audit-events.ts';
import { AuditLog } from './audit-log.ts';
import { readAuditLog, verifyAuditLog } from './verify-audit.ts';

const folders: string[] = [];
async function freshLog(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'delineate-audit-'));
  folders.push(folder);
  return join(folder, 'audit', 'audit.jsonl');
}
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

async function fill(path: string): Promise<void> {
  const log = new AuditLog(path, { user: 'dosimetrist' });
  await log.append({ kind: 'workspace.open', workspace: '/w/case-1' });
  await log.append({ kind: 'ai.run', model: 'click3d-ct', version: '1', sha256: 'a'.repeat(64) });
  await log.append({ kind: 'export', file: '/out/rtss.dcm', sha256: 'b'.repeat(64) });
}

describe('audit log', () => {
  it('records an export with the SHA-256 that sha256sum gives for the file', async () => {
    const path = await freshLog();
    const file = join(path, '..', '..', 'rtss.dcm');
    await writeFile(file, Buffer.from('DICM pretend export '.repeat(5000)));
    const record = await auditExport(new AuditLog(path), file, { format: 'RTSTRUCT' });
    const reference = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
    expect(record).toMatchObject({ kind: 'export', file, format: 'RTSTRUCT', bytes: 100_000, sha256: reference });
    await auditAiRun(new AuditLog(path), { modelId: 'click3d-ct', modelVersion: '1.0', sha256: 'c'.repeat(64), task: 'interactive' });
    expect((await readAuditLog(path)).map((r) => r.kind)).toEqual(['ai.run', 'export']);
  });

  it('chains records, reads them newest first and verifies', async () => {
    const path = await freshLog();
    await fill(path);
    // A second session continues the same chain.
    await new AuditLog(path, { user: 'physicist' }).append({ kind: 'workspace.close', workspace: '/w/case-1' });
    const records = await readAuditLog(path);
    expect(records.map((r) => [r.seq, r.kind, r.user])).toEqual([
      [4, 'workspace.close', 'physicist'],
      [3, 'export', 'dosimetrist'],
      [2, 'ai.run', 'dosimetrist'],
      [1, 'workspace.open', 'dosimetrist'],
    ]);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: true, records: 4, brokenAtLine: null });
  });

  it('finds an edited, a deleted and an inserted line', async () => {
    const path = await freshLog();
    await fill(path);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    const edited = [...lines];
    edited[1] = edited[1]!.replace('click3d-ct', 'other-model');
    await writeFile(path, `${edited.join('\n')}\n`);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, brokenAtLine: 3 });
    await writeFile(path, `${[lines[0], lines[2]].join('\n')}\n`);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, brokenAtLine: 2 });
    await writeFile(path, `${[lines[0], lines[0], lines[1], lines[2]].join('\n')}\n`);
    expect((await verifyAuditLog(path)).ok).toBe(false);
  });

  it('survives a torn last line: the next session notes it and the chain still verifies', async () => {
    const path = await freshLog();
    await fill(path);
    await appendFile(path, '{"kind":"edits","seq":4,"ti');
    await new AuditLog(path).append({ kind: 'workspace.open', workspace: '/w/case-2' });
    const verdict = await verifyAuditLog(path);
    expect(verdict).toMatchObject({ ok: true, records: 5 });
    const [latest, torn] = await readAuditLog(path, { limit: 2 });
    expect(torn).toMatchObject({ kind: 'audit.torn-line', line: 4 });
    expect(latest).toMatchObject({ kind: 'workspace.open', seq: 5 });
  });
});
