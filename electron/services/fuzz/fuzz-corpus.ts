import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzReader } from '../../../core/testing/fuzz/mutations.ts';
import { appRoot } from '../app-meta.ts';
import { runReader, type ReaderResult } from './fuzz-readers.ts';
import type { FuzzSeedSet } from './fuzz-seeds.ts';

/** The committed corpus of malformed files (made by bench/make-fuzz-corpus.ts), run by a unit test. */
export const corpusDir = join(appRoot(), 'core', 'testing', 'fuzz-corpus');

export interface CorpusEntry {
  /** Relative to corpusDir. */
  readonly file: string;
  readonly reader: FuzzReader;
  /** The real file it was made from (see fuzz-seeds.ts for where seed names point). */
  readonly seed: string;
  readonly mutation: string;
  /** What the reader gave when the corpus was made: a change either way is worth a look. */
  readonly expected: 'ok' | 'clean-error';
}

export function readCorpusManifest(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as CorpusEntry[];
}

/** Runs one corpus file through its reader, with its seed's intact series files beside it when it has some. */
export function runCorpusEntry(entry: CorpusEntry, bytes: Uint8Array, seeds: FuzzSeedSet, folder: string): Promise<ReaderResult> {
  const seed = seeds.seeds[entry.reader].find((s) => s.name === entry.seed);
  if (!seed) throw new Error(`corpus entry ${entry.file}: seed ${entry.seed} is not one of the corpus seeds`);
  return runReader({ reader: entry.reader, seed, bytes, siblings: seeds.siblings.get(seed.name) ?? [] }, folder);
}
