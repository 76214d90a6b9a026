import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import type { Vec3 } from '../../../core/geometry/space.ts';
import { planeToWorld, type SlicePlane } from './slice-plane.ts';
import { worldToScreen, type ViewCamera } from './view-camera.ts';

/** One structure as a 2D view draws it on the current slice. */
export interface OverlayLayer {
  readonly colour: readonly [number, number, number];
  /** 0 draws no fill. */
  readonly fillOpacity: number;
  readonly outline: boolean;
  /** Slice pixels (plane.width x plane.height, u fastest), non-zero inside. */
  readonly bits: Uint8Array;
  /** Pixel box [u0, v0, u1, v1) holding every set pixel, to skip the rest of the slice. */
  readonly box: readonly [number, number, number, number];
}

/**
 * Paints structure layers into an RGBA slice bitmap: fills first (later layers over earlier ones), then
 * outlines (a set pixel with an unset 4-neighbour) at full opacity so nested structures stay readable.
 */
export function paintLayers(rgba: Uint8ClampedArray, width: number, height: number, layers: readonly OverlayLayer[]): void {
  rgba.fill(0);
  const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const pack = (c: readonly [number, number, number], alpha: number) =>
    little ? ((alpha << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0 : ((c[0] << 24) | (c[1] << 16) | (c[2] << 8) | alpha) >>> 0;
  for (const layer of layers) {
    if (layer.fillOpacity <= 0) continue;
    const value = pack(layer.colour, Math.round(layer.fillOpacity * 255));
    const [u0, v0, u1, v1] = layer.box;
    for (let v = v0; v < v1; v++) {
      for (let n = v * width + u0, end = v * width + u1; n < end; n++) if (layer.bits[n] !== 0) pixels[n] = value;
    }
  }
  for (const layer of layers) {
    if (!layer.outline) continue;
    const value = pack(layer.colour, 255);
    const bits = layer.bits;
    const [u0, v0, u1, v1] = layer.box;
    for (let v = v0; v < v1; v++) {
      for (let u = u0; u < u1; u++) {
        const n = v * width + u;
        if (bits[n] === 0) continue;
        const edge = u === 0 || u === width - 1 || v === 0 || v === height - 1 || !bits[n - 1] || !bits[n + 1] || !bits[n - width] || !bits[n + width];
        if (edge) pixels[n] = value;
      }
    }
  }
}

/**
 * The canvas transform that draws slice pixel (u, v) (its centre at u + 0.5, v + 0.5 of a bitmap) where
 * the view shows that voxel: an affine map found from three pixel centres.
 */
export function sliceToScreenTransform(volume: VolumeGeometry, plane: SlicePlane, camera: ViewCamera): DOMMatrix2DInit {
  const o = worldToScreen(camera, planeToWorld(volume, plane, 0, 0));
  const u = worldToScreen(camera, planeToWorld(volume, plane, 1, 0));
  const v = worldToScreen(camera, planeToWorld(volume, plane, 0, 1));
  const a = u[0] - o[0];
  const b = u[1] - o[1];
  const c = v[0] - o[0];
  const d = v[1] - o[1];
  // Bitmap pixel (0,0)'s centre is at (0.5, 0.5): shift so it lands on voxel (0,0)'s centre.
  return { a, b, c, d, e: o[0] - 0.5 * (a + c), f: o[1] - 0.5 * (b + d) };
}

export interface CrosshairStyle {
  readonly horizontal: string;
  readonly vertical: string;
}

/** Two lines through the crosshair point, with a gap around it so the voxel under it stays visible. */
export function drawCrosshair(context: CanvasRenderingContext2D, camera: ViewCamera, point: Vec3, style: CrosshairStyle): void {
  const [x, y] = worldToScreen(camera, point);
  const gap = 12;
  context.lineWidth = 1;
  context.setLineDash([]);
  context.strokeStyle = style.horizontal;
  context.beginPath();
  context.moveTo(0, y + 0.5);
  context.lineTo(x - gap, y + 0.5);
  context.moveTo(x + gap, y + 0.5);
  context.lineTo(camera.width, y + 0.5);
  context.stroke();
  context.strokeStyle = style.vertical;
  context.beginPath();
  context.moveTo(x + 0.5, 0);
  context.lineTo(x + 0.5, y - gap);
  context.moveTo(x + 0.5, y + gap);
  context.lineTo(x + 0.5, camera.height);
  context.stroke();
}
