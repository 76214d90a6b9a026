import type { Vec3 } from '../../../core/geometry/space.ts';
import { cross, dot } from '../../../core/geometry/space.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { indexToWorld } from '../../../core/geometry/volume.ts';
import { ijk } from '../../../core/geometry/space.ts';

export type ViewAxis = 'axial' | 'coronal' | 'sagittal';
export type Convention = 'radiological' | 'neurological';

export interface ViewFrame {
  /** Direction the camera looks along (direction of projection), LPS. */
  readonly look: Vec3;
  /** Screen up, LPS. */
  readonly up: Vec3;
  /** Screen right (look x up), LPS. */
  readonly right: Vec3;
  /** World axis the view's slices are stacked along: 0 = x (L), 1 = y (P), 2 = z (S). */
  readonly worldAxis: 0 | 1 | 2;
}

function frame(look: Vec3, up: Vec3, worldAxis: 0 | 1 | 2): ViewFrame {
  return { look, up, right: cross(look, up), worldAxis };
}

/**
 * Radiological convention: axial seen from the feet (patient's left on screen right, anterior up), coronal
 * seen from the front (left on the right, superior up). Neurological mirrors both (left on the left). The
 * sagittal view is the same in both: seen from the patient's left, anterior on screen left, superior up.
 */
export function viewFrame(axis: ViewAxis, convention: Convention): ViewFrame {
  const radiological = convention === 'radiological';
  switch (axis) {
    case 'axial':
      return frame(radiological ? [0, 0, 1] : [0, 0, -1], [0, -1, 0], 2);
    case 'coronal':
      return frame(radiological ? [0, 1, 0] : [0, -1, 0], [0, 0, 1], 1);
    case 'sagittal':
      return frame([-1, 0, 0], [0, 0, 1], 0);
  }
}

/** The volume's index axis (0 = i, 1 = j, 2 = k) that lies closest to a world axis. */
export function indexAxisAlong(direction: VolumeGeometry['direction'], worldAxis: 0 | 1 | 2): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const axis of [0, 1, 2] as const) {
    if (Math.abs(direction[axis * 3 + worldAxis]!) > Math.abs(direction[best * 3 + worldAxis]!)) best = axis;
  }
  return best;
}

const letters: readonly (readonly [string, string])[] = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
];

/** Patient-direction letters of an LPS vector, strongest first ("L", "LA" for an oblique one). */
export function orientationLabel(v: Vec3): string {
  return [0, 1, 2]
    .filter((a) => Math.abs(v[a]!) > 0.3)
    .sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!))
    .map((a) => letters[a]![v[a]! > 0 ? 0 : 1])
    .join('');
}

/** A 2D view's camera: what world point sits at the screen centre and how many mm a CSS pixel spans. */
export interface ViewCamera {
  readonly frame: ViewFrame;
  readonly focal: Vec3;
  readonly mmPerPixel: number;
  /** Viewport size in CSS pixels. */
  readonly width: number;
  readonly height: number;
}

export interface PanZoom {
  /** 1 = the volume fits the view; 2 = twice as large. */
  readonly zoom: number;
  /** World offset of the screen centre from the volume centre, mm. */
  readonly pan: Vec3;
}

export const resetPanZoom: PanZoom = { zoom: 1, pan: [0, 0, 0] };

/** The eight corners of the volume's voxel-centre box, in LPS. */
function corners(volume: VolumeGeometry): Vec3[] {
  const [a, b, c] = volume.dims.map((d) => d - 1) as [number, number, number];
  const out: Vec3[] = [];
  for (const i of [0, a]) for (const j of [0, b]) for (const k of [0, c]) out.push(indexToWorld(volume, ijk(i, j, k)));
  return out;
}

/** Centre of the volume and its extent (mm, voxel edges included) along the view's right and up. */
function extentInView(volume: VolumeGeometry, f: ViewFrame): { centre: Vec3; across: number; along: number } {
  const points = corners(volume);
  const centre = points.reduce<Vec3>((s, p) => [s[0] + p[0] / 8, s[1] + p[1] / 8, s[2] + p[2] / 8], [0, 0, 0]);
  const span = (axis: Vec3) => {
    const values = points.map((p) => dot(p, axis));
    return Math.max(...values) - Math.min(...values) + Math.max(...volume.spacing);
  };
  return { centre, across: span(f.right), along: span(f.up) };
}

export function makeCamera(volume: VolumeGeometry, f: ViewFrame, view: PanZoom, width: number, height: number): ViewCamera {
  const { centre, across, along } = extentInView(volume, f);
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const fit = Math.max(across / w, along / h) * 1.02;
  return {
    frame: f,
    focal: [centre[0] + view.pan[0], centre[1] + view.pan[1], centre[2] + view.pan[2]],
    mmPerPixel: fit / view.zoom,
    width: w,
    height: h,
  };
}

/** CSS pixel position of a world point (y down), ignoring depth along the view direction. */
export function worldToScreen(camera: ViewCamera, p: Vec3): [number, number] {
  const d: Vec3 = [p[0] - camera.focal[0], p[1] - camera.focal[1], p[2] - camera.focal[2]];
  return [camera.width / 2 + dot(d, camera.frame.right) / camera.mmPerPixel, camera.height / 2 - dot(d, camera.frame.up) / camera.mmPerPixel];
}

/** The world point under a CSS pixel, on the plane through `planePoint` that the view shows. */
export function screenToWorld(camera: ViewCamera, x: number, y: number, planePoint: Vec3): Vec3 {
  const { right, up, look } = camera.frame;
  const dx = (x - camera.width / 2) * camera.mmPerPixel;
  const dy = (camera.height / 2 - y) * camera.mmPerPixel;
  const onFocalPlane: Vec3 = [
    camera.focal[0] + right[0] * dx + up[0] * dy,
    camera.focal[1] + right[1] * dx + up[1] * dy,
    camera.focal[2] + right[2] * dx + up[2] * dy,
  ];
  const depth = dot([planePoint[0] - onFocalPlane[0], planePoint[1] - onFocalPlane[1], planePoint[2] - onFocalPlane[2]], look);
  return [onFocalPlane[0] + look[0] * depth, onFocalPlane[1] + look[1] * depth, onFocalPlane[2] + look[2] * depth];
}

/** Pan that keeps the world point under (x, y) fixed while the zoom changes from `view.zoom` to `zoom`. */
export function zoomAbout(camera: ViewCamera, view: PanZoom, zoom: number, x: number, y: number): PanZoom {
  const dx = (x - camera.width / 2) * camera.mmPerPixel;
  const dy = (camera.height / 2 - y) * camera.mmPerPixel;
  const keep = 1 - view.zoom / zoom;
  const { right, up } = camera.frame;
  const shift: Vec3 = [
    (right[0] * dx + up[0] * dy) * keep,
    (right[1] * dx + up[1] * dy) * keep,
    (right[2] * dx + up[2] * dy) * keep,
  ];
  return { zoom, pan: [view.pan[0] + shift[0], view.pan[1] + shift[1], view.pan[2] + shift[2]] };
}

/** A scale bar of a round length (1, 2, 5 x 10^n mm) close to a fifth of the view's width. */
export function scaleBar(camera: ViewCamera): { mm: number; pixels: number } {
  const target = (camera.width / 5) * camera.mmPerPixel;
  const power = 10 ** Math.floor(Math.log10(target));
  const mm = [5, 2, 1].map((m) => m * power).find((m) => m <= target) ?? power;
  return { mm, pixels: mm / camera.mmPerPixel };
}
