import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Modes of what Delineate writes in its data root: workspace.json names the patient, the snapshots and
 * journals hold the contours, the audit log says who did what. Other users of the machine must not read
 * them, whatever the umask (umask can only take bits away, so these hold under the usual 022).
 */
export const privateFolderMode = 0o700;
export const privateFileMode = 0o600;

/**
 * The file operations workspaces write through. Everything that can fail on a full disk or a read-only
 * folder passes here, so a test can put a failing edge in front of a real folder.
 */
export interface FsEdge {
  /** `mode` is for a file the call creates; without it nodeFs makes it private (privateFileMode). */
  open(path: string, flags: string, mode?: number): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

/** The real file system, for the data root: new files and folders private to the user. */
export const nodeFs: FsEdge = {
  open: (path, flags, mode = privateFileMode) => open(path, flags, mode),
  rename,
  unlink,
  // The last level without `recursive`: recursive mkdir reports no error for it on a read-only mount.
  mkdir: async (path) => {
    await mkdir(dirname(path), { recursive: true, mode: privateFolderMode });
    await mkdir(path, { mode: privateFolderMode }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  },
};

/** Reads are not behind the edge: a failing disk still reads, and recovery must read what is there. */
export { readdir, readFile, rm };
