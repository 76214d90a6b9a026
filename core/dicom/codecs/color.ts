import type { StoredPixels } from '../pixels.ts';
import type { FrameInfo } from './frame-info.ts';

/** Photometric interpretations whose samples are luminance + chroma and need converting for display. */
export function isYbr(photometric: string): boolean {
  return photometric === 'YBR_FULL' || photometric === 'YBR_FULL_422';
}

/** Planar (RRR..GGG..BBB..) to interleaved (RGBRGB..), the one layout decoders return. */
export function interleavePlanes(pixels: StoredPixels, samplesPerPixel: number): StoredPixels {
  const perPlane = pixels.length / samplesPerPixel;
  const out = new (pixels.constructor as new (length: number) => StoredPixels)(pixels.length);
  for (let s = 0; s < samplesPerPixel; s++) {
    const plane = s * perPlane;
    for (let i = 0; i < perPlane; i++) out[i * samplesPerPixel + s] = pixels[plane + i]!;
  }
  return out;
}

/**
 * YBR_FULL to RGB in place, PS3.3 C.7.6.3.1.2 (the JFIF / ITU-R BT.601 full-range equations).
 * Chroma is centred on half the sample range (128 for 8-bit data).
 */
export function ybrFullToRgb(pixels: StoredPixels, bitsStored: number): StoredPixels {
  const centre = 1 << (bitsStored - 1);
  const max = (1 << bitsStored) - 1;
  const clamp = (value: number) => (value < 0 ? 0 : value > max ? max : Math.round(value));
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const y = pixels[i]!;
    const cb = pixels[i + 1]! - centre;
    const cr = pixels[i + 2]! - centre;
    pixels[i] = clamp(y + 1.402 * cr);
    pixels[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    pixels[i + 2] = clamp(y + 1.772 * cb);
  }
  return pixels;
}

/**
 * Native YBR_FULL_422 stores two pixels in four samples (Y1 Y2 Cb Cr, PS3.5 8.2.1 / PS3.3 C.7.6.3.1.2):
 * expands to three samples per pixel, each chroma pair shared by the two pixels of a row.
 */
export function expandYbr422(packed: StoredPixels, info: FrameInfo): StoredPixels {
  const { rows, columns } = info;
  const out = new (packed.constructor as new (length: number) => StoredPixels)(rows * columns * 3);
  const packedRow = columns * 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const pair = r * packedRow + (c >> 1) * 4;
      const o = (r * columns + c) * 3;
      out[o] = packed[pair + (c & 1)]!;
      out[o + 1] = packed[pair + 2]!;
      out[o + 2] = packed[pair + 3]!;
    }
  }
  return out;
}
