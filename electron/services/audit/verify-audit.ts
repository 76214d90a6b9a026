import { readFile } from 'node:fs/promises';
import { DelineateError } from '../../../core/errors.ts';
import type { AuditRecord } from './audit-log.ts';
import { genesisHash, lineHash } from './audit-log.ts';

export interface AuditVerdict {
  readonly ok: boolean;
  readonly records: number;
  /** 1-based line where the chain breaks, or null. */
  readonly brokenAtLine: number | null;
  readonly message: string;
}

/** Walks the chain: every line's `prev` must be the SHA-256 of the line before it, and `seq` must count up. */
export function verifyAuditText(text: string, source: string): AuditVerdict {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prev = genesisHash;
  let seq = 0;
  let records = 0;
  let pendingTorn: { line: number; hash: string } | null = null;
  const broken = (line: number, why: string): AuditVerdict => ({ ok: false, records, brokenAtLine: line, message: `${source}: line ${line}: ${why}` });
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n]!;
    let record: AuditRecord;
    try {
      record = JSON.parse(text) as AuditRecord;
    } catch {
      // Only acceptable as an interrupted write that the next record names.
      pendingTorn = { line: n + 1, hash: lineHash(text) };
      continue;
    }
    if (pendingTorn) {
      if (record.kind !== 'audit.torn-line' || record.line !== pendingTorn.line || record.tornHash !== pendingTorn.hash) {
        return broken(pendingTorn.line, 'is not a record and no torn-line record accounts for it');
      }
      pendingTorn = null;
    }
    if (record.prev !== prev) return broken(n + 1, 'does not follow the line before it (hash chain broken: edited, inserted or removed lines)');
    if (record.seq !== seq + 1) return broken(n + 1, `record number ${record.seq} where ${seq + 1} was due`);
    prev = lineHash(text);
    seq = record.seq;
    records++;
  }
  if (pendingTorn) {
    return { ok: true, records, brokenAtLine: null, message: `${source}: ${records} records, chain intact; the last line is an interrupted write` };
  }
  return { ok: true, records, brokenAtLine: null, message: `${source}: ${records} records, chain intact` };
}

export async function verifyAuditLog(path: string): Promise<AuditVerdict> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new DelineateError('io', `${path}: cannot read the audit log (${error.code ?? error.message})`);
  });
  return verifyAuditText(text, path);
}

/** Records for the UI, newest first, skipping `offset` of them. */
export async function readAuditLog(path: string, options: { offset?: number; limit?: number } = {}): Promise<AuditRecord[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new DelineateError('io', `${path}: cannot read the audit log (${error.code ?? error.message})`);
  });
  const records: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    try {
      if (line) records.push(JSON.parse(line) as AuditRecord);
    } catch {
      // a torn line: shown by the verifier, not listed
    }
  }
  const offset = options.offset ?? 0;
  return records.reverse().slice(offset, offset + (options.limit ?? 200));
}
