import { resampleStack } from '../../core/dicom/resample.ts';
import { canRescaleInPlace, outsideHu, rescaleInPlace, writeRescaled } from '../../core/dicom/rescale.ts';
import { nativeFrame } from '../../core/dicom/pixels.ts';
import type { StackPlan } from '../../core/dicom/stack.ts';
import { DelineateError } from '../../core/errors.ts';
import type { Volume } from '../../core/geometry/volume.ts';
import type { LoadProgress } from '../../core/ipc/schemas.ts';
import { mapLimited } from './dicom-files.ts';
import { isDirectlyReadable, readFrame, readNativeFrameInto } from './pixel-source.ts';
import { scanPath, type ScannedSeries } from './scan/scan.ts';

export interface LoadedSeries {
  readonly volume: Volume;
  readonly plan: StackPlan;
  readonly series: ScannedSeries;
  /** Files that were not image slices, each with the reason. */
  readonly skipped: readonly { path: string; reason: string }[];
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

/** Frames read at once: enough to keep the disk busy, few enough to bound memory. */
const readConcurrency = 8;

/** Scans a path and loads its largest loadable image series (or the one whose key is given). */
export async function loadSeries(path: string, options: LoadOptions & { seriesKey?: string } = {}): Promise<LoadedSeries> {
  const planned = await planSeries(path, options);
  const volume = await loadPlanned(planned.plan, options);
  return { volume, ...planned };
}

/**
 * The series loadSeries would load, planned from the headers only (geometry, slices, UIDs), without reading
 * a pixel: all that an RTSTRUCT or SEG made on the image, or checked against it, needs.
 */
export async function planSeries(path: string, options: LoadOptions & { seriesKey?: string } = {}): Promise<Omit<LoadedSeries, 'volume'>> {
  const scan = await scanPath(path, options);
  const candidates = options.seriesKey ? scan.series.filter((s) => s.key === options.seriesKey || s.slices[0]!.seriesInstanceUid === options.seriesKey) : scan.series;
  if (candidates.length === 0) {
    throw new DelineateError(
      'not-found',
      options.seriesKey ? `${path}: no series ${options.seriesKey}` : `${path}: no DICOM image series found (${scan.skipped.length} file(s) looked at, none of them an image)`,
    );
  }
  const series = candidates.find((s) => !('error' in s.plan)) ?? candidates[0]!;
  if ('error' in series.plan) throw new DelineateError('bad-data', series.plan.error);
  return { plan: series.plan, series, skipped: scan.skipped };
}

/** Reads the planned frames into one volume, resampling when the plan says the slices are off-grid. */
export async function loadPlanned(plan: StackPlan, options: LoadOptions = {}): Promise<Volume> {
  const [columns, rows, depth] = plan.geometry.dims;
  const planeSize = columns * rows;

  const scalars = plan.voxelType === 'int16' ? new Int16Array(planeSize * depth) : new Float32Array(planeSize * depth);
  const sourcePlanes = plan.resampling ? new Array<Float32Array>(plan.slices.length) : undefined;
  let done = 0;
  await mapLimited(plan.slices, readConcurrency, async (header, k) => {
    if (options.signal?.aborted) throw new DelineateError('cancelled', 'Loading was cancelled');
    if (!sourcePlanes && scalars instanceof Int16Array && isDirectlyReadable(header) && canRescaleInPlace(header)) {
      // The common CT case: read the file's bytes straight into the volume, then rescale in place.
      const plane = scalars.subarray(k * planeSize, (k + 1) * planeSize);
      const bytes = new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength);
      const filled = await readNativeFrameInto(header, bytes);
      nativeFrame(filled, header); // checks length and swaps big-endian bytes in place
      rescaleInPlace(plane, header);
      options.onProgress?.({ phase: 'read', done: ++done, total: plan.slices.length });
      return;
    }
    const stored = await readFrame(header);
    if (sourcePlanes) {
      const plane = new Float32Array(header.rows * header.columns);
      writeRescaled(plane, 0, header, stored);
      sourcePlanes[k] = plane;
    } else {
      writeRescaled(scalars, k * planeSize, header, stored);
    }
    options.onProgress?.({ phase: 'read', done: ++done, total: plan.slices.length });
  });
  if (sourcePlanes && plan.resampling) {
    const outside = plan.slices[0]!.modality === 'CT' ? outsideHu : 0;
    const first = plan.slices[0]!;
    const source = { columns: first.columns, rows: first.rows };
    resampleStack(sourcePlanes, plan.resampling, source, { columns, rows }, plan.geometry.spacing[2], scalars as Float32Array, outside);
  }
  return { ...plan.geometry, scalars };
}
