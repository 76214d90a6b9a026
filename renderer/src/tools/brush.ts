import { ijk } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { indexToWorld } from '../../../core/geometry/volume.ts';
import { stampBrush } from '../../../core/mask/brush.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import type { VoxelBox } from '../../../core/mask/patch.ts';
import type { SliceAxis } from '../../../core/structures/sparse-mask.ts';
import { structures } from '../state/structures.svelte.ts';
import type { SlicePlane } from '../views/slice-plane.ts';
import { worldToScreen, type ViewAxis, type ViewCamera } from '../views/view-camera.ts';
import type { Tool, ToolEvent } from './tool.ts';

export interface BrushSettings {
  radiusMm: number;
  /** Paint only voxels within this HU range; null paints everything. */
  huRange: { min: number; max: number } | null;
}

const sliceAxes: readonly SliceAxis[] = ['i', 'j', 'k'];

/** One slice of the volume as a one-voxel-thick grid, so core/mask's 3D brush stamps a disc into it. */
function slabGeometry(volume: Volume, plane: SlicePlane) {
  const dims = [...volume.dims] as [number, number, number];
  dims[plane.axis] = 1;
  const at = [0, 0, 0] as [number, number, number];
  at[plane.axis] = plane.index;
  return { dims, spacing: volume.spacing, origin: indexToWorld(volume, ijk(...at)), direction: volume.direction } as const;
}

function slabScalars(volume: Volume, plane: SlicePlane): Volume['scalars'] {
  const [ni, nj] = volume.dims;
  if (plane.axis === 2) return volume.scalars.subarray(plane.index * ni * nj, (plane.index + 1) * ni * nj);
  const out = new (volume.scalars.constructor as Int16ArrayConstructor)(plane.width * plane.height);
  const strides = [1, ni, ni * nj];
  for (let v = 0, n = 0; v < plane.height; v++) {
    for (let u = 0; u < plane.width; u++) out[n++] = volume.scalars[plane.index * strides[plane.axis]! + u * strides[plane.uAxis]! + v * strides[plane.vAxis]!]!;
  }
  return out;
}

interface Stroke {
  readonly id: string;
  readonly plane: SlicePlane;
  readonly slab: Mask;
  readonly before: Uint8Array;
  readonly hu: Volume | null;
  last: readonly [number, number, number];
}

/**
 * Brush and eraser: a disc of `radiusMm` on the slice under the pointer. A stroke (press, drag, release) paints
 * into a copy of that slice, shown as it grows, and lands as one undoable edit on release.
 */
export function createBrush(mode: 'paint' | 'erase', settings: BrushSettings): Tool {
  let stroke: Stroke | null = null;
  let hoverAt: ToolEvent | null = null;

  function stamp(s: Stroke, index: readonly [number, number, number]) {
    // Stamp along the segment from the last point, every half radius, so fast drags leave no gaps.
    const spacing = Math.min(...s.slab.spacing);
    const steps = Math.max(1, Math.ceil(Math.hypot(...index.map((v, a) => (v - s.last[a]!) * s.slab.spacing[a]!)) / Math.max(spacing, settings.radiusMm / 2)));
    for (let n = 1; n <= steps; n++) {
      const t = n / steps;
      const c = index.map((v, a) => (a === s.plane.axis ? 0 : s.last[a]! + (v - s.last[a]!) * t)) as [number, number, number];
      stampBrush(s.slab, {
        centre: ijk(...c),
        radiusMm: settings.radiusMm,
        plane: s.plane.axis,
        value: mode === 'paint' ? 1 : 0,
        ...(s.hu && settings.huRange ? { huRange: { volume: s.hu, ...settings.huRange } } : {}),
      });
    }
    s.last = index;
    structures.preview = { id: s.id, axis: s.plane.axis, index: s.plane.index, bits: s.slab.voxels };
  }

  return {
    id: mode === 'paint' ? 'brush' : 'eraser',
    label: mode === 'paint' ? 'Brush' : 'Eraser',
    key: mode === 'paint' ? 'b' : 'e',
    tooltip: mode === 'paint' ? 'Brush (B): paint the selected structure; [ and ] change the size' : 'Eraser (E): erase from the selected structure; [ and ] change the size',
    down(event) {
      const structure = structures.selected();
      if (!structure) return structures.notify('Select or add a structure first.');
      if (structure.meta.locked) return structures.notify(`${structure.meta.name} is locked.`);
      const { plane, volume } = event;
      const bits = structure.mask.readSlice(sliceAxes[plane.axis]!, plane.index);
      const geometry = slabGeometry(volume, plane);
      stroke = {
        id: structure.meta.id,
        plane,
        slab: { ...geometry, voxels: bits },
        before: bits.slice(),
        hu: settings.huRange ? { ...geometry, scalars: slabScalars(volume, plane) } : null,
        last: event.index,
      };
      stamp(stroke, event.index);
    },
    move(event) {
      hoverAt = event;
      if (stroke) stamp(stroke, event.index);
    },
    up() {
      const s = stroke;
      stroke = null;
      structures.preview = null;
      if (!s) return;
      const changed = changedRange(s.before, s.slab.voxels);
      if (!changed) return;
      // The slice as a volume box: the whole slice is one edit; the structure set keeps only what changed.
      const lo = [0, 0, 0] as [number, number, number];
      const hi = [...s.slab.dims] as [number, number, number];
      lo[s.plane.axis] = s.plane.index;
      hi[s.plane.axis] = s.plane.index + 1;
      const box: VoxelBox = { lo, hi };
      const name = structures.set?.get(s.id).meta.name ?? '';
      structures.edit(s.id, box, s.slab.voxels, `${mode === 'paint' ? 'Brush' : 'Erase'} ${name}`, 1);
    },
    hover(event) {
      hoverAt = event;
    },
    drawHover(context: CanvasRenderingContext2D, camera: ViewCamera, axis: ViewAxis) {
      if (!hoverAt || hoverAt.axis !== axis) return;
      const [x, y] = worldToScreen(camera, hoverAt.world);
      context.strokeStyle = mode === 'paint' ? 'rgba(255,255,255,0.8)' : 'rgba(255,120,120,0.8)';
      context.setLineDash([4, 3]);
      context.beginPath();
      context.arc(x, y, settings.radiusMm / camera.mmPerPixel, 0, 2 * Math.PI);
      context.stroke();
      context.setLineDash([]);
    },
  };
}

function changedRange(before: Uint8Array, after: Uint8Array): boolean {
  for (let n = 0; n < before.length; n++) if (before[n] !== after[n]) return true;
  return false;
}
