import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzReaders, mutations } from '../../../core/testing/fuzz/mutations.ts';
import { corpusDir, readCorpusManifest, runCorpusEntry } from './fuzz-corpus.ts';
import { corpusSeedFiles, loadSeeds } from './fuzz-seeds.ts';

const manifest = readCorpusManifest();
const seeds = loadSeeds(corpusSeedFiles);
const work = mkdtempSync(join(tmpdir(), 'delineate-corpus-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fuzz watchdog's bound, in CPU time of this process (its decode threads included): wall time on a shared machine says little. */
const cpuBoundMs = 2000;

describe('the malformed-file corpus (core/testing/fuzz-corpus)', () => {
  it('covers every reader with every mutation', () => {
    for (const reader of fuzzReaders) {
      expect(manifest.filter((e) => e.reader === reader).map((e) => e.mutation).sort()).toEqual(Object.keys(mutations[reader]).sort());
    }
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))('%s: read or refused with an error naming the file, in bounded time', async (_file, entry) => {
    const bytes = new Uint8Array(readFileSync(join(corpusDir, entry.file)));
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await runCorpusEntry(entry, bytes, seeds, join(work, entry.file.replace('/', '-')));
    const used = process.cpuUsage(cpu);
    // A crash names its error class and stack in `detail`, which the failure message shows.
    expect({ outcome: result.outcome, detail: result.outcome === 'crash' ? result.detail : '' }).toEqual({ outcome: entry.expected, detail: '' });
    expect((used.user + used.system) / 1000).toBeLessThan(cpuBoundMs);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
