/**
 * One fuzz worker for `npm run bench -- fuzz`, in its own process so a hang can be killed and a crash that
 * takes the process down is counted, not fatal. Makes input `index` itself (from the run's seed), says
 * which it is, runs it through its reader and answers the outcome and time.
 */
import { join } from 'node:path';
import { makeInput } from '../core/testing/fuzz/mutations.ts';
import { runReader } from '../electron/services/fuzz/fuzz-readers.ts';
import { loadSeeds } from '../electron/services/fuzz/fuzz-seeds.ts';

export type ChildRequest = { index: number };
export type ChildMessage =
  | { kind: 'ready' }
  | { kind: 'started'; index: number; reader: string; seed: string; mutation: string; bytes: number }
  | { kind: 'done'; index: number; outcome: 'ok' | 'clean-error' | 'crash'; detail: string; ms: number; cpuMs: number };

const runSeed = Number(process.argv[2]);
const { seeds, siblings } = loadSeeds();
// The run's folder (the driver removes it, even after killing this process); this process's part of it.
const workDir = join(process.argv[3]!, String(process.pid));
const send = (message: ChildMessage) => process.send!(message);
let current = -1;

// Whatever escapes a reader's promise chain (a throw in a callback) is that input's crash.
const fatal = (error: unknown) => {
  send({ kind: 'done', index: current, outcome: 'crash', detail: `uncaught: ${error instanceof Error ? error.stack : String(error)}`, ms: 0, cpuMs: 0 });
  process.exit(70);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

// Warm up before the watchdog runs: module loading, the WebAssembly codecs and the decode pool's threads
// are paid once per process, not by the first input.
for (const reader of ['dicom', 'nifti', 'rtstruct', 'seg'] as const) {
  // Every compressed DICOM seed, so each codec is compiled and each decode-pool thread started (CT0012 has 2 frames).
  for (const seed of seeds[reader].filter((s) => reader !== 'dicom' || /JPEG|jp2k|jpeg|RLE|CT0012|totalsegmentator/.test(s.name))) {
    await runReader({ reader, seed, bytes: seed.bytes, siblings: siblings.get(seed.name) ?? [] }, join(workDir, 'warm'));
  }
}
send({ kind: 'ready' });

process.on('message', async ({ index }: ChildRequest) => {
  current = index;
  const input = makeInput(seeds, runSeed, index);
  send({ kind: 'started', index, reader: input.reader, seed: input.seed.name, mutation: input.mutation, bytes: input.bytes.length });
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await runReader({ ...input, siblings: siblings.get(input.seed.name) ?? [] }, join(workDir, String(index)));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  send({ kind: 'done', index, ...result, ms, cpuMs: (used.user + used.system) / 1000 });
});
