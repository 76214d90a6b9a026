import { ijk } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { indexToWorld } from '../../../core/geometry/volume.ts';
import { stampBrush } from '../../../core/mask/brush.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import { boxSize, type VoxelBox } from '../../../core/mask/patch.ts';
import { readSlice } from '../../../core/mask/slice.ts';
import type { SliceAxis } from '../../../core/structures/sparse-mask.ts';
import { structures } from '../state/structures.svelte.ts';
import type { SlicePlane } from '../views/slice-plane.ts';
import { worldToScreen, type ViewAxis, type ViewCamera } from '../views/view-camera.ts';
import type { Tool, ToolEvent } from './tool.ts';

export interface BrushSettings {
  radiusMm: number;
  /** A sphere through the neighbouring slices instead of a disc on the slice shown. */
  sphere: boolean;
  /** Paint (or erase) only voxels whose CT value lies within huRange. */
  huLimited: boolean;
  huRange: { min: number; max: number };
}

const sliceAxes: readonly SliceAxis[] = ['i', 'j', 'k'];

/**
 * The voxels a stroke on `plane` may reach: the whole slice, and for a sphere the slices within its radius on
 * either side (a stroke stays on the slice it started on).
 */
function strokeBox(volume: Volume, plane: SlicePlane, settings: BrushSettings): VoxelBox {
  const reach = settings.sphere ? Math.floor(settings.radiusMm / volume.spacing[plane.axis]) : 0;
  const lo = [0, 0, 0] as [number, number, number];
  const hi = [...volume.dims] as [number, number, number];
  lo[plane.axis] = Math.max(0, plane.index - reach);
  hi[plane.axis] = Math.min(volume.dims[plane.axis], plane.index + reach + 1);
  return { lo, hi };
}

/** The box as a grid of its own, placed where it lies in the world, so core/mask's brush stamps into it. */
function boxGeometry(volume: Volume, box: VoxelBox) {
  return { dims: boxSize(box), spacing: volume.spacing, origin: indexToWorld(volume, ijk(...box.lo)), direction: volume.direction } as const;
}

/** The CT values inside `box` (i fastest), for a brush limited to an HU range. */
function boxScalars(volume: Volume, box: VoxelBox): Volume['scalars'] {
  const [bi, bj, bk] = boxSize(box);
  const [ni, nj] = volume.dims;
  const out = new (volume.scalars.constructor as Int16ArrayConstructor)(bi * bj * bk);
  for (let k = box.lo[2], n = 0; k < box.hi[2]; k++) {
    for (let j = box.lo[1]; j < box.hi[1]; j++, n += bi) {
      const start = box.lo[0] + j * ni + k * ni * nj;
      out.set(volume.scalars.subarray(start, start + bi), n);
    }
  }
  return out;
}

interface Stroke {
  readonly id: string;
  readonly plane: SlicePlane;
  readonly box: VoxelBox;
  /** The structure's voxels in `box`, painted as the stroke goes. */
  readonly slab: Mask;
  readonly before: Uint8Array;
  readonly hu: Volume | null;
  last: readonly [number, number, number];
}

/**
 * Brush and eraser: a disc of `radiusMm` on the slice under the pointer, or a sphere centred on that slice,
 * optionally only where the CT value lies in an HU range. A stroke (press, drag, release) paints into a copy of
 * the voxels it may reach, the slice shown redrawn as it grows, and lands as one undoable edit on release.
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
      // In the box's own index: in-plane axes span the grid; along the slice axis the centre is the slice shown.
      const c = index.map((v, a) => (a === s.plane.axis ? s.plane.index - s.box.lo[a]! : s.last[a]! + (v - s.last[a]!) * t)) as [number, number, number];
      stampBrush(s.slab, {
        centre: ijk(...c),
        radiusMm: settings.radiusMm,
        ...(settings.sphere ? {} : { plane: s.plane.axis }),
        value: mode === 'paint' ? 1 : 0,
        ...(s.hu ? { huRange: { volume: s.hu, ...settings.huRange } } : {}),
      });
    }
    s.last = index;
    // The views show the slice the stroke is on as it grows; the other slices of a sphere land on release.
    const { axis, index: at } = s.plane;
    const bits = s.slab.dims[axis] === 1 ? s.slab.voxels : readSlice(s.slab, axis, at - s.box.lo[axis]).voxels;
    structures.preview = { id: s.id, axis, index: at, bits };
  }

  return {
    id: mode === 'paint' ? 'brush' : 'eraser',
    label: mode === 'paint' ? 'Brush' : 'Eraser',
    key: mode === 'paint' ? 'b' : 'e',
    tooltip:
      mode === 'paint'
        ? 'Brush (B): paint the selected structure; [ and ] change the size; 3D and an HU limit in Structure operations'
        : 'Eraser (E): erase from the selected structure; [ and ] change the size; 3D and an HU limit in Structure operations',
    down(event) {
      const structure = structures.selected();
      if (!structure) return structures.notify('Select or add a structure first.');
      if (structure.meta.locked) return structures.notify(`${structure.meta.name} is locked.`);
      const { plane, volume } = event;
      const box = strokeBox(volume, plane, settings);
      const voxels = box.hi[plane.axis] - box.lo[plane.axis] === 1 ? structure.mask.readSlice(sliceAxes[plane.axis]!, plane.index) : structure.mask.readBox(box);
      const geometry = boxGeometry(volume, box);
      stroke = {
        id: structure.meta.id,
        plane,
        box,
        slab: { ...geometry, voxels },
        before: voxels.slice(),
        hu: settings.huLimited ? { ...geometry, scalars: boxScalars(volume, box) } : null,
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
      // The whole box is one edit; the structure set keeps only what changed.
      const name = structures.set?.get(s.id).meta.name ?? '';
      const what = `${mode === 'paint' ? 'Brush' : 'Erase'}${s.slab.dims[s.plane.axis] > 1 ? ' 3D' : ''}`;
      structures.edit(s.id, s.box, s.slab.voxels, `${what} ${name}`, 1);
    },
    hover(event) {
      hoverAt = event;
    },
    cancel() {
      // The stroke's voxels live only in its slab and in the preview: dropping both leaves the structure as it was.
      const had = stroke !== null;
      stroke = null;
      if (had) structures.preview = null;
      return had;
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
