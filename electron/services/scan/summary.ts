import type { ScanResult, ScannedSeries } from './scan.ts';

/** One series as `delineate scan --json` and the study browser describe it: the grid the app would build. */
export interface SeriesSummary {
  key: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  studyDescription: string;
  modality: string;
  description: string;
  frameOfReferenceUid: string;
  /** Grid size as built: after resampling a tilted series the grid is wider than its slices. */
  rows: number;
  columns: number;
  /** Planes of the volume as built (after any resampling); null when it cannot be built. */
  slices: number | null;
  spacing: [number, number, number] | null;
  origin: [number, number, number] | null;
  direction: number[] | null;
  warnings: string[];
  files: number;
  loadable: boolean;
}

export function summarizeSeries(series: ScannedSeries): SeriesSummary {
  const first = series.slices[0]!;
  const plan = 'error' in series.plan ? null : series.plan;
  const g = plan?.geometry;
  return {
    key: series.key,
    seriesInstanceUid: first.seriesInstanceUid,
    studyInstanceUid: first.studyInstanceUid,
    patientId: first.patientId,
    patientName: first.patientName.replace(/\^+/g, ' ').trim(),
    studyDate: first.studyDate,
    studyDescription: first.studyDescription,
    modality: first.modality,
    description: first.seriesDescription,
    frameOfReferenceUid: first.frameOfReferenceUid,
    rows: g ? g.dims[1] : first.rows,
    columns: g ? g.dims[0] : first.columns,
    slices: g ? g.dims[2] : null,
    spacing: g ? [g.spacing[0], g.spacing[1], g.spacing[2]] : null,
    origin: g ? [g.origin[0], g.origin[1], g.origin[2]] : null,
    direction: g ? [...g.direction] : null,
    warnings: [...series.warnings],
    files: series.files,
    loadable: plan !== null,
  };
}

/** The `delineate scan --json` document (field names fixed by the CLI's contract). */
export function scanReport(result: ScanResult) {
  const uidOf = new Map(result.series.map((s) => [s.key, s.slices[0]!.seriesInstanceUid]));
  return {
    series: result.series.map((s) => {
      const { key: _key, patientName: _n, studyDate: _d, studyDescription: _s, loadable: _l, ...rest } = summarizeSeries(s);
      return rest;
    }),
    objects: result.objects.map((o) => ({
      modality: o.modality,
      sopClassUid: o.sopClassUid,
      path: o.path,
      referencedSeriesInstanceUid: (o.linkedSeriesKey && uidOf.get(o.linkedSeriesKey)) ?? o.referencedSeriesInstanceUid,
    })),
    skipped: result.skipped,
  };
}
