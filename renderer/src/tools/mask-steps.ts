import { DelineateError } from '../../../core/errors.ts';
import type { IjkIndex } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { keepLargestComponent, removeSmallComponents } from '../../../core/mask/components.ts';
import { fillHoles } from '../../../core/mask/fill-holes.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import { compareMasks, type MetricOptions } from '../../../core/mask/metrics.ts';
import type { Axis } from '../../../core/mask/neighbours.ts';
import { regionGrow, type RegionGrowOptions } from '../../../core/mask/region-grow.ts';
import { smoothGaussian } from '../../../core/mask/smooth.ts';
import type { DerivedRecipe } from '../../../core/structures/schemas.ts';
import { computeDerived, interpolateGaps } from './mask-results.ts';

/** The study volume region grow reads, sent once (it can be hundreds of MB): see holdVolume. */
let heldVolume: Volume | null = null;

/**
 * The whole-mask steps heavy enough (hundreds of ms to seconds on a CT) to run off the page's thread, in
 * mask-steps.worker.ts. Pure functions of cloneable values (masks, numbers, plain objects): the worker and the
 * page's fallback run exactly this code. Arguments are copies; the caller keeps its own.
 */
export const maskSteps = {
  removeIslands: (mask: Mask, minCc: number): Mask => removeSmallComponents(mask, { minCc }),
  keepLargest: (mask: Mask): Mask => keepLargestComponent(mask),
  /** `plane`: fill per slice normal to that index axis; null fills 3D cavities. */
  fillHoles: (mask: Mask, plane: Axis | null): Mask => fillHoles(mask, plane === null ? {} : { plane }),
  smooth: (mask: Mask, sigmaMm: number): Mask => smoothGaussian(mask, sigmaMm),
  interpolate(mask: Mask, axis: Axis): Mask {
    const { mask: result, gaps } = interpolateGaps(mask, axis);
    if (gaps === 0) throw new DelineateError('invalid-input', 'Interpolate: no gap between the drawn slices along this view');
    return result;
  },
  /** A margin or boolean from its recipe; `inputs` holds every structure the recipe names, by id. */
  derive(recipe: DerivedRecipe, inputs: Readonly<Record<string, Mask>>): Mask {
    return computeDerived(recipe, (id) => {
      const mask = inputs[id];
      if (!mask) throw new DelineateError('invalid-input', `derived structure: input ${id} was not given`);
      return mask;
    });
  },
  compare: (a: Mask, b: Mask, options: MetricOptions) => compareMasks(a, b, options),
  /** Keeps the study volume for regionGrow; the client sends it once per volume. */
  holdVolume(volume: Volume): null {
    heldVolume = volume;
    return null;
  },
  regionGrow(seeds: readonly IjkIndex[], options: RegionGrowOptions): Mask {
    if (!heldVolume) throw new DelineateError('internal', 'region grow: no volume was handed to the mask worker');
    return regionGrow(heldVolume, seeds, options);
  },
};

export type MaskSteps = typeof maskSteps;
export type MaskStepName = keyof MaskSteps;

/** A request to the worker: run `step` with `args`; `id` pairs it with its reply. */
export interface MaskStepRequest<K extends MaskStepName = MaskStepName> {
  readonly id: number;
  readonly step: K;
  readonly args: Parameters<MaskSteps[K]>;
}

export type MaskStepReply =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: { readonly code: DelineateError['code']; readonly message: string } };

/** Runs one request; the worker and the page's fallback share it. */
export function runMaskStep<K extends MaskStepName>(step: K, args: Parameters<MaskSteps[K]>): ReturnType<MaskSteps[K]> {
  const run = maskSteps[step] as (...a: Parameters<MaskSteps[K]>) => ReturnType<MaskSteps[K]>;
  return run(...args);
}

/** The buffers under every typed array in a result, once each: handed over to the page without a copy. */
export function transferables(value: unknown, found = new Set<ArrayBuffer>(), depth = 0): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value && typeof value === 'object' && depth < 3) {
    for (const item of Object.values(value)) transferables(item, found, depth + 1);
  }
  return [...found];
}
