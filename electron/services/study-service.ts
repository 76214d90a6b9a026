import { resolve } from 'node:path';
import { writeRescaled } from '../../core/dicom/rescale.ts';
import type { StackPlan } from '../../core/dicom/stack.ts';
import { DelineateError } from '../../core/errors.ts';
import { voxelType, type Volume } from '../../core/geometry/volume.ts';
import { encodeGreyBmp, thumbnailPixels } from '../../core/image/thumbnail.ts';
import type { ScanSummary, VolumeInfo } from '../../core/ipc/schemas.ts';
import { readFrame } from './pixel-source.ts';
import type { ScanStore } from './scan/scan-store.ts';
import { scanPath, type ScannedSeries, type ScanOptions } from './scan/scan.ts';
import { summarizeSeries } from './scan/summary.ts';
import { loadPlanned, loadSeries, type LoadOptions } from './study-loader.ts';
import type { VolumeStore } from './volume-store.ts';

const softTissueWindow = { center: 40, width: 400 };

/** Loads the largest loadable series under a path (or the one `seriesKey` names) into the store and describes it for the renderer. */
export async function openStudy(store: VolumeStore, path: string, options: LoadOptions & { seriesKey?: string } = {}): Promise<VolumeInfo> {
  const source = resolve(path);
  const { volume, plan, series } = await loadSeries(source, options);
  return register(store, source, series, plan, volume);
}

export async function scanStudy(scans: ScanStore, path: string, options: ScanOptions = {}): Promise<ScanSummary> {
  const result = await scanPath(resolve(path), options);
  return {
    scanId: scans.add(result),
    root: result.root,
    series: result.series.map(summarizeSeries),
    objects: result.objects.map((o) => ({ modality: o.modality, sopClassUid: o.sopClassUid, path: o.path, linkedSeriesKey: o.linkedSeriesKey })),
    skipped: [...result.skipped],
  };
}

export async function loadScannedSeries(store: VolumeStore, series: ScannedSeries, options: LoadOptions = {}): Promise<VolumeInfo> {
  if ('error' in series.plan) throw new DelineateError('bad-data', series.plan.error);
  const volume = await loadPlanned(series.plan, options);
  return register(store, series.slices[0]!.source, series, series.plan, volume);
}

/** A small picture of a series' middle slice, for the study browser. */
export async function seriesThumbnail(series: ScannedSeries): Promise<{ width: number; height: number; dataUrl: string }> {
  const slices = 'error' in series.plan ? series.slices : series.plan.slices;
  const header = slices[Math.floor(slices.length / 2)]!;
  const plane = new Float32Array(header.rows * header.columns);
  writeRescaled(plane, 0, header, await readFrame(header));
  const { width, height, pixels } = thumbnailPixels(plane, header.columns, header.rows, displayWindow(series), 64);
  const bmp = encodeGreyBmp(width, height, pixels);
  return { width, height, dataUrl: `data:image/bmp;base64,${Buffer.from(bmp).toString('base64')}` };
}

function displayWindow(series: ScannedSeries): { center: number; width: number } {
  const first = series.slices[0]!;
  return first.windowCenter !== undefined && first.windowWidth !== undefined && first.windowWidth > 0
    ? { center: first.windowCenter, width: first.windowWidth }
    : softTissueWindow;
}

function register(store: VolumeStore, source: string, series: ScannedSeries, plan: StackPlan, volume: Volume): VolumeInfo {
  const summary = summarizeSeries(series);
  const info: VolumeInfo = {
    id: store.newId(),
    source,
    patientName: summary.patientName,
    patientId: summary.patientId,
    modality: summary.modality,
    seriesDescription: summary.description,
    studyInstanceUid: summary.studyInstanceUid,
    seriesInstanceUid: summary.seriesInstanceUid,
    frameOfReferenceUid: summary.frameOfReferenceUid,
    ...volumeLayout(volume),
    window: displayWindow(series),
    warnings: [...plan.warnings, ...series.warnings.filter((w) => !plan.warnings.includes(w))],
  };
  store.add({ volume, info, plan });
  return info;
}

/** What VolumeInfo says of a volume's grid and voxels, for any volume registered in the store. */
export function volumeLayout(volume: Volume): Pick<VolumeInfo, 'dims' | 'spacing' | 'origin' | 'direction' | 'voxelType' | 'byteLength'> {
  return {
    dims: [volume.dims[0], volume.dims[1], volume.dims[2]],
    spacing: [volume.spacing[0], volume.spacing[1], volume.spacing[2]],
    origin: [volume.origin[0], volume.origin[1], volume.origin[2]],
    direction: [...volume.direction],
    voxelType: voxelType(volume.scalars),
    byteLength: volume.scalars.byteLength,
  };
}
