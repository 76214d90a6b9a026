import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DelineateError } from '../../../core/errors.ts';
import { importRtStruct } from '../../../core/rt/rtstruct-import.ts';
import { readRtStruct } from '../../../core/rt/rtstruct-read.ts';
import { importSegmentation } from '../../../core/seg/seg-import.ts';
import { readSegmentation } from '../../../core/seg/seg-read.ts';
import type { FuzzReader, FuzzSeed } from '../../../core/testing/fuzz/mutations.ts';
import { rtStructTarget, segTarget } from '../../../core/testing/fuzz/targets.ts';
import type { TargetImage } from '../../../core/rt/rtstruct-import.ts';
import { readNiftiBytes } from '../nifti-file.ts';
import { readDicomObject } from '../scan/read-object.ts';
import { loadSeries } from '../study-loader.ts';

/** ok: read (or classified as not an image); clean-error: a DelineateError naming the file; crash: anything else. */
export type FuzzOutcome = 'ok' | 'clean-error' | 'crash' | 'hang';

export interface ReaderInput {
  readonly reader: FuzzReader;
  readonly seed: FuzzSeed;
  readonly bytes: Uint8Array;
  /** Intact files of the seed's series, written beside the damaged one. */
  readonly siblings: readonly { name: string; bytes: Uint8Array }[];
}

export interface ReaderResult {
  readonly outcome: Exclude<FuzzOutcome, 'hang'>;
  /** The error's class and message (crash, clean-error), or '' when the input was read. */
  readonly detail: string;
}

/**
 * Runs one input through a reader exactly as the app does: a DICOM file is classified as the scan does,
 * then, when it is an image, its folder is loaded as a volume (pixels decoded); NIfTI bytes go through the
 * app's reader (zlib inflate, then core/nifti); RTSTRUCT and SEG are read and imported onto an image made
 * from the intact seed.
 * `folder` is a fresh, empty folder for this input's files.
 */
export async function runReader(input: ReaderInput, folder: string): Promise<ReaderResult> {
  const file = join(folder, basename(input.seed.name));
  try {
    await readerSteps[input.reader](input, file, folder);
    return { outcome: 'ok', detail: '' };
  } catch (error) {
    return judge(error, input.reader === 'dicom' ? folder : file);
  }
}

const readerSteps: Record<FuzzReader, (input: ReaderInput, file: string, folder: string) => Promise<void>> = {
  dicom: async (input, file, folder) => {
    await mkdir(folder, { recursive: true });
    await Promise.all([writeFile(file, input.bytes), ...input.siblings.map((s) => writeFile(join(folder, s.name), s.bytes))]);
    try {
      const found = await readDicomObject(file);
      if (found.kind === 'image') await loadSeries(folder);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
  nifti: async (input, file) => {
    readNiftiBytes(input.bytes, file);
  },
  rtstruct: async (input, file) => {
    importRtStruct(readRtStruct(input.bytes, file), targetOf(input.seed, (seed) => rtStructTarget(readRtStruct(seed.bytes, seed.name))));
  },
  seg: async (input, file) => {
    importSegmentation(readSegmentation(input.bytes, file), targetOf(input.seed, (seed) => segTarget(readSegmentation(seed.bytes, seed.name))));
  },
};

const targets = new Map<string, TargetImage>();
function targetOf(seed: FuzzSeed, make: (seed: FuzzSeed) => TargetImage): TargetImage {
  let target = targets.get(seed.name);
  if (!target) targets.set(seed.name, (target = make(seed)));
  return target;
}

/** A clean error is ours (DelineateError, not 'internal', which wraps an unexpected one) and names the file. */
export function judge(error: unknown, fileOrFolder: string): ReaderResult {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}: ${String(error)}`;
  const clean = error instanceof DelineateError && error.code !== 'internal' && error.message.includes(fileOrFolder);
  return { outcome: clean ? 'clean-error' : 'crash', detail: clean ? detail : `${detail}${error instanceof Error ? `\n${firstFrames(error)}` : ''}` };
}

function firstFrames(error: Error): string {
  return (error.stack ?? '').split('\n').slice(1, 5).join('\n');
}
