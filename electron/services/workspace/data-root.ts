import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { AuditLog } from '../audit/audit-log.ts';
import { privateFolderMode } from './fs-edge.ts';
import { WorkspaceService } from './workspace-service.ts';

/**
 * Where Delineate keeps its own data: $DELINEATE_DATA_DIR, else ~/.delineate. Workspaces go in
 * `workspaces/`, the audit log in `audit/audit.jsonl`. Not Electron's userData: the browser host and the
 * CLI have no Electron, and all three must find the same workspaces.
 */
export function dataRoot(): string {
  return process.env.DELINEATE_DATA_DIR ?? join(homedir(), '.delineate');
}

export function createWorkspaceService(root = dataRoot()): WorkspaceService {
  secureDataRoot(root);
  return new WorkspaceService(join(root, 'workspaces'), { audit: new AuditLog(join(root, 'audit', 'audit.jsonl')) });
}

/**
 * Makes the data root private to the user (0700): everything under it is patient data (names, contours,
 * who did what). Done when the app first uses its data, and also for a root that exists already, since
 * earlier builds made it 0755 (and a folder made by settings or worklist code may be too); with the root
 * closed, nothing under it can be reached by other users whatever its own mode. Best effort: on a
 * read-only disk or a root owned by someone else the writes that follow report the problem in their words.
 */
export function secureDataRoot(root: string): void {
  try {
    mkdirSync(dirname(root), { recursive: true });
    mkdirSync(root, { mode: privateFolderMode });
  } catch {
    // There already, or cannot be made: the mode check below (or the first write) decides.
  }
  // Windows has no mode bits to tighten (chmod only sets read-only there): the profile's ACLs apply.
  if (process.platform === 'win32') return;
  try {
    if ((statSync(root).mode & 0o077) !== 0) chmodSync(root, privateFolderMode);
  } catch {
    // Not there (read-only parent) or not ours: nothing to tighten from here.
  }
}
