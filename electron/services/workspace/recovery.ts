import { join } from 'node:path';
import { z } from 'zod';
import { readdir, readFile } from './fs-edge.ts';
import { listSegments } from './journal.ts';
import type { ImageReference } from './image-reference.ts';
import { readReference, workspaceFiles } from './workspace.ts';

const Session = z.object({ pid: z.number().int(), host: z.string(), openedAt: z.string() });

export interface RecoverableWorkspace {
  readonly folder: string;
  readonly reference: ImageReference;
  /** When the crashed session opened it. */
  readonly openedAt: string;
  /** Journal segments holding work newer than the last snapshot (0: nothing would be lost either way). */
  readonly journalSegments: number;
}

/** True when a process with this id runs on this machine (signal 0 checks without signalling). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Workspaces left open by a session that is gone: the session marker is still there (a clean close removes
 * it) and its process no longer runs. Opening one replays its journal; nothing is restored behind the
 * user's back, the UI offers it.
 */
export async function findRecoverable(root: string, host: string): Promise<RecoverableWorkspace[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const found: RecoverableWorkspace[] = [];
  for (const name of names.filter((n) => n.startsWith('case-')).sort()) {
    const folder = join(root, name);
    const sessionText = await readFile(join(folder, workspaceFiles.session), 'utf8').catch(() => null);
    if (sessionText === null) continue;
    let session: z.infer<typeof Session>;
    try {
      session = Session.parse(JSON.parse(sessionText));
    } catch {
      continue; // a torn marker: the session died while opening; the workspace itself opens normally
    }
    if (session.host === host && (session.pid === process.pid || processAlive(session.pid))) continue;
    const reference = await readReference(folder).catch(() => null);
    if (!reference) continue;
    found.push({ folder, reference, openedAt: session.openedAt, journalSegments: (await listSegments(folder)).length });
  }
  return found;
}
