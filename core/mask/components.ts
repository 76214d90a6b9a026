import { DelineateError } from '../errors.ts';
import { cropWithBorder, uncropInto } from './crop.ts';
import { emptyMask, type Mask } from './mask.ts';
import { IndexQueue, neighbourOffsets, planeConnectivity, spread, type Axis, type Connectivity2d, type Connectivity3d } from './neighbours.ts';
import { boundingBox, boxSize } from './patch.ts';

type Dims = readonly [number, number, number];

/** Component labels 1..count per voxel of a box (0 = unset), each component's size and the slice it lies in. */
export interface Components {
  readonly labels: Int32Array;
  /** sizes[label - 1]: voxels in that component. */
  readonly sizes: number[];
  /** slices[label - 1]: its index along the plane axis in plane mode (0 otherwise). */
  readonly slices: number[];
}

/**
 * Labels the connected components of the set voxels of a box (i fastest). With `plane` the neighbourhood is the
 * 2D one in the plane normal to that axis (6 -> 4, 26 -> 8), so components never cross slices: every slice of
 * a volume is labelled on its own in one call.
 */
export function labelComponents(bits: Uint8Array, dims: Dims, connectivity: Connectivity3d, plane?: Axis): Components {
  const [ni, nj] = dims;
  const sliceSize = ni * nj;
  const offsets = neighbourOffsets(dims, connectivity, plane);
  const labels = new Int32Array(bits.length);
  const sizes: number[] = [];
  const slices: number[] = [];
  const queue = new IndexQueue();
  let label = 0;
  const enter = (m: number): boolean => {
    if (!bits[m] || labels[m]) return false;
    labels[m] = label;
    return true;
  };
  for (let start = 0; start < bits.length; start++) {
    if (!bits[start] || labels[start]) continue;
    label = sizes.length + 1;
    queue.clear();
    queue.push(start);
    labels[start] = label;
    spread(queue, dims, offsets, enter);
    sizes.push(queue.length);
    const k = Math.floor(start / sliceSize);
    const j = Math.floor((start - k * sliceSize) / ni);
    slices.push(plane === undefined ? 0 : [start - k * sliceSize - j * ni, j, k][plane]!);
  }
  return { labels, sizes, slices };
}

export interface ComponentOptions {
  /** 6 (default) or 26; with `plane` they act as 4 and 8 in that plane, which may be written 4 or 8. */
  readonly connectivity?: Connectivity3d | Connectivity2d;
  /** Work per slice normal to this axis (2D components). */
  readonly plane?: Axis;
}

function asConnectivity3d(c: Connectivity3d | Connectivity2d): Connectivity3d {
  return c === 4 || c === 8 ? planeConnectivity(c) : c;
}

/** Keeps the voxels of the components `keep` accepts, on the mask's bounding box only. */
function filterComponents(mask: Mask, options: ComponentOptions, keep: (components: Components) => Uint8Array): Mask {
  const out = emptyMask(mask);
  const bounds = boundingBox(mask.voxels, mask.dims);
  if (!bounds) return out;
  const box = bounds;
  const dims = boxSize(box);
  const bits = cropWithBorder(mask.voxels, mask.dims, box);
  const components = labelComponents(bits, dims, asConnectivity3d(options.connectivity ?? 6), options.plane);
  const kept = keep(components);
  for (let n = 0; n < bits.length; n++) bits[n] = components.labels[n] && kept[components.labels[n]! - 1] ? 1 : 0;
  uncropInto(out.voxels, mask.dims, box, bits);
  return out;
}

/**
 * Removes islands: components smaller than `minVoxels` voxels or `minCc` cubic centimetres (give one). In
 * plane mode each slice's pieces are judged on their own, by area times slice spacing.
 */
export function removeSmallComponents(mask: Mask, size: { minVoxels: number } | { minCc: number }, options: ComponentOptions = {}): Mask {
  const voxelCc = (mask.spacing[0] * mask.spacing[1] * mask.spacing[2]) / 1000;
  const minVoxels = 'minVoxels' in size ? size.minVoxels : size.minCc / voxelCc;
  if (!(minVoxels >= 0)) throw new DelineateError('invalid-input', `remove islands: minimum size ${JSON.stringify(size)} is not a size`);
  return filterComponents(mask, options, ({ sizes }) => Uint8Array.from(sizes, (s) => (s >= minVoxels ? 1 : 0)));
}

/** Keeps the largest component (the first found among equals); in plane mode, the largest of each slice. */
export function keepLargestComponent(mask: Mask, options: ComponentOptions = {}): Mask {
  return filterComponents(mask, options, ({ sizes, slices }) => {
    const best = new Map<number, number>();
    sizes.forEach((size, c) => {
      const current = best.get(slices[c]!);
      if (current === undefined || size > sizes[current]!) best.set(slices[c]!, c);
    });
    const kept = new Uint8Array(sizes.length);
    for (const c of best.values()) kept[c] = 1;
    return kept;
  });
}
