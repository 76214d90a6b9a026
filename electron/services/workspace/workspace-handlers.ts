import type { Handlers } from '../../../core/ipc/contract.ts';
import { DelineateError } from '../../../core/errors.ts';
import type { StructureOp } from '../../../core/structures/schemas.ts';
import type { WorkspaceState } from '../../../core/structures/ipc-schemas.ts';
import { readAuditLog, verifyAuditLog } from '../audit/verify-audit.ts';
import type { VolumeStore } from '../volume-store.ts';
import type { OpenedWorkspace, WorkspaceService } from './workspace-service.ts';
import { basename } from 'node:path';

/** The `workspace` IPC namespace over a WorkspaceService (see core/structures/ipc-schemas.ts for the shapes). */
export function workspaceHandlers(store: VolumeStore, service: () => WorkspaceService): Handlers['workspace'] {
  return {
    open: async ({ volumeId }) => {
      const stored = store.get(volumeId);
      if (!stored) throw new DelineateError('not-found', `volume ${volumeId} is not loaded`);
      return stateOf(await service().openForVolume(volumeId, stored));
    },
    apply: async ({ workspaceId, ops }) => {
      const results = service().apply(workspaceId, ops as StructureOp[]);
      const { workspace } = service().get(workspaceId);
      // Only undo and redo change what the renderer does not already have: the other ops came from it.
      const effects = results.flatMap((r, n) => (ops[n]!.op === 'undo' || ops[n]!.op === 'redo' ? r.effects : []));
      return { effects, seq: workspace.seq, history: workspace.set.history.labels(), save: workspace.status };
    },
    status: async ({ workspaceId }) => {
      const { workspace } = service().get(workspaceId);
      return { save: workspace.status, history: workspace.set.history.labels() };
    },
    close: async ({ workspaceId }) => {
      await service().close(workspaceId);
      return {};
    },
    recoverable: async () =>
      (await service().recoverable()).map((r) => ({
        workspaceId: basename(r.folder),
        folder: r.folder,
        image: { path: r.reference.path, seriesInstanceUid: r.reference.seriesInstanceUid, description: r.reference.description },
        openedAt: r.openedAt,
        journalSegments: r.journalSegments,
      })),
    audit: async ({ offset, limit }) => {
      const log = service().audit;
      if (!log) return { records: [], verdict: { ok: true, records: 0, brokenAtLine: null, message: 'no audit log is kept' } };
      await service().flushAudit();
      return { records: await readAuditLog(log.path, { offset, limit }), verdict: await verifyAuditLog(log.path) };
    },
  };
}

function stateOf({ workspaceId, workspace }: OpenedWorkspace): WorkspaceState {
  const set = workspace.set;
  return {
    workspaceId,
    folder: workspace.folder,
    image: { path: workspace.reference.path, seriesInstanceUid: workspace.reference.seriesInstanceUid, description: workspace.reference.description },
    recovered: workspace.recovered,
    warnings: workspace.warnings,
    structures: set.list().map((s) => ({ meta: s.meta, version: s.version, effort: s.effort, outOfDate: set.isOutOfDate(s.meta.id), patch: set.maskPatch(s.meta.id) })),
    history: set.history.labels(),
    save: workspace.status,
  };
}
