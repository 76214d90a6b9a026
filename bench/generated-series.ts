import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from '../electron/services/app-meta.ts';

/** A generated CT series (bench/generate_ct.py), cached: generating 400 slices takes about a minute on two cores. */
export function generatedSeries(name: string, slices: number, size: number, series: number): string {
  const dir = join(tmpdir(), 'delineate-bench', name);
  const expected = slices * series;
  if (!existsSync(dir) || readdirSync(dir).length !== expected) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`generating ${expected} CT files (${size}x${size}) in ${dir} ...`);
    execFileSync('/usr/bin/python3', [join(appRoot(), 'bench', 'generate_ct.py'), dir, '--slices', String(slices), '--size', String(size), '--series', String(series)], {
      stdio: 'inherit',
    });
  }
  return dir;
}
