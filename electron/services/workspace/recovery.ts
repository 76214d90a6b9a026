import { join } from 'node:path';
import { readdir } from './fs-edge.ts';
import { listSegments } from './journal.ts';
import type { ImageReference } from './image-reference.ts';
import { processAlive, readSession } from './session.ts';
import { readReference } from './workspace.ts';

export interface RecoverableWorkspace {
  readonly folder: string;
  readonly reference: ImageReference;
  /** When the crashed session opened it. */
  readonly openedAt: string;
  /** Journal segments holding work newer than the last snapshot (0: nothing would be lost either way). */
  readonly journalSegments: number;
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
    const session = await readSession(folder);
    // No marker: closed cleanly. A torn marker: the session died while opening; it opens normally.
    if (!session) continue;
    if (session.host === host && (session.pid === process.pid || processAlive(session.pid))) continue;
    const reference = await readReference(folder).catch(() => null);
    if (!reference) continue;
    found.push({ folder, reference, openedAt: session.openedAt, journalSegments: (await listSegments(folder)).length });
  }
  return found;
}
