import type { Volume } from '../../../core/geometry/volume.ts';
import { voxelArrayFromBytes } from '../../../core/geometry/volume.ts';
import { lps } from '../../../core/geometry/space.ts';
import type { LoadProgress, VolumeInfo } from '../../../core/ipc/schemas.ts';
import type { Direction } from '../../../core/geometry/space.ts';
import { api, onEvent, volumeUrl } from '../api.ts';

export type StudyStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The loaded study. The volume's voxels are held raw (never proxied, never copied); Svelte only tracks
 * that the reference changed.
 */
export class StudyState {
  status = $state<StudyStatus>('idle');
  info = $state.raw<VolumeInfo | null>(null);
  volume = $state.raw<Volume | null>(null);
  progress = $state.raw<LoadProgress | null>(null);
  error = $state<string | null>(null);

  constructor() {
    onEvent('study.progress', (progress) => (this.progress = progress));
  }

  async loadInitial(): Promise<void> {
    await this.#load(() => api.study.initial({}));
  }

  async open(path: string): Promise<void> {
    await this.#load(() => api.study.open({ path }));
  }

  /** Loads whatever volume `request` asks the main side for (a series of a scan, say). */
  async loadWith(request: () => Promise<VolumeInfo | null>): Promise<void> {
    await this.#load(request);
  }

  async #load(request: () => Promise<VolumeInfo | null>): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const previous = this.info;
      const info = await request();
      if (!info) {
        this.status = 'idle';
        return;
      }
      const volume = await fetchVolume(info);
      // Marks for `npm run bench -- render`: time from voxels in hand to the first image on screen.
      performance.mark('delineate:volume-ready', { detail: info.id });
      if (previous && previous.id !== info.id) void api.study.release({ id: previous.id });
      this.info = info;
      this.volume = volume;
      this.status = 'ready';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.status = this.volume ? 'ready' : 'error';
    } finally {
      this.progress = null;
    }
  }
}

/** Fetches the voxels through the bulk path: the only time they cross from main to renderer. */
async function fetchVolume(info: VolumeInfo): Promise<Volume> {
  const response = await fetch(volumeUrl(info.id));
  if (!response.ok) throw new Error(`Voxels of ${info.source} could not be fetched (HTTP ${response.status})`);
  const buffer = await response.arrayBuffer();
  if (buffer.byteLength !== info.byteLength) {
    throw new Error(`Voxels of ${info.source} arrived incomplete (${buffer.byteLength} of ${info.byteLength} bytes)`);
  }
  return {
    dims: info.dims,
    spacing: info.spacing,
    origin: lps(...info.origin),
    direction: info.direction as unknown as Direction,
    scalars: voxelArrayFromBytes(info.voxelType, buffer),
  };
}

export const study = new StudyState();
