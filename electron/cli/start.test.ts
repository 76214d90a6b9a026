import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../services/app-meta.ts';

/**
 * `delineate start`'s browser path with a real Chromium in app mode on a real X server (Xvfb): the host
 * runs in a child exactly as start() runs it after the host listens (serveBrowserHost), with a small page
 * that calls the host over its WebSocket, so the test knows when the page really loaded (through the
 * launch page, the token swapped for the cookie, the CSP letting its script and socket through).
 */

const moduleUrl = (path: string) => JSON.stringify(pathToFileURL(join(appRoot(), path)).href);

/** The child: a browser host on a page that says when it connected, served as `delineate start` serves it. */
const hostScript = `
import { createHandlers } from ${moduleUrl('electron/services/handlers.ts')};
import { VolumeStore } from ${moduleUrl('electron/services/volume-store.ts')};
import { startWebHost } from ${moduleUrl('electron/web-host/server.ts')};
import { serveBrowserHost } from ${moduleUrl('electron/cli/start.ts')};
const store = new VolumeStore();
const base = createHandlers({ store, host: 'browser', initialStudyPath: null });
const app = { ...base.app, info: async (input, context) => { console.log('page connected'); return base.app.info(input, context); } };
const host = await startWebHost({ handlers: { ...base, app }, store, staticRoot: process.argv[2] });
console.log('serving on ' + host.url);
serveBrowserHost(host, { openBrowser: true });
`;

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly cmdline: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      found.push({ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), state: state!, cmdline });
    } catch {
      // It ended meanwhile.
    }
  }
  return found;
}

/** Live (not zombie) processes of a process group. */
const liveInGroup = (pgid: number) => processes().filter((p) => p.pgid === pgid && p.state !== 'Z');

/** Polls `probe` until it returns a value; `what` names what was awaited, when it is not there in time or `probe` throws. */
function waitFor<T>(what: () => string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      try {
        const value = probe();
        if (value !== undefined) return resolve(value);
      } catch (error) {
        return reject(new Error(`${what()}: ${String(error)}`));
      }
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what()}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

describe.skipIf(process.platform !== 'linux')('delineate start in Chromium app mode', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'start-browser-'));
  let xvfb: ChildProcess | undefined;
  let display = '';
  let host: ChildProcess | undefined;
  let browserGroup = 0;

  beforeAll(async () => {
    // Xvfb picks a free display and writes its number to fd 3 once it accepts connections.
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    display = await new Promise<string>((resolve, reject) => {
      let text = '';
      xvfb!.stdio[3]!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      xvfb!.once('error', (error) => reject(new Error(`Xvfb (apt-get install xvfb): ${error.message}`)));
      xvfb!.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    });
  });

  afterAll(async () => {
    // After a failure: the host's own stop first (it ends the browser and removes the profile), then by force.
    if (host && host.exitCode === null && host.signalCode === null) {
      const exited = new Promise((resolve) => host!.once('exit', resolve));
      host.kill('SIGTERM');
      const timer = setTimeout(() => host!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (browserGroup) {
      try {
        process.kill(-browserGroup, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    xvfb?.kill();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('opens the page without the token on any command line, and stopping the host ends the browser and removes its profile', async () => {
    const staticRoot = join(scratch, 'renderer');
    mkdirSync(join(staticRoot, 'assets'), { recursive: true });
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/app.js"></script>');
    // Over the cookie only: after the launch page, nothing in the page's address or script holds the token.
    writeFileSync(
      join(staticRoot, 'assets', 'app.js'),
      "const s = new WebSocket(`ws://${location.host}/ws`); s.onopen = () => s.send(JSON.stringify({ id: 1, channel: 'app.info', input: {} }));",
    );
    const scriptFile = join(scratch, 'serve.mts');
    writeFileSync(scriptFile, hostScript);
    const home = join(scratch, 'home');
    mkdirSync(home);
    host = spawn(process.execPath, ['--import', 'tsx', scriptFile, staticRoot], {
      cwd: appRoot(),
      env: { ...process.env, DISPLAY: display, WAYLAND_DISPLAY: '', HOME: home, DELINEATE_DATA_DIR: join(scratch, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    host.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    host.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => host!.once('exit', (code) => resolve(code)));

    const running = () => {
      if (host!.exitCode !== null || host!.signalCode !== null) throw new Error('the host exited');
    };
    const token = await waitFor(() => `the host; its output: ${output}`, 30_000, () => {
      running();
      return /serving on http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+)/.exec(output)?.[1];
    });
    await waitFor(() => `the page to connect; the host's output: ${output}`, 40_000, () => {
      running();
      return output.includes('page connected') ? true : undefined;
    });

    // (The host has other children: tsx's esbuild.)
    const browser = processes().find((p) => p.ppid === host!.pid && p.cmdline.includes('--user-data-dir='));
    expect(browser, 'a browser started by the host').toBeDefined();
    // In a process group of its own, which is what lets the host end its helpers too.
    expect(browser!.pgid).toBe(browser!.pid);
    browserGroup = browser!.pgid;
    const group = liveInGroup(browserGroup);
    expect(group.length).toBeGreaterThan(1);
    // ps shows every user these: none may hold the token.
    for (const each of group) expect(each.cmdline, `process ${each.pid}`).not.toContain(token);
    const profile = /--user-data-dir=(\S+)/.exec(browser!.cmdline)?.[1];
    expect(profile).toMatch(/delineate-profile-/);
    expect(statSync(profile!).mode & 0o777).toBe(0o700);
    expect(statSync(join(profile!, 'launch.html')).mode & 0o777).toBe(0o600);

    host.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Its processes are ended by then; ones the kernel has not reaped yet show as zombies for a moment.
    await waitFor(() => 'the browser to end', 3000, () => (liveInGroup(browserGroup).length === 0 ? true : undefined));
    expect(existsSync(profile!), 'the profile (its History holds the tokened address)').toBe(false);
  }, 90_000);
});
