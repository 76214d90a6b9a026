import type { SliceHeader } from './header.ts';
import type { StoredPixels } from './pixels.ts';

/** HU given to pixels a CT marks as padding (outside the reconstructed field): air. */
export const paddingHu = -1024;

/**
 * Writes one frame's rescaled values (HU for CT) into `target` from `offset`. Bits above BitsStored are
 * masked off (sign-extended when signed); pixels equal to PixelPaddingValue become air (CT) or 0, so the
 * field-of-view circle does not show as a -2000 HU ring. This runs for every voxel of every load: the
 * loop body stays branch-light and free of calls.
 */
export function writeRescaled(target: Int16Array | Float32Array, offset: number, header: SliceHeader, stored: StoredPixels): void {
  const count = header.rows * header.columns;
  const { rescaleSlope: slope, rescaleIntercept: intercept, bitsStored, bitsAllocated } = header;
  const padding = header.pixelPaddingValue ?? Number.NaN;
  const padValue = header.modality === 'CT' ? paddingHu : 0;
  const signed = header.pixelRepresentation === 1;
  const mask = bitsStored < bitsAllocated && bitsStored < 32 ? 2 ** bitsStored - 1 : -1;
  const signBit = signed && mask !== -1 ? 2 ** (bitsStored - 1) : 0;
  for (let n = 0; n < count; n++) {
    let value = stored[n]!;
    if (mask !== -1) {
      value &= mask;
      if (signBit !== 0 && value >= signBit) value -= 2 * signBit;
    }
    target[offset + n] = value === padding ? padValue : value * slope + intercept;
  }
}
