import { DelineateError } from '../errors.ts';
import { clippedBox, grownBox } from './crop.ts';
import { applyMargin } from './margin.ts';
import { emptyMask, type Mask } from './mask.ts';
import type { Axis } from './neighbours.ts';
import { boundingBox, boxSize, extractBox, insertBox } from './patch.ts';

/** A normalised 1D Gaussian sampled at whole voxels out to 3 sigma. */
function gaussianKernel(sigmaVoxels: number): Float32Array {
  const radius = Math.ceil(3 * sigmaVoxels);
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let x = -radius; x <= radius; x++) sum += kernel[x + radius] = Math.exp(-(x * x) / (2 * sigmaVoxels * sigmaVoxels));
  for (let x = 0; x < kernel.length; x++) kernel[x]! /= sum;
  return kernel;
}

/** Convolves along one axis of a box, zero beyond its ends. */
function convolveAxis(values: Float32Array, dims: readonly [number, number, number], axis: Axis, kernel: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  const radius = (kernel.length - 1) / 2;
  const stride = [1, dims[0], dims[0] * dims[1]][axis]!;
  const n = dims[axis];
  for (let at = 0; at < values.length; at++) {
    const position = Math.floor(at / stride) % n;
    let sum = 0;
    const from = Math.max(-radius, -position);
    const to = Math.min(radius, n - 1 - position);
    for (let x = from; x <= to; x++) sum += kernel[x + radius]! * values[at + x * stride]!;
    out[at] = sum;
  }
  return out;
}

/**
 * Binary smoothing: the mask blurred by a Gaussian of `sigmaMm` (per axis in voxels from the spacing; not
 * across slices with `plane`), then kept where the blurred value is >= 0.5. Rounds corners, removes specks
 * thinner than about a sigma and closes gaps as thin. Outside the grid counts as outside the mask.
 */
export function smoothGaussian(mask: Mask, sigmaMm: number, options: { readonly plane?: Axis } = {}): Mask {
  if (!(sigmaMm > 0)) throw new DelineateError('invalid-input', `smoothing sigma ${sigmaMm} mm must be > 0`);
  const out = emptyMask(mask);
  const bounds = boundingBox(mask.voxels, mask.dims);
  if (!bounds) return out;
  const axes = ([0, 1, 2] as const).filter((a) => a !== options.plane);
  const pad = [0, 1, 2].map((a) => (axes.includes(a as Axis) ? Math.ceil((3 * sigmaMm) / mask.spacing[a]!) : 0)) as [number, number, number];
  const box = clippedBox(grownBox(bounds, pad), mask.dims);
  const dims = boxSize(box);
  let values: Float32Array = Float32Array.from(extractBox(mask.voxels, mask.dims, box));
  for (const axis of axes) values = convolveAxis(values, dims, axis, gaussianKernel(sigmaMm / mask.spacing[axis]));
  insertBox(out.voxels, mask.dims, box, Uint8Array.from(values, (v) => (v >= 0.5 - 1e-6 ? 1 : 0)));
  return out;
}

/** Morphological opening with a ball of `radiusMm`: shrink then expand; removes parts thinner than the ball. */
export function openMask(mask: Mask, radiusMm: number): Mask {
  return applyMargin(applyMargin(mask, -radiusMm), radiusMm);
}

/** Morphological closing with a ball of `radiusMm`: expand then shrink; fills gaps and notches narrower than it. */
export function closeMask(mask: Mask, radiusMm: number): Mask {
  return applyMargin(applyMargin(mask, radiusMm), -radiusMm);
}
