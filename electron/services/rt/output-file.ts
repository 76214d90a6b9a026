import { access, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { writeFileAtomic } from '../workspace/atomic-file.ts';
import { nodeFs } from '../workspace/fs-edge.ts';

export interface OutputFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Writes a file beside its target and renames it into place (writeFileAtomic: fsynced, the folder too, and
 * the temporary file removed on any failure), so a failed write never leaves half a file under the real
 * name nor debris beside it. An existing file is replaced only when `force` says so: never silently.
 */
export async function writeNewFile(path: string, bytes: Uint8Array, force: boolean): Promise<void> {
  await writeNewFiles([{ path, bytes }], force);
}

/**
 * Writes files that belong together (a label map and its sidecar, one mask per structure and their summary).
 * Every target is checked before the first is written, so a refusal to overwrite leaves nothing half done.
 */
export async function writeNewFiles(files: readonly OutputFile[], force: boolean): Promise<void> {
  if (!force) refuseExisting(await existingOf(files.map((f) => f.path)));
  for (const { path, bytes } of files) {
    try {
      await makeFolders(dirname(path));
      // An export is the user's file for the planning system, which may read it as another user: the
      // umask decides its mode, as for any file they write (not the data root's private mode).
      await writeFileAtomic(nodeFs, path, [bytes], { mode: 0o666 });
    } catch (error) {
      throw new DelineateError('io', `${path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
}

/**
 * For a file the user names in the app (the RT export dialog): its folder must already exist, and the path
 * must not climb with "..". A typo in the folder is refused, naming it, rather than made into a new folder the
 * planning system never looks in. The command line and the worklist export make their folders (writeNewFiles).
 */
export async function refuseMissingFolder(path: string): Promise<void> {
  if (path.split(/[\\/]/).includes('..')) throw new DelineateError('invalid-input', `${path}: a path with ".." in it is refused: name the folder itself, and a file name without ".." or a folder separator`);
  const folder = dirname(path);
  const found = await stat(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : Promise.reject(error)));
  if (!found) {
    // A file where a folder on the way should be reads as "not a folder", not as a folder that is missing.
    throw new DelineateError('invalid-input', `${folder} does not exist: check the folder, or create it first`);
  }
  if (!found.isDirectory()) throw new DelineateError('invalid-input', `${folder} is not a folder: check the folder`);
}

/** The paths, of those given, that name something already there. */
export async function existingOf(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) if (await exists(path)) found.push(path);
  return found;
}

/** The error every writer gives for files it would replace: the UI reads the paths back from `existing`. */
export function refuseExisting(existing: readonly string[]): void {
  if (existing.length === 0) return;
  const what = existing.length === 1 ? `${existing[0]}: already exists` : `${existing.join(', ')}: already exist`;
  throw new DelineateError('invalid-input', `${what} (use --force to replace ${existing.length === 1 ? 'it' : 'them'})`);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * mkdir -p, one level at a time from the nearest folder that exists. Not Node's `mkdir(..., { recursive })`:
 * it loops forever where a filesystem answers ENOENT for a folder it will never make (any path under /proc),
 * and the path comes from the renderer.
 */
async function makeFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (found) break;
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing.reverse()) await mkdir(at);
}
