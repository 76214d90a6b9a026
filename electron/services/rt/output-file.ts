import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';

/**
 * Writes a file beside its target and renames it into place, so a failed write never leaves half a file under
 * the real name. An existing file is replaced only when `force` says so: never silently.
 */
export async function writeNewFile(path: string, bytes: Uint8Array, force: boolean): Promise<void> {
  if (!force && (await exists(path))) {
    throw new DelineateError('invalid-input', `${path}: already exists (use --force to replace it)`);
  }
  const partial = `${path}.partial`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(partial, bytes);
    await rename(partial, path);
  } catch (error) {
    throw new DelineateError('io', `${path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
