import { join, resolve } from 'node:path';
import { readAuditLog, verifyAuditLog } from '../services/audit/verify-audit.ts';
import { dataRoot } from '../services/workspace/data-root.ts';
import type { ParsedArgs } from './args.ts';
import { stringFlag } from './args.ts';

/**
 * `delineate audit [--log <audit.jsonl>] [--limit N] [--json]`: the latest audit records and whether the
 * hash chain is intact. Exit code 1 when it is broken, so a script can check a log.
 */
export async function auditCommand(args: ParsedArgs): Promise<number> {
  const path = resolve(stringFlag(args, 'log') ?? join(dataRoot(), 'audit', 'audit.jsonl'));
  const limit = Number(stringFlag(args, 'limit') ?? 20);
  const [records, verdict] = await Promise.all([readAuditLog(path, { limit }), verifyAuditLog(path)]);
  if (args.flags.has('json')) {
    console.log(JSON.stringify({ verdict, records }, null, 2));
  } else {
    for (const { seq, time, user, kind, prev: _prev, host: _host, ...details } of records) {
      console.log(`${String(seq).padStart(6)} ${time} ${user.padEnd(12)} ${kind.padEnd(18)} ${JSON.stringify(details)}`);
    }
    console.log(verdict.message);
  }
  return verdict.ok ? 0 : 1;
}
