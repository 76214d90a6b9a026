import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The file operations workspaces write through. Everything that can fail on a full disk or a read-only
 * folder passes here, so a test can put a failing edge in front of a real folder.
 */
export interface FsEdge {
  open(path: string, flags: string): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

export const nodeFs: FsEdge = {
  open: (path, flags) => open(path, flags),
  rename,
  unlink,
  // The last level without `recursive`: recursive mkdir reports no error for it on a read-only mount.
  mkdir: async (path) => {
    await mkdir(dirname(path), { recursive: true });
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  },
};

/** Reads are not behind the edge: a failing disk still reads, and recovery must read what is there. */
export { readdir, readFile, rm };
