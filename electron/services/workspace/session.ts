import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { readFile } from './fs-edge.ts';

/** session.json: which process has a workspace open. A clean close removes it; a crash leaves it. */
export const SessionSchema = z.object({ pid: z.number().int(), host: z.string(), openedAt: z.string() });
export type Session = z.infer<typeof SessionSchema>;
export const sessionFile = 'session.json';

/** The marker, or null when there is none or it is torn (the session died while writing it). */
export async function readSession(folder: string): Promise<Session | null> {
  const text = await readFile(join(folder, sessionFile), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return SessionSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** True when a process with this id runs on this machine (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another live process on this machine has the workspace open. */
export function heldByAnotherProcess(session: Session): boolean {
  return session.host === hostname() && session.pid !== process.pid && processAlive(session.pid);
}
