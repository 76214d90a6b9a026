/**
 * `npm run bench -- fuzz [--count 10000] [--seed 1] [--workers 2] [--reader dicom] [--from 0] [--save DIR]`
 *
 * Feeds the DICOM (scan + volume assembly), NIfTI, RTSTRUCT and SEG readers malformed inputs made from real
 * files (core/testing/fuzz): truncations, byte flips, random bytes, absurd and past-the-end lengths, wrong
 * VRs and transfer syntaxes, absurd values and dimensions, deep sequences, bad gzip. Input i is made from
 * (seed, i) alone, so `--from i --count 1` replays it. Each input runs in a worker process under a 2 s
 * watchdog: past it the process is killed and the input counted as a hang. Outcomes: ok, clean error (a
 * DelineateError naming the file), crash (anything else), hang. `--save DIR` writes crashing and hanging
 * inputs there. Prints a summary; asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fuzzReaders, makeInput } from '../core/testing/fuzz/mutations.ts';
import { appRoot } from '../electron/services/app-meta.ts';
import { loadSeeds } from '../electron/services/fuzz/fuzz-seeds.ts';
import type { ChildMessage } from './fuzz-child.ts';
import { numberOption, percentile, stringOption } from './options.ts';

/**
 * An input is a hang when its worker has spent 2 s of CPU on it (all its threads, read from /proc), or,
 * where that cannot be read, 2 s of wall time. CPU time, because this machine is shared: under load a
 * 300 ms read can take seconds of wall time. An input that stalls without using CPU is a hang after 10 s.
 */
const watchdogMs = 2000;
const stallMs = 10_000;
const clockTicksPerSecond = 100;

/** User + system CPU time of a process, all threads (Linux /proc; USER_HZ is 100 on every Linux ABI). */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

interface Result {
  index: number;
  reader: string;
  seed: string;
  mutation: string;
  outcome: 'ok' | 'clean-error' | 'crash' | 'hang';
  detail: string;
  /** Wall time of the read, and the worker's CPU time for it. */
  ms: number;
  cpuMs: number;
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  started?: Extract<ChildMessage, { kind: 'started' }>;
}

export async function run(args: string[]): Promise<void> {
  const count = numberOption(args, 'count', 10_000);
  const seed = numberOption(args, 'seed', 1);
  const from = numberOption(args, 'from', 0);
  const workers = numberOption(args, 'workers', 2);
  const onlyReader = stringOption(args, 'reader');
  const saveDir = stringOption(args, 'save');
  // Input i goes to reader i mod 4: a reader filter keeps the indices, so they replay the same inputs.
  const indices = Array.from({ length: count * (onlyReader ? fuzzReaders.length : 1) }, (_, n) => from + n).filter(
    (i) => !onlyReader || fuzzReaders[i % fuzzReaders.length] === onlyReader,
  );
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`fuzz: ${indices.length} inputs from ${from}, seed ${seed}, ${workers} worker processes, ${watchdogMs} ms watchdog per input\n`);

  const results: Result[] = [];
  // Where the workers write DICOM inputs; removed here, since a killed worker cannot clean up after itself.
  const workDir = mkdtempSync(join(tmpdir(), 'delineate-fuzz-'));
  const started = performance.now();
  let next = 0;
  const spawnSlot = (): Slot => {
    const child = fork(join(appRoot(), 'bench', 'fuzz-child.ts'), [String(seed), workDir], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr!.resume();
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', (m: ChildMessage) => (m.kind === 'ready' ? resolve() : reject(new Error(`fuzz worker: ${JSON.stringify(m)}`))));
      child.once('exit', (code) => reject(new Error(`fuzz worker exited (${code}) before it was ready`)));
    });
    return { child, ready };
  };

  /** Runs one input on a slot; resolves with its result and whether the slot's process is still usable. */
  const runOne = (slot: Slot, index: number) =>
    new Promise<{ result: Result; alive: boolean }>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: Result, alive: boolean) => {
        clearInterval(timer);
        slot.child.off('message', onMessage);
        slot.child.off('exit', onExit);
        resolve({ result, alive });
      };
      const describe = () => ({ index, reader: slot.started?.reader ?? '?', seed: slot.started?.seed ?? '?', mutation: slot.started?.mutation ?? '?' });
      const onMessage = (m: ChildMessage) => {
        if (m.kind === 'started') {
          slot.started = m;
          const wall0 = performance.now();
          const cpu0 = cpuMs(slot.child.pid!) ?? 0;
          timer = setInterval(() => {
            const wall = performance.now() - wall0;
            const cpu = (cpuMs(slot.child.pid!) ?? wall) - cpu0;
            if (wall < watchdogMs || (cpu < watchdogMs && wall < stallMs)) return;
            slot.child.kill('SIGKILL');
            const detail = `no answer after ${cpu.toFixed(0)} ms of CPU, ${wall.toFixed(0)} ms wall`;
            finish({ ...describe(), outcome: 'hang', detail, ms: wall, cpuMs: cpu }, false);
          }, 50);
        } else if (m.kind === 'done') {
          finish({ ...describe(), outcome: m.outcome, detail: m.detail, ms: m.ms, cpuMs: m.cpuMs }, m.outcome !== 'crash' || !m.detail.startsWith('uncaught'));
        }
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish({ ...describe(), outcome: 'crash', detail: `worker process died (code ${code}, signal ${signal})`, ms: 0, cpuMs: 0 }, false);
      slot.child.on('message', onMessage);
      slot.child.on('exit', onExit);
      slot.started = undefined;
      slot.child.send({ index });
    });

  const worker = async () => {
    let slot = spawnSlot();
    await slot.ready;
    while (next < indices.length) {
      const index = indices[next++]!;
      const { result, alive } = await runOne(slot, index);
      results.push(result);
      if (results.length % 500 === 0) process.stdout.write(`  ${results.length} / ${indices.length}\n`);
      if (!alive) {
        slot.child.kill('SIGKILL');
        slot = spawnSlot();
        await slot.ready;
      }
    }
    slot.child.kill();
  };
  await Promise.all(Array.from({ length: workers }, worker));
  rmSync(workDir, { recursive: true, force: true });
  const seconds = (performance.now() - started) / 1000;

  report(results, seconds);
  if (saveDir) save(results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang'), seed, saveDir);
}

