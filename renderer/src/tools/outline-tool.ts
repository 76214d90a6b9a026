import type { Vec3 } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import type { PlanePoint } from '../../../core/mask/scissors.ts';
import type { SlicePlane } from '../views/slice-plane.ts';
import { worldToScreen, type ViewAxis, type ViewCamera } from '../views/view-camera.ts';
import type { Tool, ToolEvent } from './tool.ts';

/** A closed outline drawn on one slice, in slice index coordinates (u, v) as core/mask/scissors takes them. */
export interface Outline {
  readonly volume: Volume;
  readonly plane: SlicePlane;
  readonly polygon: readonly PlanePoint[];
}

export interface OutlineToolSpec {
  readonly id: string;
  readonly label: string;
  readonly key: string;
  readonly tooltip: string;
  readonly colour: string;
  finish(outline: Outline): void;
}

/** Screen pixels within which a click on the first vertex closes the outline. */
const closeRadiusPx = 8;
/** Freehand drags take a point every this many screen pixels. */
const freehandStepPx = 3;

interface Drawing {
  readonly volume: Volume;
  readonly axis: ViewAxis;
  readonly plane: SlicePlane;
  readonly points: { uv: PlanePoint; world: Vec3; x: number; y: number }[];
  /** Points added by the current press's drag (freehand), to tell a drag from a click. */
  dragged: number;
}

const onPlane = (event: ToolEvent): PlanePoint => [event.index[event.plane.uAxis], event.index[event.plane.vAxis]];

/**
 * A tool that draws a closed outline on a slice: click by click (a click on the first point or Enter closes
 * it) or freehand (a drag closes on release). Esc discards it. The closed outline goes to `finish`.
 */
export function createOutlineTool(spec: OutlineToolSpec): Tool {
  let drawing: Drawing | null = null;
  let pointer: ToolEvent | null = null;

  function close(): void {
    const d = drawing;
    drawing = null;
    if (d && d.points.length >= 3) spec.finish({ volume: d.volume, plane: d.plane, polygon: d.points.map((p) => p.uv) });
  }

  function add(event: ToolEvent): void {
    drawing!.points.push({ uv: onPlane(event), world: event.world, x: event.x, y: event.y });
  }

  return {
    id: spec.id,
    label: spec.label,
    key: spec.key,
    tooltip: spec.tooltip,
    down(event) {
      const same = drawing && drawing.axis === event.axis && drawing.plane.index === event.plane.index && drawing.plane.axis === event.plane.axis;
      if (!same) drawing = { volume: event.volume, axis: event.axis, plane: event.plane, points: [], dragged: 0 };
      const d = drawing!;
      d.dragged = 0;
      const first = d.points[0];
      if (first && d.points.length >= 3 && Math.hypot(event.x - first.x, event.y - first.y) <= closeRadiusPx) return close();
      add(event);
    },
    move(event) {
      pointer = event;
      const last = drawing?.points.at(-1);
      if (!drawing || !last || Math.hypot(event.x - last.x, event.y - last.y) < freehandStepPx) return;
      add(event);
      drawing.dragged++;
    },
    up() {
      // A drag of several points is a freehand outline: releasing closes it.
      if (drawing && drawing.dragged >= 3) close();
    },
    hover(event) {
      pointer = event;
    },
    onKey(key) {
      if (!drawing) return false;
      if (key === 'Enter') close();
      else if (key === 'Escape') drawing = null;
      else return false;
      return true;
    },
    cancel() {
      const had = drawing !== null;
      drawing = null;
      return had;
    },
    drawHover(context: CanvasRenderingContext2D, camera: ViewCamera, axis: ViewAxis) {
      if (!drawing || drawing.axis !== axis) return;
      const path = drawing.points.map((p) => worldToScreen(camera, p.world));
      if (pointer?.axis === axis) path.push(worldToScreen(camera, pointer.world));
      context.strokeStyle = spec.colour;
      context.lineWidth = 1.5;
      context.beginPath();
      path.forEach(([x, y], n) => (n === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
      context.stroke();
      const [x0, y0] = path[0] ?? [0, 0];
      context.strokeRect(x0 - 3, y0 - 3, 6, 6);
    },
  };
}
