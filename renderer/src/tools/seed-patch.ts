import { ijk, type IjkIndex } from '../../../core/geometry/space.ts';
import type { ToolEvent } from './tool.ts';

/**
 * In-plane 3x3 voxels around the click (inside the grid): their mean is the reference value, so one noisy
 * voxel under the pointer does not decide what the region is.
 */
export function seedPatch(event: Pick<ToolEvent, 'index' | 'plane'>, dims: readonly [number, number, number]): IjkIndex[] {
  const centre = event.index.map(Math.round) as [number, number, number];
  if (centre.some((c, a) => c < 0 || c >= dims[a]!)) return [];
  const seeds: IjkIndex[] = [];
  for (let dv = -1; dv <= 1; dv++) {
    for (let du = -1; du <= 1; du++) {
      const at = [...centre] as [number, number, number];
      at[event.plane.uAxis] += du;
      at[event.plane.vAxis] += dv;
      if (at.every((c, a) => c >= 0 && c < dims[a]!)) seeds.push(ijk(...at));
    }
  }
  return seeds;
}
