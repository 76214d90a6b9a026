import type { Handlers } from '../../../core/ipc/contract.ts';
import type { CallContext } from '../handlers.ts';
import type { SettingsStore } from '../settings.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { exportFinishedCases } from './worklist-export.ts';
import type { WorklistService } from './worklist-service.ts';

/** The `worklist` IPC namespace over a WorklistService (shapes in core/worklist/ipc-schemas.ts). */
export function worklistHandlers(service: () => WorklistService, workspaces: () => WorkspaceService): Handlers<CallContext>['worklist'] {
  return {
    open: ({ path }) => service().open(path),
    view: ({ worklistId }) => service().view(worklistId),
    openCase: ({ worklistId, caseId }, context) => service().openCase(worklistId, caseId, { onProgress: (p) => context.emit('study.progress', p) }),
    setStatus: ({ worklistId, caseId, status }) => service().setStatus(worklistId, caseId, status),
    exportFinished: (input, context) =>
      exportFinishedCases(service(), workspaces().audit, input.worklistId, input, (done, total, caseId) =>
        context.emit('worklist.progress', { worklistId: input.worklistId, done, total, caseId }),
      ),
    report: ({ worklistId, path, force }) => service().report(worklistId, path, force),
  };
}

/** The `settings` IPC namespace: the annotator's name (the OS user until changed). */
export function settingsHandlers(settings: SettingsStore): Handlers<CallContext>['settings'] {
  return {
    get: () => settings.get(),
    update: (change) => settings.update(change),
  };
}
