/** The click benchmark as a program of its own, for the device kit (bundled code cannot load bench/*.ts by name). */
import { run } from '../click.bench.ts';

await run(process.argv.slice(2));
