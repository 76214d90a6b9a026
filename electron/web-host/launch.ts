import { join } from 'node:path';
import { appRoot } from '../services/app-meta.ts';
import { createHandlers } from '../services/handlers.ts';
import { VolumeStore } from '../services/volume-store.ts';
import { startWebHost, type WebHost } from './server.ts';

export interface BrowserHostOptions {
  readonly initialStudyPath: string | null;
  readonly port?: number;
}

/** The browser host wired to the same services the Electron main process uses. */
export function launchBrowserHost(options: BrowserHostOptions): Promise<WebHost> {
  const store = new VolumeStore();
  const handlers = createHandlers({ store, host: 'browser', initialStudyPath: options.initialStudyPath });
  return startWebHost({ handlers, store, staticRoot: join(appRoot(), 'dist', 'renderer'), port: options.port ?? 0 });
}
