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
 * Most of a slice is empty for most structures, so the mask is read four pixels at a time and empty words
 * are skipped.
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
    forEachSetPixel(layer, width, height, (n) => (pixels[n] = value));
  }
  for (const layer of layers) {
    if (!layer.outline) continue;
    const value = pack(layer.colour, 255);
    const bits = layer.bits;
    forEachSetPixel(layer, width, height, (n) => {
      const u = n % width;
      const v = (n - u) / width;
      const edge = u === 0 || u === width - 1 || v === 0 || v === height - 1 || !bits[n - 1] || !bits[n + 1] || !bits[n - width] || !bits[n + width];
      if (edge) pixels[n] = value;
    });
  }
}

/** Calls `visit` with the index of every set pixel of a layer inside its box, skipping empty 4-pixel words. */
function forEachSetPixel(layer: OverlayLayer, width: number, height: number, visit: (n: number) => void): void {
  const bits = layer.bits;
  const [u0, v0, u1, v1] = layer.box;
  const start = v0 * width + u0;
  const end = Math.min(bits.length, (v1 - 1) * width + u1);
  const aligned = bits.byteOffset % 4 === 0;
  const words = aligned ? new Uint32Array(bits.buffer, bits.byteOffset, bits.length >> 2) : null;
  const wholeRows = u0 === 0 && u1 === width;
  let n = start;
  while (n < end) {
    if (words && (n & 3) === 0 && n + 4 <= end && words[n >> 2] === 0) {
      n += 4;
      continue;
    }
    if (bits[n] !== 0 && (wholeRows || (n % width >= u0 && n % width < u1))) visit(n);
    n++;
  }
  void height;
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
