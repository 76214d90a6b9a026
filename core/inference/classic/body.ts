import type { Volume } from '../../geometry/volume.ts';
import { keepLargestComponent } from '../../mask/components.ts';
import { fillHoles } from '../../mask/fill-holes.ts';
import { emptyMask, type Mask } from '../../mask/mask.ts';

/** Above this HU a voxel can be the patient (skin and fat are > -200; air and couch foam are far below). */
export const bodyThresholdHu = -500;

/**
 * EXTERNAL (body outline) with no model: voxels above bodyThresholdHu, the largest 6-connected component
 * (drops the couch when it does not touch the body, and noise in the air), holes filled slice by slice (lungs,
 * bowel gas, airways belong to the body).
 */
export function bodyOutline(volume: Volume, thresholdHu = bodyThresholdHu): Mask {
  const above = emptyMask(volume);
  const s = volume.scalars;
  for (let n = 0; n < s.length; n++) above.voxels[n] = s[n]! > thresholdHu ? 1 : 0;
  return fillHoles(keepLargestComponent(above), { plane: 2 });
}
