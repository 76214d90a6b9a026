import type { EventName, EventPayload, Handlers } from '../../core/ipc/contract.ts';
import type { LoadProgress, VolumeInfo } from '../../core/ipc/schemas.ts';
import { appVersion } from './app-meta.ts';
import { companionStructures } from './companion-structures.ts';
import { aiHandlers } from './inference/ai-handlers.ts';
import type { AiService } from './inference/ai-service.ts';
import { rtHandlers } from './rt/rt-handlers.ts';
import { ScanStore } from './scan/scan-store.ts';
import { loadScannedSeries, openStudy, scanStudy, seriesThumbnail } from './study-service.ts';
import type { VolumeStore } from './volume-store.ts';
import { SettingsStore } from './settings.ts';
import { createWorkspaceService, dataRoot } from './workspace/data-root.ts';
import { settingsHandlers, worklistHandlers } from './worklist/worklist-handlers.ts';
import { WorklistService } from './worklist/worklist-service.ts';
import { workspaceHandlers } from './workspace/workspace-handlers.ts';
import type { WorkspaceService } from './workspace/workspace-service.ts';

/** What a handler may do back towards the renderer that called it. */
export interface CallContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface HandlerDeps {
  readonly store: VolumeStore;
  /** Shows a native folder picker; only the Electron app has one. */
  readonly chooseFolder?: () => Promise<string | null>;
  /** Recent scans; one is made when not given. */
  readonly scans?: ScanStore;
  readonly host: 'electron' | 'browser';
  /** Study to open at launch: `--open`, else the bundled sample; null for none. */
  readonly initialStudyPath: string | null;
  /** Runs models; made on first use (inference host as a child process, models from native-models/) when not given. */
  readonly ai?: AiService;
  /** The user models folder from settings, for the AI service made here. */
  readonly userModelsDir?: string | null;
  /** Case workspaces and the audit log; made on first use under dataRoot() when not given. */
  readonly workspaces?: WorkspaceService;
}

function withProgress(options: { signal: AbortSignal }, context: CallContext) {
  return { ...options, onProgress: (progress: LoadProgress) => context.emit('study.progress', progress) };
}

/** The one implementation of the contract, served by Electron IPC and by the browser host alike. */
export function createHandlers(deps: HandlerDeps): Handlers<CallContext> {
  let initial: Promise<VolumeInfo | null> | undefined;
  const scans = deps.scans ?? new ScanStore();
  let workspaces: WorkspaceService | undefined;
  const workspaceService = () => (workspaces ??= deps.workspaces ?? createWorkspaceService());
  // Worklists and settings share the data root with the workspaces ($DELINEATE_DATA_DIR, else ~/.delineate).
  const settings = new SettingsStore(dataRoot());
  let worklists: WorklistService | undefined;
  const worklistService = () => (worklists ??= new WorklistService({ store: deps.store, workspaces: workspaceService, dataRoot: dataRoot(), settings }));
  // Scans and loads in flight; `study.cancel` aborts them all (the user asked to stop, whichever it is).
  const running = new Set<AbortController>();
  const cancellable = async <T>(work: (options: { signal: AbortSignal }) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running.add(controller);
    try {
      return await work({ signal: controller.signal });
    } finally {
      running.delete(controller);
    }
  };
  return {
    app: {
      info: async () => ({ name: 'Delineate', version: appVersion, host: deps.host, platform: process.platform }),
    },
    study: {
      // Loaded once per launch; a reloaded page gets the same volume back instead of a second copy.
      initial: (_input, context) =>
        (initial ??= deps.initialStudyPath
          ? openStudy(deps.store, deps.initialStudyPath, { onProgress: (p) => context.emit('study.progress', p) })
          : Promise.resolve(null)),
      open: ({ path }, context) => cancellable((options) => openStudy(deps.store, path, withProgress(options, context))),
      scan: ({ path }, context) => cancellable((options) => scanStudy(scans, path, withProgress(options, context))),
      load: ({ scanId, seriesKey }, context) =>
        cancellable((options) => loadScannedSeries(deps.store, scans.series(scanId, seriesKey), withProgress(options, context))),
      cancel: async () => {
        for (const controller of running) controller.abort();
        return {};
      },
      thumbnail: ({ scanId, seriesKey }) => seriesThumbnail(scans.series(scanId, seriesKey)),
      companionStructures: ({ id }) => companionStructures(deps.store, id),
      release: async ({ id }) => {
        deps.store.release(id);
        return {};
      },
    },
    ai: aiHandlers({ ...deps, settings }),
    rt: rtHandlers(deps.store, () => workspaceService().audit),
    workspace: workspaceHandlers(deps.store, workspaceService),
    worklist: worklistHandlers(worklistService, workspaceService),
    settings: settingsHandlers(settings),
    dialog: {
      chooseFolder: async () =>
        deps.chooseFolder ? { path: await deps.chooseFolder(), supported: true } : { path: null, supported: false },
    },
  } satisfies Handlers<CallContext>;
}
