import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sampleStudyPath } from '../services/app-meta.ts';
import { launchBrowserHost } from '../web-host/launch.ts';
import { portFlag, stringFlag, type ParsedArgs } from './args.ts';
import { buildElectron, buildRenderer, electronDist, rendererIsStale } from './build.ts';
import { volumeProcessEnv } from '../services/process-env.ts';
import { chromiumPath, electronRuntime, offlineChromiumFlags } from './runtimes.ts';

/**
 * `delineate start`: the Electron app when its runtime is installed; otherwise the browser host, shown
 * in an installed Chromium's app mode, or only printed (`--no-browser`) for any browser on this machine.
 */
export async function start(args: ParsedArgs): Promise<void> {
  const open = resolve(stringFlag(args, 'open') ?? sampleStudyPath());
  if (rendererIsStale()) {
    console.log('Building the renderer (first start or sources changed)...');
    await buildRenderer();
  }
  const electron = electronRuntime();
  const wantsBrowserHost = args.flags.has('no-browser') || args.flags.has('browser-host') || args.flags.has('port');
  if (electron && !wantsBrowserHost) {
    await buildElectron();
    const child = spawn(electron.path, [join(electronDist, 'main.mjs'), '--open', open], { stdio: 'inherit', env: volumeProcessEnv() });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const host = await launchBrowserHost({ initialStudyPath: open, port: portFlag(args) });
  console.log(`Delineate is serving on ${host.url}`);
  const stop = async () => {
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (args.flags.has('no-browser')) return;
  const chromium = chromiumPath();
  if (!chromium) {
    console.log('No Chromium or Chrome found (set CHROME_PATH): open the address above in a browser on this machine.');
    return;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('No display here: open the address above in a browser on this machine.');
    return;
  }
  const profile = mkdtempSync(join(tmpdir(), 'delineate-profile-'));
  const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const browser = spawn(chromium, [`--app=${host.url}`, `--user-data-dir=${profile}`, ...offlineChromiumFlags, ...rootFlags], {
    stdio: 'ignore',
  });
  browser.on('exit', async () => {
    rmSync(profile, { recursive: true, force: true });
    await stop();
  });
}
