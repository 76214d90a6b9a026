import { cropWithBorder, grownBox, uncropInto } from './crop.ts';
import { emptyMask, type Mask } from './mask.ts';
import { IndexQueue, neighbourOffsets, spread, type Axis } from './neighbours.ts';
import { boundingBox, boxSize } from './patch.ts';

/**
 * Fills holes: unset voxels not connected to the outside through unset face neighbours (6 in 3D; 4 in each
 * slice with `plane`, the slices normal to that axis filled one by one). The outside is everything beyond the
 * mask's bounding box, the grid edge included, so a cavity open to the grid edge is not a hole.
 */
export function fillHoles(mask: Mask, options: { readonly plane?: Axis } = {}): Mask {
  const out = emptyMask(mask);
  const bounds = boundingBox(mask.voxels, mask.dims);
  if (!bounds) return out;
  const { plane } = options;
  // One voxel of outside all round (not across slices in plane mode): it connects every open cavity.
  const pad: [number, number, number] = [1, 1, 1];
  if (plane !== undefined) pad[plane] = 0;
  const box = grownBox(bounds, pad);
  const dims = boxSize(box);
  const [ni, nj, nk] = dims;
  const bits = cropWithBorder(mask.voxels, mask.dims, box);
  const reached = new Uint8Array(bits.length);
  const queue = new IndexQueue();
  const edge = (i: number, j: number, k: number): boolean =>
    (plane !== 0 && (i === 0 || i === ni - 1)) || (plane !== 1 && (j === 0 || j === nj - 1)) || (plane !== 2 && (k === 0 || k === nk - 1));
  for (let k = 0, n = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++, n++) {
        if (!bits[n] && edge(i, j, k)) {
          reached[n] = 1;
          queue.push(n);
        }
      }
    }
  }
  const enter = (m: number): boolean => {
    if (bits[m] || reached[m]) return false;
    reached[m] = 1;
    return true;
  };
  spread(queue, dims, neighbourOffsets(dims, 6, plane), enter);
  for (let n = 0; n < bits.length; n++) bits[n] = reached[n] ? 0 : 1;
  uncropInto(out.voxels, mask.dims, box, bits);
  return out;
}
