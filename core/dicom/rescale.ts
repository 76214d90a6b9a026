import type { SliceHeader } from './header.ts';
import { maskToBitsStored, type StoredPixels } from './pixels.ts';

/** HU given to pixels a CT marks as padding (outside the reconstructed field): air. */
export const paddingHu = -1024;

/**
 * Writes one frame's rescaled values (HU for CT) into `target` from `offset`. Bits above BitsStored are
 * masked off; pixels equal to PixelPaddingValue become air (CT) or 0, so the field-of-view circle does not
 * show as a -2000 HU ring.
 */
export function writeRescaled(target: Int16Array | Float32Array, offset: number, header: SliceHeader, stored: StoredPixels): void {
  const count = header.rows * header.columns;
  const { rescaleSlope: slope, rescaleIntercept: intercept, bitsStored, pixelPaddingValue: padding } = header;
  const signed = header.pixelRepresentation === 1;
  const needsMask = bitsStored < header.bitsAllocated;
  const padValue = header.modality === 'CT' ? paddingHu : 0;
  for (let n = 0; n < count; n++) {
    const value = needsMask ? maskToBitsStored(stored[n]!, bitsStored, signed) : stored[n]!;
    target[offset + n] = value === padding ? padValue : value * slope + intercept;
  }
}
