import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { dirname } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { privateFileMode, privateFolderMode } from '../workspace/fs-edge.ts';

/** What a caller records: a kind ("workspace.open", "edits", "ai.run", "export", ...) and its details. */
export interface AuditEntry {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** A line of the log: the entry plus who, when, its number and the SHA-256 of the line before it. */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly user: string;
  readonly host: string;
  readonly prev: string;
}

export const genesisHash = '0'.repeat(64);
export const lineHash = (line: string) => createHash('sha256').update(line, 'utf8').digest('hex');

/** The OS user name (the audit log's "user", a worklist's default annotator). */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * The audit log: append-only JSON lines, each carrying the SHA-256 of the previous line, so changing,
 * inserting or deleting a line breaks the chain at that point (verify-audit.ts finds it). Deleting lines
 * from the end cannot be seen from the file alone; keep a copy of the last hash elsewhere to catch that.
 *
 * A crash mid-append leaves a torn last line; the next session does not rewrite it (append-only) but writes
 * an "audit.torn-line" record naming its line and hash, which the verifier accepts in its place.
 */
export class AuditLog {
  readonly path: string;
  readonly #user: string;
  #tail: Promise<{ seq: number; hash: string }> | null = null;

  constructor(path: string, options: { user?: string } = {}) {
    this.path = path;
    this.#user = options.user ?? osUser();
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    const previous = this.#tail ?? this.#openTail();
    const next = previous.then(async (tail) => {
      const record: AuditRecord = { ...entry, seq: tail.seq + 1, time: new Date().toISOString(), user: this.#user, host: hostname(), prev: tail.hash };
      const line = JSON.stringify(record);
      await this.#write(`${line}\n`);
      return { record, tail: { seq: record.seq, hash: lineHash(line) } };
    });
    // A failed append leaves the chain where it was; the next append tries again from there.
    this.#tail = next.then((n) => n.tail, () => previous);
    return next.then((n) => n.record).catch((error: unknown) => {
      throw new DelineateError('io', `${this.path}: cannot append to the audit log (${(error as Error).message})`);
    });
  }

  async #openTail(): Promise<{ seq: number; hash: string }> {
    // Private, as the rest of the data root: the log names users, images and exported files.
    await mkdir(dirname(this.path), { recursive: true, mode: privateFolderMode });
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const lines = text.split('\n');
    const torn = lines.pop()!; // '' when the file ends with a newline
    let last: { seq: number; hash: string } = { seq: 0, hash: genesisHash };
    for (let n = lines.length - 1; n >= 0; n--) {
      try {
        const record = JSON.parse(lines[n]!) as AuditRecord;
        last = { seq: record.seq, hash: lineHash(lines[n]!) };
        break;
      } catch {
        // an older torn line, already noted by the session that found it
      }
    }
    if (torn === '') return last;
    if (completeButUnterminated(torn, last)) {
      await this.#write('\n');
      return { seq: last.seq + 1, hash: lineHash(torn) };
    }
    const line = JSON.stringify({
      kind: 'audit.torn-line',
      line: lines.length + 1,
      tornHash: lineHash(torn),
      seq: last.seq + 1,
      time: new Date().toISOString(),
      user: this.#user,
      host: hostname(),
      prev: last.hash,
    } satisfies AuditRecord);
    await this.#write(`\n${line}\n`);
    return { seq: last.seq + 1, hash: lineHash(line) };
  }

  async #write(text: string): Promise<void> {
    const file = await open(this.path, 'a', privateFileMode);
    try {
      await file.write(text);
      await file.datasync();
    } finally {
      await file.close();
    }
  }
}

/** A crash between a record and its newline leaves a whole record: finish the line instead of calling it torn. */
function completeButUnterminated(line: string, last: { seq: number; hash: string }): boolean {
  try {
    const record = JSON.parse(line) as AuditRecord;
    return record.seq === last.seq + 1 && record.prev === last.hash;
  } catch {
    return false;
  }
}
