import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AuditLog, AuditRecord } from './audit-log.ts';

/** SHA-256 of a file, streamed (exports can be large). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Records a written export: the file, its size and SHA-256 (so the file can later be proven unchanged). */
export async function auditExport(log: AuditLog, file: string, details: { format: string; [field: string]: unknown }): Promise<AuditRecord> {
  const [sha256, info] = await Promise.all([fileSha256(file), stat(file)]);
  return log.append({ ...details, kind: 'export', file, bytes: info.size, sha256 });
}

/** Records a model run: which model, its version and the SHA-256 of its weights, and on what. */
export function auditAiRun(
  log: AuditLog,
  run: { modelId: string; modelVersion: string; sha256: string; task: string; [field: string]: unknown },
): Promise<AuditRecord> {
  return log.append({ ...run, kind: 'ai.run' });
}
