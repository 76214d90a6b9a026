import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sampleStudyPath } from '../services/app-meta.ts';
import { launchBrowserHost } from '../web-host/launch.ts';
import type { WebHost } from '../web-host/server.ts';
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
  serveBrowserHost(host, { openBrowser: !args.flags.has('no-browser') });
}

/**
 * The browser host's life once it listens: shown in Chromium's app mode unless `openBrowser` is false, and
 * stopped by a signal or by closing that window. Stopping ends the browser before the host and removes its
 * profile: left running, it would keep the app's window open on a dead host, and its profile would keep
 * the token (History, cookies) in /tmp.
 */
export function serveBrowserHost(host: WebHost, options: { readonly openBrowser: boolean }): void {
  let browser: AppBrowser | undefined;
  let stopping: Promise<void> | undefined;
  // Once only: the browser's own exit, a signal and the exit below may all ask.
  const stop = () =>
    (stopping ??= (async () => {
      await browser?.close();
      await host.close();
      process.exit(0);
    })());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The browser runs in its own session (openAppBrowser), so a closed terminal's hangup reaches only this process.
  process.on('SIGHUP', stop);
  // Any other way out (process.exit, an uncaught error) still ends the browser and removes its profile.
  process.on('exit', () => browser?.closeNow());
  if (!options.openBrowser) return;
  const chromium = chromiumPath();
  if (!chromium) {
    console.log('No Chromium or Chrome found (set CHROME_PATH): open the address above in a browser on this machine.');
    return;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('No display here: open the address above in a browser on this machine.');
    return;
  }
  try {
    browser = openAppBrowser(chromium, host.url);
  } catch (error) {
    console.log(`${error instanceof Error ? error.message : String(error)}: open the address above in a browser on this machine.`);
    return;
  }
  // Closing the app's window ends the host too.
  void browser.exited.then(stop);
}

export interface AppBrowser {
  readonly pid: number;
  /** Its --user-data-dir, removed by close() and closeNow(). */
  readonly profile: string;
  /** Settles when the browser process has exited, however. */
  readonly exited: Promise<void>;
  /** Ends the browser (SIGTERM, SIGKILL after 5 s), then whatever of its process group is left, then removes its profile. */
  close(): Promise<void>;
  /** The same at once, synchronously, for process 'exit' handlers. */
  closeNow(): void;
}

/**
 * Shows `url` in Chromium's app mode with a fresh profile and offlineChromiumFlags. The tokened address is
 * never on the command line, which every local user can read (ps, /proc/<pid>/cmdline): Chromium opens a
 * launch page in the profile folder that moves on to the address. The profile goes when the browser is
 * closed: its History and cookies hold the token. `extraFlags` is for tests (--headless).
 */
export function openAppBrowser(chromium: string, url: string, extraFlags: readonly string[] = []): AppBrowser {
  const profile = mkdtempSync(join(tmpdir(), 'delineate-profile-'));
  const flags = [...appBrowserFlags(writeLaunchPage(profile, url), profile), ...extraFlags];
  // Its own process group (detached), so that stopping ends its zygote, renderers and helpers too.
  const child = spawn(chromium, flags, { stdio: 'ignore', detached: true });
  let running = true;
  const exited = new Promise<void>((done) => {
    const ended = () => {
      running = false;
      done();
    };
    child.once('exit', ended);
    // A failed spawn (ENOENT, EACCES) has no pid and emits 'error' instead of 'exit'.
    child.once('error', ended);
  });
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Could not start ${chromium}`);
  }
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: nothing of the group is left.
    }
  };
  const removeProfile = () => rmSync(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  let closing: Promise<void> | undefined;
  let closed = false;
  return {
    pid,
    profile,
    exited,
    close: () =>
      (closing ??= (async () => {
        if (running) {
          // SIGTERM lets the browser close its windows and its children itself.
          child.kill('SIGTERM');
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([exited, new Promise<void>((done) => (timer = setTimeout(done, 5000)))]);
          clearTimeout(timer);
        }
        // Whatever of the group is left: a browser that ignored SIGTERM, or its zygote, renderers and helpers.
        killGroup('SIGKILL');
        await exited;
        removeProfile();
        closed = true;
      })()),
    closeNow: () => {
      // After close() the group's id may already belong to another process.
      if (closed) return;
      killGroup('SIGKILL');
      removeProfile();
      closed = true;
    },
  };
}

/**
 * Writes the page that takes Chromium on to `url` into `profile` and returns its path. The folder is the
 * user's alone (0700) and the page 0600: it holds the token, which is all the host asks of a local process.
 */
export function writeLaunchPage(profile: string, url: string): string {
  chmodSync(profile, 0o700);
  const page = join(profile, 'launch.html');
  const target = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  // A meta refresh, not a script: nothing runs in a file:// page. No referrer leaves a file:// page either.
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${target}"><title>Delineate</title>\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  return page;
}

/** Exactly the command line the app's Chromium gets (electron/cli/offline-chromium.test.ts runs it under strace). */
export function appBrowserFlags(launchPage: string, profile: string): string[] {
  // Chromium refuses to run as root without --no-sandbox.
  const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return [`--app=${pathToFileURL(launchPage).href}`, `--user-data-dir=${profile}`, ...offlineChromiumFlags, ...rootFlags];
}
