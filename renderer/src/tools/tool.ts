import type { Vec3 } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import type { SlicePlane } from '../views/slice-plane.ts';
import type { ViewAxis, ViewCamera } from '../views/view-camera.ts';

/** Where a pointer event happened, in every coordinate system a tool may want. */
export interface ToolEvent {
  readonly volume: Volume;
  readonly axis: ViewAxis;
  /** The slice the view shows. */
  readonly plane: SlicePlane;
  readonly camera: ViewCamera;
  /** The pointer on the slice, LPS mm. */
  readonly world: Vec3;
  /** The pointer as a continuous voxel index (may lie outside the volume). */
  readonly index: readonly [number, number, number];
  /** CSS pixels inside the view. */
  readonly x: number;
  readonly y: number;
  readonly button: number;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
}

/**
 * An editing tool the 2D views hand their pointer to. Navigation (crosshair, window, pan, zoom) is the
 * views' own; a tool takes the primary button (and the secondary one when it says so).
 */
export interface Tool {
  readonly id: string;
  readonly label: string;
  /** Keyboard shortcut (one character). */
  readonly key: string;
  readonly tooltip: string;
  /** Takes the right button too (for example negative clicks). */
  readonly usesSecondaryButton?: boolean;
  down(event: ToolEvent): void;
  move?(event: ToolEvent): void;
  up?(event: ToolEvent): void;
  /** Pointer over the view without a button: previews what a click would do (drawn by `drawHover`). */
  hover?(event: ToolEvent | null): void;
  drawHover?(context: CanvasRenderingContext2D, camera: ViewCamera, axis: ViewAxis): void;
  /** Enter and Esc while the tool is active (accept or discard a proposal); true when handled. */
  onKey?(key: string): boolean;
  /**
   * Drops what the tool has in progress (a stroke being dragged, an outline being drawn, an answer not yet
   * landed) without landing any of it, and clears what it shows of it. Esc calls it first, and putting the tool
   * down (or taking up another) calls it too: on screen and in the structure there is then nothing of it.
   * True when there was something to drop.
   */
  cancel?(): boolean;
}
