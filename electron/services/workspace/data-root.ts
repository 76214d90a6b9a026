import { homedir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log.ts';
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
  return new WorkspaceService(join(root, 'workspaces'), { audit: new AuditLog(join(root, 'audit', 'audit.jsonl')) });
}
