import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DelineateError } from '../../core/errors.ts';
import { appRoot } from '../services/app-meta.ts';

/** Runs bench/<name>.bench.ts: benchmarks print figures and never assert times. */
export async function runBench(args: string[]): Promise<void> {
  const dir = join(appRoot(), 'bench');
  const available = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace('.bench.ts', ''));
  const [name, ...rest] = args;
  if (!name) {
    console.log(`Benchmarks: ${available.join(', ')}\nUsage: npm run bench -- <name> [options]`);
    return;
  }
  const file = join(dir, `${name}.bench.ts`);
  if (!existsSync(file)) throw new DelineateError('invalid-input', `No benchmark "${name}" (have: ${available.join(', ')})`);
  const module = (await import(pathToFileURL(file).href)) as { run(args: string[]): Promise<void> };
  await module.run(rest);
}
