import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FsEdge } from './fs-edge.ts';
import { readdir } from './fs-edge.ts';
import { processAlive } from './session.ts';

let writes = 0;

export interface AtomicWriteOptions {
  /** Mode of the new file, before the umask; absent: the edge's default (nodeFs: private to the user). */
  readonly mode?: number;
}

/**
 * Replaces `path` with `chunks` so that a crash leaves either the old file or the new one, never a mix:
 * write a temporary file beside it, fsync it, rename it over the old one, then fsync the folder so the
 * rename itself is on disk. On any failure the temporary file is deleted: it is as large as the file, and
 * for an export it lies in someone else's folder (a planning system's import folder).
 */
export async function writeFileAtomic(fs: FsEdge, path: string, chunks: readonly Uint8Array[], options: AtomicWriteOptions = {}): Promise<void> {
  const { temporary, file } = await createTemporary(fs, path, options.mode);
  let closed = false;
  try {
    await writeAll(file, chunks);
    await file.sync();
    closed = true;
    await file.close();
    // Fails, for example, when the target is a folder: the complete temporary file must go too.
    await fs.rename(temporary, path);
  } catch (error) {
    if (!closed) await file.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(fs, dirname(path));
}

/** `<name>.tmp-<pid>-<n>`: the pid tells a later session whether the writer can still be busy with it. */
const temporaryPattern = /\.tmp-(\d+)-\d+$/;

/**
 * A new temporary file beside `path`. Exclusive create ('wx'): a link planted under the name (export
 * folders may be writable by others) is never followed, and a name left by an earlier process with the
 * same pid (pids repeat, in containers from one start to the next) is skipped rather than reused.
 */
async function createTemporary(fs: FsEdge, path: string, mode: number | undefined): Promise<{ temporary: string; file: FileHandle }> {
  for (let attempt = 1; ; attempt++) {
    // Unique per write: two writes of the same file may overlap (a snapshot while a close snapshots).
    const temporary = `${path}.tmp-${process.pid}-${++writes}`;
    try {
      return { temporary, file: await fs.open(temporary, 'wx', mode) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/**
 * Deletes the temporary files of writers that no longer run (a crash between creating one and renaming
 * it leaves a file as large as a snapshot, which nothing else would ever remove). Those of this process
 * and of live processes may be writes in progress and are kept. Best effort: a read-only folder keeps them.
 */
export async function removeStaleTemporaries(fs: FsEdge, folder: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = Number(temporaryPattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    await fs.unlink(join(folder, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

export async function syncFolder(fs: FsEdge, folder: string): Promise<void> {
  // Windows cannot open a folder as a file (EISDIR) and so cannot fsync one; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
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
