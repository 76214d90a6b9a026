import { join } from 'node:path';
import { appRoot } from '../services/app-meta.ts';
import { createHandlers } from '../services/handlers.ts';
import { VolumeStore } from '../services/volume-store.ts';
import { createWorkspaceService } from '../services/workspace/data-root.ts';
import { startWebHost, type WebHost } from './server.ts';

export interface BrowserHostOptions {
  readonly initialStudyPath: string | null;
  readonly port?: number;
}

/** The browser host wired to the same services the Electron main process uses. */
export async function launchBrowserHost(options: BrowserHostOptions): Promise<WebHost> {
  const store = new VolumeStore();
  const workspaces = createWorkspaceService();
  const handlers = createHandlers({ store, host: 'browser', initialStudyPath: options.initialStudyPath, workspaces });
  const host = await startWebHost({ handlers, store, staticRoot: join(appRoot(), 'dist', 'renderer'), port: options.port ?? 0 });
  // A clean stop closes the open workspaces (final snapshot), so the next launch offers nothing to recover.
  return { ...host, close: () => workspaces.closeAll().finally(() => host.close()) };
}
