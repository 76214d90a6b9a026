import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../services/app-meta.ts';
import { AuditLog } from '../services/audit/audit-log.ts';

const bin = join(appRoot(), 'electron', 'cli', 'bin.mjs');
let folder = '';
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('delineate audit', () => {
  it('lists records, says the chain is intact, and exits 1 once a line is changed', async () => {
    folder = await mkdtemp(join(tmpdir(), 'delineate-audit-cli-'));
    const path = join(folder, 'audit.jsonl');
    const log = new AuditLog(path, { user: 'dosimetrist' });
    await log.append({ kind: 'workspace.open', workspace: '/w/case-1' });
    await log.append({ kind: 'export', file: '/out/rs.dcm', sha256: 'e'.repeat(64) });
    const intact = spawnSync(process.execPath, [bin, 'audit', '--log', path, '--json'], { encoding: 'utf8' });
    expect(intact.status).toBe(0);
    const report = JSON.parse(intact.stdout) as { verdict: { ok: boolean; records: number }; records: { kind: string }[] };
    expect(report.verdict).toMatchObject({ ok: true, records: 2 });
    expect(report.records.map((r) => r.kind)).toEqual(['export', 'workspace.open']);
    await writeFile(path, (await readFile(path, 'utf8')).replace('/w/case-1', '/w/case-2'));
    const broken = spawnSync(process.execPath, [bin, 'audit', '--log', path], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/line 2: does not follow the line before it/);
  });
});
