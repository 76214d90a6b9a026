import { DelineateError } from '../../core/errors.ts';
import { hasImagePixels, readSliceHeader, type SliceHeader } from '../../core/dicom/header.ts';
import { readStoredPixels } from '../../core/dicom/pixels.ts';
import { groupSeries } from '../../core/dicom/series.ts';
import { planStack, writeSlice, type StackPlan } from '../../core/dicom/stack.ts';
import type { Volume } from '../../core/geometry/volume.ts';
import type { LoadProgress } from '../../core/ipc/schemas.ts';
import { listFiles, mapLimited, readBytes } from './dicom-files.ts';

export interface LoadedSeries {
  readonly volume: Volume;
  readonly plan: StackPlan;
  /** Files that were not image slices, each with the reason. */
  readonly skipped: readonly { path: string; reason: string }[];
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

/** Files read at once: enough to keep the disk busy, few enough to bound memory. */
const readConcurrency = 8;

/**
 * Reads the largest image series under a path into one volume. Headers are read first (pixels untouched)
 * so the stack can be planned and checked; then each file is read again and written straight into its
 * plane, so at most `readConcurrency` files are in memory beside the volume.
 */
export async function loadSeries(path: string, options: LoadOptions = {}): Promise<LoadedSeries> {
  const files = await listFiles(path);
  const skipped: { path: string; reason: string }[] = [];
  let scanned = 0;
  const headers = await mapLimited(files, readConcurrency, async (file) => {
    throwIfAborted(options.signal);
    const header = await readHeaderOrSkip(file, skipped);
    options.onProgress?.({ phase: 'scan', done: ++scanned, total: files.length });
    return header;
  });
  const images = headers.filter((h): h is SliceHeader => h !== undefined);
  if (images.length === 0) {
    throw new DelineateError('not-found', `${path}: no DICOM image slices found (${files.length} files looked at)`);
  }
  const largest = groupSeries(images).sort((a, b) => b.slices.length - a.slices.length)[0]!;
  const plan = planStack(largest.slices);
  const [columns, rows, depth] = plan.geometry.dims;
  const scalars = plan.voxelType === 'int16' ? new Int16Array(columns * rows * depth) : new Float32Array(columns * rows * depth);
  let written = 0;
  await mapLimited(plan.slices, readConcurrency, async (header, k) => {
    throwIfAborted(options.signal);
    writeSlice(scalars, k, header, readStoredPixels(await readBytes(header.source), header));
    options.onProgress?.({ phase: 'read', done: ++written, total: depth });
  });
  return { volume: { ...plan.geometry, scalars }, plan, skipped };
}

async function readHeaderOrSkip(file: string, skipped: { path: string; reason: string }[]): Promise<SliceHeader | undefined> {
  try {
    const header = readSliceHeader(await readBytes(file), file);
    if (hasImagePixels(header)) return header;
    skipped.push({ path: file, reason: `not an image (${header.modality || 'no modality'})` });
  } catch (error) {
    skipped.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
  }
  return undefined;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DelineateError('cancelled', 'Loading was cancelled');
}
