import type { Volume } from '../../geometry/volume.ts';
import { emptyMask, type Mask } from '../../mask/mask.ts';
import { labelComponents } from '../../mask/components.ts';
import { bodyOutline } from './body.ts';

export interface LungOptions {
  /** Air-filled tissue is below this HU (lung parenchyma is about -850, soft tissue above -200). */
  readonly airHu: number;
  /** Components smaller than this (cc) are bowel gas pockets, small airways or noise. */
  readonly minCc: number;
  /**
   * Lung parenchyma is air mixed with tissue and vessels (about -850 HU), so few of its voxels are pure air;
   * the trachea, main bronchi and bowel gas are mostly pure air. A component with more than this fraction of
   * voxels below pureAirHu is not lung.
   */
  readonly pureAirHu: number;
  readonly maxPureAirFraction: number;
}

export const lungDefaults: LungOptions = { airHu: -400, minCc: 30, pureAirHu: -950, maxPureAirFraction: 0.1 };

/**
 * Lungs with no model: air inside the body outline, 6-connected components, kept when large enough and
 * mostly not pure air (which drops the trachea and main bronchi when they separate from the lungs, and
 * bowel gas). Both lungs in one mask.
 */
export function lungContour(volume: Volume, options: LungOptions = lungDefaults, body: Mask = bodyOutline(volume)): Mask {
  const s = volume.scalars;
  const air = new Uint8Array(s.length);
  for (let n = 0; n < s.length; n++) air[n] = body.voxels[n] && s[n]! < options.airHu ? 1 : 0;
  // sizes[label - 1]: labels start at 1.
  const { labels, sizes } = labelComponents(air, volume.dims, 6);
  const pureAir = new Float64Array(sizes.length + 1);
  for (let n = 0; n < s.length; n++) if (labels[n] && s[n]! < options.pureAirHu) pureAir[labels[n]!]!++;
  const voxelCc = (volume.spacing[0] * volume.spacing[1] * volume.spacing[2]) / 1000;
  const keep = [false, ...sizes.map((size, c) => size * voxelCc >= options.minCc && pureAir[c + 1]! / size <= options.maxPureAirFraction)];
  const mask = emptyMask(volume);
  for (let n = 0; n < s.length; n++) if (keep[labels[n]!]) mask.voxels[n] = 1;
  return mask;
}
