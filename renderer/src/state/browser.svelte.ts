import type { ScanSummary, SeriesSummary } from '../../../core/ipc/schemas.ts';
import { api } from '../api.ts';
import { groupByPatient } from './group-series.ts';
import { study } from './study.svelte.ts';

/** The study browser: what the last scan found, and loading a series from it. */
export class BrowserState {
  scan = $state.raw<ScanSummary | null>(null);
  scanning = $state(false);
  error = $state<string | null>(null);
  thumbnails = $state<Record<string, string>>({});
  readonly patients = $derived(this.scan ? groupByPatient(this.scan.series) : []);

  async scanPath(path: string): Promise<void> {
    this.scanning = true;
    this.error = null;
    try {
      const scan = await api.study.scan({ path });
      this.scan = scan;
      this.thumbnails = {};
      for (const series of scan.series) void this.#loadThumbnail(scan.scanId, series.key);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.scanning = false;
      study.progress = null;
    }
  }

  async load(series: SeriesSummary): Promise<void> {
    if (!this.scan) return;
    const { scanId } = this.scan;
    await study.loadWith(() => api.study.load({ scanId, seriesKey: series.key }));
  }

  objectsOf(series: SeriesSummary) {
    return this.scan?.objects.filter((o) => o.linkedSeriesKey === series.key) ?? [];
  }

  async #loadThumbnail(scanId: string, key: string): Promise<void> {
    try {
      const thumbnail = await api.study.thumbnail({ scanId, seriesKey: key });
      this.thumbnails = { ...this.thumbnails, [key]: thumbnail.dataUrl };
    } catch {
      // A series whose pixels cannot be decoded still lists; its warning says why when it is opened.
    }
  }
}

export const browser = new BrowserState();
