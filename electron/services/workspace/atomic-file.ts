import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FsEdge } from './fs-edge.ts';

/**
 * Replaces `path` with `chunks` so that a crash leaves either the old file or the new one, never a mix:
 * write a temporary file beside it, fsync it, rename it over the old one, then fsync the folder so the
 * rename itself is on disk.
 */
let writes = 0;

export async function writeFileAtomic(fs: FsEdge, path: string, chunks: readonly Uint8Array[]): Promise<void> {
  // Unique per write: two writes of the same file may overlap (a snapshot while a close snapshots).
  const temporary = `${path}.tmp-${process.pid}-${++writes}`;
  const file = await fs.open(temporary, 'w');
  try {
    await writeAll(file, chunks);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await file.close();
  await fs.rename(temporary, path);
  await syncFolder(fs, dirname(path));
}

export async function syncFolder(fs: FsEdge, folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes every byte: a single write may stop short (a nearly full disk) without an error. */
export async function writeAll(file: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (const chunk of chunks) {
    for (let done = 0; done < chunk.byteLength; ) {
      const { bytesWritten } = await file.write(chunk, done, chunk.byteLength - done);
      if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'EIO' });
      done += bytesWritten;
    }
  }
}
