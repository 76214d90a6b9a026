import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../services/app-meta.ts';

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

/** Flags for a Chromium that must not talk to the network (updates, sync, safe browsing...). */
export const offlineChromiumFlags = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];
