import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };

export const appVersion: string = packageJson.version;

/**
 * The project root: where package.json, resources/ and dist/ live. Found by walking up from this file,
 * because this code runs both from source (tsx) and bundled into dist/electron.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Delineate: cannot find the application root (package.json)');
    dir = parent;
  }
  return dir;
}

/** The case `npm start` opens: the TotalSegmentator example CT (JPEG 2000, with UIDs made valid). */
export function sampleStudyPath(resourcesRoot = join(appRoot(), 'resources')): string {
  return join(resourcesRoot, 'sample', 'totalsegmentator', 'ct');
}

