import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DelineateError } from '../../core/errors.ts';

/** Every regular file under a folder (recursively), or the file itself; hidden files are skipped. */
export async function listFiles(path: string): Promise<string[]> {
  const info = await statOrThrow(path);
  if (info.isFile()) return [path];
  if (!info.isDirectory()) throw new DelineateError('invalid-input', `${path}: neither a file nor a folder`);
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DelineateError('not-found', `${path}: no such file or folder`);
    if (code === 'EACCES' || code === 'EPERM') throw new DelineateError('io', `${path}: permission denied`);
    throw new DelineateError('io', `${path}: ${String(error)}`);
  }
}

/**
 * Refuses a path that is not a regular file before it is read whole: a device or a pipe (/dev/zero,
 * /dev/stdin, a FIFO) never ends, and a renderer may name any path. A missing file is left to the read,
 * which words it.
 */
export async function checkRegularFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isFile()) throw new DelineateError('invalid-input', `${path}: not a regular file (a folder, device or pipe), so it is not read`);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  await checkRegularFile(path);
  try {
    return await readFile(path);
  } catch (error) {
    throw new DelineateError('io', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Runs an async step over items with at most `limit` in flight, keeping order of results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, step: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await step(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
