import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary folder for one test file, removed after it, and a function giving a new empty folder inside. */
export function scratchFolders(prefix: string): { scratch: string; freshFolder: () => string } {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let folders = 0;
  return {
    scratch,
    freshFolder: () => {
      const folder = join(scratch, `f${++folders}`);
      mkdirSync(folder);
      return folder;
    },
  };
}
