import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { offlineChromiumFlags } from '../electron/cli/runtimes.ts';

export const root = resolve(import.meta.dirname, '..');
export const sampleStudy = join(root, 'resources', 'sample', 'totalsegmentator', 'ct');
/** Real test data beside the checkout (../shared/data), as CI lays it out. */
export const sharedData = resolve(root, '..', 'shared', 'data');
export const target = process.env.E2E_TARGET === 'electron' ? 'electron' : 'browser';

/**
 * The flags `delineate start` gives Chromium, so the pages are tested under its host resolver rule (no name
 * but 127.0.0.1 resolves). Not its --disable-features: Chromium keeps only the last one given, and Playwright
 * passes its own list (with OptimizationHints, MediaRouter and NetworkTimeServiceQuerying already in it).
 */
export const chromiumFlags = ['--no-sandbox', ...offlineChromiumFlags.filter((flag) => !flag.startsWith('--disable-features='))];

export interface LaunchedApp {
  readonly page: Page;
  /** The browser host's address and token (browser target only). */
  readonly host?: { origin: string; token: string };
  /** The folder the app saves workspaces in (relaunch with it to find the saved work). */
  readonly dataDir: string;
  /** Ends the app process with SIGKILL, as a crash or a power cut would: no chance to save or close. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the browser host exactly as a user does (`delineate start --no-browser`) and reads its URL. */
async function startBrowserHost(args: string[], dataDir: string): Promise<{ process: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [join(root, 'electron', 'cli', 'bin.mjs'), 'start', '--no-browser', '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, DELINEATE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<URL>((resolveUrl, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) resolveUrl(new URL(match[1]!));
    });
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output}`)));
  });
  return { process: child, url };
}

function chromiumExecutable(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: apt-get install chromium, or set CHROME_PATH');
  return found;
}

/** The Electron binary from node_modules/electron, read without require('electron') (which downloads). */
function electronExecutable(): string {
  const dir = join(root, 'node_modules', 'electron');
  const path = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
  if (!existsSync(path)) throw new Error('E2E_TARGET=electron needs the Electron runtime (npx install-electron)');
  return path;
}

export interface LaunchOptions {
  open?: string;
  /** Browser target: the page size (default 900x600, small because software rendering cost grows with pixels). */
  viewport?: { width: number; height: number };
  /**
   * Where the app keeps workspaces and the audit log ($DELINEATE_DATA_DIR): a fresh temporary folder unless
   * given, so tests never see each other's saved work. Pass the same folder to relaunch onto saved work.
   */
  dataDir?: string;
  /** Browser target: runs before the app's page loads (for example page.addInitScript). */
  prepare?: (page: Page) => Promise<void>;
  /** Browser target: another page of the built renderer to open instead of the app (e.g. 'codec-check.html'). */
  page?: string;
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const open = options.open ?? sampleStudy;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'delineate-e2e-data-'));
  // A folder made here is removed by close(); one the caller gave stays (it may relaunch onto it).
  const removeOwnDataDir = () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  if (target === 'electron') {
    const app: ElectronApplication = await _electron.launch({
      executablePath: electronExecutable(),
      args: [join(root, 'dist', 'electron', 'main.mjs'), '--open', open],
      env: { ...process.env, DELINEATE_DATA_DIR: dataDir } as Record<string, string>,
    });
    const page = await app.firstWindow();
    // Keep the window small, as in the browser target: software rendering costs grow with pixels.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setContentSize(900, 600));
    return {
      page,
      dataDir,
      close: async () => {
        await app.close();
        removeOwnDataDir();
      },
      kill: async () => {
        app.process().kill('SIGKILL');
        await new Promise((resolve) => app.process().once('exit', resolve));
      },
    };
  }
  const host = await startBrowserHost(['--open', open], dataDir);
  const browser: Browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumFlags });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 900, height: 600 } });
  await options.prepare?.(page);
  const url = new URL(host.url);
  if (options.page) url.pathname = `/${options.page}`;
  await page.goto(url.href);
  return {
    page,
    host: { origin: host.url.origin, token: host.url.searchParams.get('token')! },
    dataDir,
    close: async () => {
      await browser.close();
      // Wait for the host to finish (it saves open workspaces on SIGTERM), so a test can then remove its data
      // folder without racing those writes; a host that hangs is killed after 10 s.
      if (host.process.exitCode === null && host.process.signalCode === null) {
        const exited = new Promise((resolve) => host.process.once('exit', resolve));
        host.process.kill('SIGTERM');
        const timer = setTimeout(() => host.process.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      removeOwnDataDir();
    },
    kill: async () => {
      const exited = new Promise((resolve) => host.process.once('exit', resolve));
      host.process.kill('SIGKILL');
      await exited;
      await browser.close();
    },
  };
}