function report(results: Result[], seconds: number): void {
  const row = (name: string, rs: Result[]) => {
    const n = (o: Result['outcome']) => String(rs.filter((r) => r.outcome === o).length).padStart(8);
    const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0).toFixed(0).padStart(8);
    return (
      `${name.padEnd(22)} ${String(rs.length).padStart(7)} ${n('ok')} ${n('clean-error')} ${n('crash')} ${n('hang')} ` +
      `${percentile(rs.map((r) => r.ms), 50).toFixed(1).padStart(8)} ${max(rs.map((r) => r.ms))} ${max(rs.map((r) => r.cpuMs))}`
    );
  };
  const header = `${''.padEnd(22)} ${'inputs'.padStart(7)} ${'ok'.padStart(8)} ${'clean'.padStart(8)} ${'crashes'.padStart(8)} ${'hangs'.padStart(8)} ${'p50 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'max cpu'.padStart(8)}`;
  console.log(`\n${results.length} inputs in ${seconds.toFixed(0)} s\n\nby reader\n${header}`);
  for (const reader of fuzzReaders) {
    const rs = results.filter((r) => r.reader === reader);
    if (rs.length > 0) console.log(row(reader, rs));
  }
  console.log(row('all', results));
  console.log(`\nby mutation\n${header}`);
  for (const mutation of [...new Set(results.map((r) => r.mutation))].sort()) console.log(row(mutation, results.filter((r) => r.mutation === mutation)));
  const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a), results[0]!);
  const busiest = results.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), results[0]!);
  const describe = (r: Result) => `#${r.index} ${r.reader}, ${r.mutation} of ${r.seed}: ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU (${r.outcome})`;
  console.log(`\nslowest input (wall): ${describe(slowest)}\nslowest input (CPU):  ${describe(busiest)}`);
  const bad = results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang');
  const distinct = new Map<string, Result[]>();
  for (const r of bad) {
    const key = `${r.outcome} ${r.reader} ${r.detail.split('\n')[0]!.replace(/\/tmp\/\S+/g, '<file>').replace(/\d+/g, 'N')}`;
    distinct.set(key, [...(distinct.get(key) ?? []), r]);
  }
  console.log(`\ncrashes and hangs: ${bad.length}${bad.length ? `, ${distinct.size} distinct` : ''}`);
  for (const [key, rs] of distinct) {
    const first = rs[0]!;
    console.log(`- ${rs.length} x ${key}\n  e.g. #${first.index} ${first.mutation} of ${first.seed}\n  ${first.detail.split('\n').slice(1).join('\n  ')}`);
  }
}

function save(bad: Result[], seed: number, dir: string): void {
  if (bad.length === 0) return;
  mkdirSync(dir, { recursive: true });
  const { seeds } = loadSeeds();
  for (const r of bad) {
    const input = makeInput(seeds, seed, r.index);
    writeFileSync(join(dir, `${r.index}-${r.outcome}-${r.reader}-${r.mutation}-${basename(input.seed.name)}`), input.bytes);
  }
  console.log(`\n${bad.length} inputs saved in ${dir}`);
}
