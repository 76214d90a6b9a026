/**
 * Makes core/testing/fuzz-corpus: one malformed file per reader and mutation, from the small seeds of
 * electron/services/fuzz/fuzz-seeds.ts, with a seeded generator so the same command makes the same files.
 * Each file is run through its reader once, and the outcome recorded as what the corpus test expects.
 *
 *   node --import tsx bench/make-fuzz-corpus.ts [--seed 8]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fuzzReaders, mutate, mutations } from '../core/testing/fuzz/mutations.ts';
import { inputSeed, seededRandom } from '../core/testing/fuzz/random.ts';
import { corpusDir, runCorpusEntry, type CorpusEntry } from '../electron/services/fuzz/fuzz-corpus.ts';
import { corpusSeedFiles, loadSeeds } from '../electron/services/fuzz/fuzz-seeds.ts';
import { numberOption } from './options.ts';

/** Files larger than this are made again with the next random draw: the corpus is committed. */
const maxFileBytes = 64 * 1024;

const runSeed = numberOption(process.argv, 'seed', 8);
const seeds = loadSeeds(corpusSeedFiles);
// The README stays; the files and manifest are made again.
for (const reader of fuzzReaders) rmSync(join(corpusDir, reader), { recursive: true, force: true });
const work = mkdtempSync(join(tmpdir(), 'delineate-corpus-'));
const manifest: CorpusEntry[] = [];
let n = 0;
for (const reader of fuzzReaders) {
  mkdirSync(join(corpusDir, reader), { recursive: true });
  for (const mutation of Object.keys(mutations[reader])) {
    let bytes: Uint8Array | undefined;
    let seedName = '';
    for (let attempt = 0; !bytes || bytes.length > maxFileBytes; attempt++) {
      const random = seededRandom(inputSeed(runSeed, n * 1000 + attempt));
      const seed = random.pick(seeds.seeds[reader]);
      seedName = seed.name;
      bytes = mutate(reader, seed, mutation, random);
    }
    const file = `${reader}/${String(++n).padStart(2, '0')}-${mutation}-${basename(seedName)}`;
    writeFileSync(join(corpusDir, file), bytes);
    const entry = { file, reader, seed: seedName, mutation, expected: 'ok' as const };
    const result = await runCorpusEntry(entry, bytes, seeds, join(work, String(n)));
    if (result.outcome === 'crash') throw new Error(`${file} crashes its reader: fix that first\n${result.detail}`);
    manifest.push({ ...entry, expected: result.outcome });
    console.log(`${file.padEnd(70)} ${String(bytes.length).padStart(6)} bytes  ${result.outcome}`);
  }
}
writeFileSync(join(corpusDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
rmSync(work, { recursive: true, force: true });
process.exit(0);
