import type { SliceHeader } from './header.ts';

export interface SeriesGroup {
  /** SeriesInstanceUID, or a key made from geometry when the file has none. */
  readonly key: string;
  readonly slices: SliceHeader[];
}

/**
 * Groups image slices into series. Some exporters leave SeriesInstanceUID empty; those files are grouped
 * by frame of reference, orientation and size instead, so one folder of them still reads as one series.
 */
export function groupSeries(headers: readonly SliceHeader[]): SeriesGroup[] {
  const groups = new Map<string, SliceHeader[]>();
  for (const h of headers) {
    const key = h.seriesInstanceUid || geometryKey(h);
    const list = groups.get(key) ?? [];
    list.push(h);
    groups.set(key, list);
  }
  return [...groups].map(([key, slices]) => ({ key, slices }));
}

function geometryKey(h: SliceHeader): string {
  return `geometry:${h.frameOfReferenceUid}|${shapeKey(h)}|${h.modality}`;
}

/** Size and orientation (to 1e-3, the jitter scanners write) of a slice: slices of one stack share it. */
export function shapeKey(h: SliceHeader): string {
  const orientation = h.imageOrientation?.flat().map((v) => v.toFixed(3)).join(',') ?? 'none';
  return `${h.columns}x${h.rows}|${orientation}`;
}
