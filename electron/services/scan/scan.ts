import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RtObjectSummary } from '../../../core/dicom/classify.ts';
import type { SliceHeader } from '../../../core/dicom/header.ts';
import { groupSeries, shapeKey } from '../../../core/dicom/series.ts';
import { planStack, type StackPlan } from '../../../core/dicom/stack.ts';
import { DelineateError } from '../../../core/errors.ts';
import type { LoadProgress } from '../../../core/ipc/schemas.ts';
import { listFiles, mapLimited } from '../dicom-files.ts';
import { readDicomObject } from './read-object.ts';

export interface ScannedSeries {
  /** Unique within a scan: the SeriesInstanceUID, suffixed when one UID holds images of several shapes. */
  readonly key: string;
  readonly slices: readonly SliceHeader[];
  /** The grid the app would build, or why it cannot build one. */
  readonly plan: StackPlan | { error: string };
  readonly files: number;
  readonly warnings: readonly string[];
}

export interface ScanResult {
  readonly root: string;
  readonly series: readonly ScannedSeries[];
  readonly objects: readonly (RtObjectSummary & { linkedSeriesKey: string | null })[];
  readonly skipped: readonly { path: string; reason: string }[];
}

export interface ScanOptions {
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

/** Files parsed at once: file reads overlap, parsing stays on this thread. */
const scanConcurrency = 16;

/**
 * Finds every image series and RT object under a folder, in a file, or listed by a DICOMDIR. Files that
 * are not DICOM, or broken, are skipped with the reason; nothing here reads pixel data.
 */
export async function scanPath(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  let files = await listFiles(path);
  const skipped: { path: string; reason: string }[] = [];
  const frames: SliceHeader[] = [];
  const objects: RtObjectSummary[] = [];
  const directories: string[] = [];
  let done = 0;
  const visit = async (file: string) => {
    if (options.signal?.aborted) throw new DelineateError('cancelled', 'Scanning was cancelled');
    try {
      const found = await readDicomObject(file);
      if (found.kind === 'image') frames.push(...found.frames);
      else if (found.kind === 'rt') objects.push(found.object);
      else if (found.kind === 'directory') {
        directories.push(...found.referencedFiles.map((rel) => join(dirname(file), rel)));
        skipped.push({ path: file, reason: `DICOMDIR: an index of ${found.referencedFiles.length} files, not an image` });
      }
      else skipped.push({ path: file, reason: found.reason });
    } catch (error) {
      skipped.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.({ phase: 'scan', done: ++done, total: files.length });
  };
  await mapLimited(files, scanConcurrency, visit);
  // A DICOMDIR opened on its own names the files to read; inside a scanned folder they were read already.
  // Copies of CDs often lose the DICOMDIR's folder layout: then its own folder is scanned instead.
  if (directories.length > 0 && files.length === 1 && files[0] === path) {
    const present = directories.filter((file) => existsSync(file));
    files = present.length > 0 ? present : (await listFiles(dirname(path))).filter((file) => file !== path);
    done = 0;
    await mapLimited(files, scanConcurrency, visit);
  }
  const series = splitByShape(frames).map(toScannedSeries).sort(bySize);
  return { root: path, series, objects: linkObjects(objects, series), skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** One SeriesInstanceUID may hold a localizer or reformats of another size or orientation: list those apart. */
function splitByShape(frames: readonly SliceHeader[]): { key: string; slices: SliceHeader[]; note?: string }[] {
  return groupSeries(frames).flatMap(({ key, slices }) => {
    const shapes = new Map<string, SliceHeader[]>();
    for (const slice of slices) {
      const shape = shapeKey(slice);
      shapes.set(shape, [...(shapes.get(shape) ?? []), slice]);
    }
    if (shapes.size === 1) return [{ key, slices }];
    const parts = [...shapes.values()].sort((a, b) => b.length - a.length);
    const note = `Series ${key} mixes ${parts.length} image sizes or orientations; they are listed as separate series`;
    return parts.map((part, n) => ({ key: n === 0 ? key : `${key}#${n + 1}`, slices: part, note }));
  });
}

function toScannedSeries(group: { key: string; slices: SliceHeader[]; note?: string }): ScannedSeries {
  let plan: ScannedSeries['plan'];
  try {
    plan = planStack(group.slices);
  } catch (error) {
    plan = { error: error instanceof Error ? error.message : String(error) };
  }
  const warnings = [...(group.note ? [group.note] : []), ...('error' in plan ? [plan.error] : plan.warnings)];
  return { key: group.key, slices: group.slices, plan, files: new Set(group.slices.map((s) => s.source)).size, warnings };
}

function bySize(a: ScannedSeries, b: ScannedSeries): number {
  return b.slices.length - a.slices.length || a.key.localeCompare(b.key);
}

/** Each RT object under the series it refers to: by series UID, through its structure set, or by frame of reference. */
function linkObjects(objects: readonly RtObjectSummary[], series: readonly ScannedSeries[]) {
  const byUid = new Map(series.map((s) => [s.slices[0]!.seriesInstanceUid, s.key]));
  const structureSets = new Map(objects.map((o) => [o.sopInstanceUid, o]));
  return objects.map((object) => {
    const viaPlan = object.referencedSopInstanceUid ? structureSets.get(object.referencedSopInstanceUid) : undefined;
    const uid = object.referencedSeriesInstanceUid ?? viaPlan?.referencedSeriesInstanceUid ?? null;
    const byFrame = series.find((s) => object.frameOfReferenceUid && s.slices[0]!.frameOfReferenceUid === object.frameOfReferenceUid);
    return { ...object, linkedSeriesKey: (uid && byUid.get(uid)) ?? byFrame?.key ?? null };
  });
}
