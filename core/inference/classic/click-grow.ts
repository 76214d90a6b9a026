import type { IjkIndex } from '../../geometry/space.ts';
import type { Volume } from '../../geometry/volume.ts';
import { regionGrow } from '../../mask/region-grow.ts';
import type { VoxelBox } from '../../mask/patch.ts';
import type { Click } from '../interactive.ts';

export interface ClickGrowOptions {
  /** Voxels within this many HU of the seed's neighbourhood mean join. */
  readonly toleranceHu: number;
  /** Growth stays within a cube of this half-size (mm) around the click, so one click cannot flood the body. */
  readonly reachMm: number;
}

export const classicClickDefaults: ClickGrowOptions = { toleranceHu: 60, reachMm: 40 };

function reachBox(volume: Volume, seed: IjkIndex, reachMm: number): VoxelBox {
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(seed[a]! - reachMm / volume.spacing[a]!))) as [number, number, number];
  const hi = [0, 1, 2].map((a) => Math.min(volume.dims[a]!, Math.ceil(seed[a]! + reachMm / volume.spacing[a]!) + 1)) as [number, number, number];
  return { lo, hi };
}

/** Mean of the 3x3x3 voxels around a seed (inside the grid): steadier than one noisy voxel. */
function neighbourhoodMean(volume: Volume, seed: IjkIndex): number {
  const [ni, nj, nk] = volume.dims;
  let sum = 0;
  let count = 0;
  for (let k = Math.max(0, seed[2] - 1); k <= Math.min(nk - 1, seed[2] + 1); k++) {
    for (let j = Math.max(0, seed[1] - 1); j <= Math.min(nj - 1, seed[1] + 1); j++) {
      for (let i = Math.max(0, seed[0] - 1); i <= Math.min(ni - 1, seed[0] + 1); i++) {
        sum += volume.scalars[i + ni * (j + nj * k)]!;
        count++;
      }
    }
  }
  return sum / count;
}

/**
 * The classical click tool, no model: a positive click adds the 6-connected region within toleranceHu of the
 * HU around it (inside a reach cube); a negative click removes the same kind of region grown inside the
 * current mask only. Works on the full grid in place (`mask` is 0/1, i fastest).
 */
export function applyClassicClick(volume: Volume, mask: Uint8Array, click: Click, options: ClickGrowOptions = classicClickDefaults): void {
  const seed = click.voxel.map(Math.round) as unknown as IjkIndex;
  const within = reachBox(volume, seed, options.reachMm);
  const reference = neighbourhoodMean(volume, seed);
  if (click.positive) {
    const region = regionGrow(volume, [seed], { toleranceHu: options.toleranceHu, reference, within }).voxels;
    for (let n = 0; n < mask.length; n++) if (region[n]) mask[n] = 1;
    return;
  }
  const outsideMask = new Uint8Array(mask.length);
  for (let n = 0; n < mask.length; n++) outsideMask[n] = mask[n] ? 0 : 1;
  const region = regionGrow(volume, [seed], { toleranceHu: options.toleranceHu, reference, within, exclude: outsideMask }).voxels;
  for (let n = 0; n < mask.length; n++) if (region[n]) mask[n] = 0;
}
