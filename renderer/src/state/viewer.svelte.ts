import type { Vec3 } from '../../../core/geometry/space.ts';
import { ijk } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { indexToWorld, worldToIndex } from '../../../core/geometry/volume.ts';
import { ctPresets, type DisplayWindow, type PresetId } from './presets.ts';
import { indexAxisAlong, resetPanZoom, viewFrame, type Convention, type PanZoom, type ViewAxis } from '../views/view-camera.ts';

export type ViewId = ViewAxis | '3d';

/** What the mouse points at: the voxel, its value and where it is. */
export interface CursorReadout {
  readonly view: ViewAxis;
  readonly world: Vec3;
  readonly index: readonly [number, number, number];
  /** Voxel value (HU for CT); null outside the volume. */
  readonly value: number | null;
}

/**
 * What the four views share: the crosshair point (every 2D view shows the slice through it), the display
 * window, the orientation convention, per-view pan and zoom, and which view fills the screen.
 */
export class ViewerState {
  crosshair = $state.raw<Vec3>([0, 0, 0]);
  window = $state.raw<DisplayWindow>({ center: 40, width: 400 });
  convention = $state<Convention>('radiological');
  panZoom = $state.raw<Record<ViewAxis, PanZoom>>({ axial: resetPanZoom, coronal: resetPanZoom, sagittal: resetPanZoom });
  maximised = $state<ViewId | null>(null);
  cursor = $state.raw<CursorReadout | null>(null);
  helpOpen = $state(false);
  /** 2D views that have drawn their first image of the current volume (the 3D view waits for them). */
  firstImages = $state(0);

  /** Centres the crosshair and resets pan, zoom and window for a newly loaded volume. */
  reset(volume: Volume, window: DisplayWindow): void {
    this.crosshair = indexToWorld(volume, ijk(...(volume.dims.map((d) => Math.floor(d / 2)) as [number, number, number])));
    this.window = window;
    this.firstImages = 0;
    this.resetCameras();
  }

  resetCameras(): void {
    this.panZoom = { axial: resetPanZoom, coronal: resetPanZoom, sagittal: resetPanZoom };
  }

  applyPreset(id: PresetId): void {
    const { center, width } = ctPresets[id];
    this.window = { center, width };
  }

  setPanZoom(axis: ViewAxis, value: PanZoom): void {
    this.panZoom = { ...this.panZoom, [axis]: value };
  }

  toggleMaximised(view: ViewId): void {
    this.maximised = this.maximised === view ? null : view;
  }

  /** The slice of `volume` a view shows: the index along the view's axis nearest the crosshair. */
  sliceIndex(volume: Volume, axis: ViewAxis): number {
    const indexAxis = indexAxisAlong(volume.direction, viewFrame(axis, this.convention).worldAxis);
    const index = Math.round(worldToIndex(volume, this.crosshair as never)[indexAxis]);
    return Math.max(0, Math.min(volume.dims[indexAxis] - 1, index));
  }

  /** Moves the crosshair to slice `index` of a view (snapped to the voxel centre along that axis only). */
  setSlice(volume: Volume, axis: ViewAxis, index: number): void {
    const indexAxis = indexAxisAlong(volume.direction, viewFrame(axis, this.convention).worldAxis);
    const clamped = Math.max(0, Math.min(volume.dims[indexAxis] - 1, Math.round(index)));
    const current = worldToIndex(volume, this.crosshair as never);
    const next = [current[0], current[1], current[2]] as [number, number, number];
    next[indexAxis] = clamped;
    this.crosshair = indexToWorld(volume, ijk(...next));
  }
}

export const viewer = new ViewerState();
