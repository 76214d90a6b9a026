import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeAll, syncFolder } from './atomic-file.ts';
import type { FsEdge } from './fs-edge.ts';
import { readdir, readFile } from './fs-edge.ts';

/**
 * The append-only journal: every change to a structure set, as it happens, in numbered records.
 * A record is [u32 LE payload length][u32 LE CRC-32 of the payload][payload: UTF-8 JSON]. A crash mid-write
 * leaves a last record that is short or fails its checksum; readers stop there and ignore it.
 *
 * The journal is a series of segment files `journal-<first seq>.log`: after a write fails the broken
 * segment is left as it is and writing resumes in a new one, so a torn record is only ever at a segment's
 * end. A segment is deleted once a snapshot holds all its records.
 */
export interface JournalRecord {
  readonly seq: number;
  readonly [field: string]: unknown;
}

const headerBytes = 8;
/** No single op comes near this; a larger length field is damage, not data. */
const maxRecordBytes = 512 * 1024 * 1024;

export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const out = Buffer.allocUnsafe(headerBytes + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  payload.copy(out, headerBytes);
  return out;
}

export interface SegmentRead {
  readonly records: JournalRecord[];
  /** Why reading stopped before the end of the file, or null when every byte was a whole record. */
  readonly torn: string | null;
}

export function decodeSegment(bytes: Buffer): SegmentRead {
  const records: JournalRecord[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < headerBytes) return { records, torn: `a ${bytes.length - at}-byte record header at byte ${at}` };
    const length = bytes.readUInt32LE(at);
    if (length > maxRecordBytes || at + headerBytes + length > bytes.length) {
      return { records, torn: `a record at byte ${at} that claims ${length} bytes` };
    }
    const payload = bytes.subarray(at + headerBytes, at + headerBytes + length);
    if (crc32(payload) !== bytes.readUInt32LE(at + 4)) return { records, torn: `a record at byte ${at} that fails its checksum` };
    let record: unknown;
    try {
      record = JSON.parse(payload.toString('utf8'));
    } catch {
      return { records, torn: `a record at byte ${at} that is not JSON` };
    }
    if (typeof record !== 'object' || record === null || !Number.isInteger((record as JournalRecord).seq)) {
      return { records, torn: `a record at byte ${at} without a sequence number` };
    }
    records.push(record as JournalRecord);
    at += headerBytes + length;
  }
  return { records, torn: null };
}

const segmentPattern = /^journal-(\d{12})\.log$/;
export const segmentName = (firstSeq: number) => `journal-${String(firstSeq).padStart(12, '0')}.log`;

export async function listSegments(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => segmentPattern.test(name)).sort();
}

/**
 * Every record after `afterSeq`, in order, from all segments. Duplicates (a record written again after a
 * failed write) are skipped; a gap in the numbering ends the replay there, since later ops build on it.
 */
export async function readJournal(folder: string, afterSeq: number): Promise<{ records: JournalRecord[]; warnings: string[] }> {
  const warnings: string[] = [];
  const bySeq = new Map<number, JournalRecord>();
  for (const name of await listSegments(folder)) {
    const read = decodeSegment(await readFile(join(folder, name)));
    if (read.torn) warnings.push(`${join(folder, name)}: ignored ${read.torn} (an interrupted write)`);
    for (const record of read.records) if (record.seq > afterSeq && !bySeq.has(record.seq)) bySeq.set(record.seq, record);
  }
  const records: JournalRecord[] = [];
  for (let seq = afterSeq + 1; bySeq.has(seq); seq++) records.push(bySeq.get(seq)!);
  if (records.length < bySeq.size) warnings.push(`${folder}: journal stops at record ${afterSeq + records.length}; later records were not applied`);
  return { records, warnings };
}

/**
 * Appends records to the current segment and makes them durable (fdatasync). A failed write throws and
 * closes the segment; the caller keeps the records and calls `write` again later, which opens a new one.
 */
export class JournalWriter {
  readonly #fs: FsEdge;
  readonly #folder: string;
  #file: FileHandle | null = null;
  #current: { name: string; lastSeq: number } | null = null;
  /** Closed segments and the last seq each holds, for deletion once a snapshot covers them. */
  readonly #closed: { name: string; lastSeq: number }[] = [];

  constructor(fs: FsEdge, folder: string, existingSegments: readonly string[] = []) {
    this.#fs = fs;
    this.#folder = folder;
    // Segments found on disk were replayed into the set already; the next snapshot covers them all.
    for (const name of existingSegments) this.#closed.push({ name, lastSeq: 0 });
  }

  async write(records: readonly { seq: number; bytes: Buffer }[]): Promise<void> {
    if (records.length === 0) return;
    try {
      if (!this.#file) {
        const name = segmentName(records[0]!.seq);
        this.#file = await this.#fs.open(join(this.#folder, name), 'a');
        this.#current = { name, lastSeq: 0 };
        await syncFolder(this.#fs, this.#folder);
      }
      await writeAll(this.#file, records.map((r) => r.bytes));
      await this.#file.datasync();
      this.#current!.lastSeq = records.at(-1)!.seq;
    } catch (error) {
      await this.roll();
      throw error;
    }
  }

  /** Ends the current segment: the next write starts a new one. */
  async roll(): Promise<void> {
    const file = this.#file;
    this.#file = null;
    if (this.#current) this.#closed.push(this.#current);
    this.#current = null;
    await file?.close().catch(() => undefined);
  }

  /** Deletes closed segments whose records a durable snapshot at `seq` holds. */
  async dropThrough(seq: number): Promise<void> {
    for (let n = this.#closed.length - 1; n >= 0; n--) {
      const segment = this.#closed[n]!;
      if (segment.lastSeq > seq) continue;
      await this.#fs.unlink(join(this.#folder, segment.name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      this.#closed.splice(n, 1);
    }
  }

  async close(): Promise<void> {
    await this.roll();
  }
}
