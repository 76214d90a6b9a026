/**
 * Electron main: windows, the app:// protocol and IPC registration. Kept thin: the logic lives in
 * security.ts, protocol.ts, register.ts and electron/services, which take Electron objects as parameters.
 */
import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import { join, resolve } from 'node:path';
import { appRoot, sampleStudyPath } from '../services/app-meta.ts';
import { createHandlers } from '../services/handlers.ts';
import { InferenceClient } from '../services/inference-client.ts';
import { AiService } from '../services/inference/ai-service.ts';
import { ModelRegistry } from '../services/inference/registry.ts';
import { VolumeStore } from '../services/volume-store.ts';
import { createWorkspaceService, dataRoot, secureDataRoot } from '../services/workspace/data-root.ts';
import { appModelsDir, userModelsDir, utilityInferenceHost } from './inference-transport.ts';
import { handleAppRequest } from './protocol.ts';
import { registerIpc } from './register.ts';
import { appEntryUrl, appScheme, hardenSession, lockContents, offlineSwitches } from './security.ts';

for (const [name, value] of offlineSwitches) app.commandLine.appendSwitch(name, value);
// Chromium's profile (caches, local storage) lives in the app's private (0700) data folder, not ~/.config/Delineate.
secureDataRoot(dataRoot());
app.setPath('userData', join(dataRoot(), 'electron'));

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

function initialStudyPath(argv: readonly string[]): string {
  const at = argv.indexOf('--open');
  return resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : sampleStudyPath(app.isPackaged ? process.resourcesPath : undefined));
}

async function main(): Promise<void> {
  await app.whenReady();
  const store = new VolumeStore();
  const rendererRoot = join(appRoot(), 'dist', 'renderer');
  hardenSession(session.defaultSession);
  protocol.handle(appScheme, (request) => handleAppRequest(request, store, rendererRoot));
  app.on('web-contents-created', (_event, contents) => lockContents(contents));

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Delineate',
    backgroundColor: '#111318',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const chooseFolder = async () => {
    const result = await dialog.showOpenDialog(window, { title: 'Open a DICOM folder', properties: ['openDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const workspaces = createWorkspaceService();
  // Models run in a utilityProcess (the host starts on the first AI request, and again if it dies).
  const ai = new AiService(new ModelRegistry({ bundled: appModelsDir(app.isPackaged), user: userModelsDir(process.argv) }), new InferenceClient(utilityInferenceHost));
  registerIpc(createHandlers({ store, host: 'electron', initialStudyPath: initialStudyPath(process.argv), chooseFolder, workspaces, ai }));
  // A clean quit closes the open workspaces (final snapshot) first, so the next launch offers nothing to recover.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void workspaces
      .closeAll()
      .catch((error: unknown) => console.error('Delineate: closing workspaces failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  await window.loadURL(appEntryUrl);
}

app.on('window-all-closed', () => app.quit());
main().catch((error: unknown) => {
  console.error('Delineate failed to start:', error);
  app.exit(1);
});
