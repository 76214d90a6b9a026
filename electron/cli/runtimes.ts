import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../services/app-meta.ts';
import { volumeProcessEnv } from '../services/process-env.ts';

/**
 * The Electron binary, when one is installed. The `electron` package downloads it lazily on first
 * require(), which would reach for the network, so this reads the package's files instead.
 */
export function electronRuntime(): { path: string; version: string } | null {
  const packageDir = join(appRoot(), 'node_modules', 'electron');
  try {
    const relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    const path = join(packageDir, 'dist', relative);
    if (!existsSync(path)) return null;
    const version = readFileSync(join(packageDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    return { path, version };
  } catch {
    return null;
  }
}

const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** An installed Chromium or Chrome: $CHROME_PATH first, then the usual Linux locations. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROME_PATH, ...chromiumCandidates].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/**
 * Flags for a Chromium that must not talk to the network. The first five stop updates, sync and safe
 * browsing, but under strace such a Chromium still looked up content-autofill.googleapis.com,
 * accounts.google.com, update.googleapis.com, optimizationguide-pa.googleapis.com and clients2.google.com
 * (96 lookups in 30 s), and Debian's /etc/chromium.d adds --enable-remote-extensions and a Google API key.
 * The host resolver rule answers every name but the host's own address "not found" inside Chromium, so no
 * lookup leaves it whatever feature asks; the rest switch off the features that ask (autofill's server,
 * optimization hints, the media router's discovery, translate, network time, extensions and the default
 * apps' updates, domain reliability and crash reports, hyperlink auditing pings).
 * electron/cli/offline-chromium.test.ts runs a Chromium with exactly these under strace.
 */
export const offlineChromiumFlags = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate,NetworkTimeServiceQuerying',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--no-pings',
];

/** CLI commands that build whole volumes and masks in their own process (not `start`, whose host must stay one process). */
const volumeCommands = new Set(['scan', 'convert', 'rtstruct', 'seg', 'margin', 'boolean', 'metrics', 'eval-clicks', 'segment', 'worklist']);

/**
 * Runs a volume-building CLI command again in a child with volumeProcessEnv() (glibc reads its tunables only
 * at start), passing the terminal through, and returns its exit status; null when this process should go on
 * itself (another command, another OS, or already the child). `delineate rtstruct export` of 20 masks on a
 * 512x512x200 CT: 6.5 s -> 3.2-4.3 s here, most of it the page faults of twenty fresh 52 MB masks.
 * `start` stays one process, so that ending it (even with kill -9) ends the host.
 */
export function relaunchForVolumes(argv: readonly string[]): number | null {
  const env = volumeProcessEnv();
  if (env === process.env || !volumeCommands.has(argv[0] ?? '')) return null;
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  if (child.error) return null;
  // A child ended by a signal (Ctrl+C reaches both): end this one the same way.
  if (child.signal) process.kill(process.pid, child.signal);
  return child.status ?? 1;
}
