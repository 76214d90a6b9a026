import type { Mask } from './mask.ts';
import { boxSize, extractBox, insertBox, type VoxelBox } from './patch.ts';

type Triple = [number, number, number];

/** `box` grown by `pad` voxels per axis on both sides; it may reach past the grid. */
export function grownBox(box: VoxelBox, pad: readonly [number, number, number]): VoxelBox {
  return {
    lo: [0, 1, 2].map((a) => box.lo[a]! - pad[a]!) as Triple,
    hi: [0, 1, 2].map((a) => box.hi[a]! + pad[a]!) as Triple,
  };
}

/** `box` cut to the grid. */
export function clippedBox(box: VoxelBox, dims: Mask['dims']): VoxelBox {
  return {
    lo: box.lo.map((v) => Math.max(0, v)) as Triple,
    hi: box.hi.map((v, a) => Math.min(dims[a]!, v)) as Triple,
  };
}

/** The voxels in `box`, which may reach past the grid: those read as 0 (outside the mask). */
export function cropWithBorder(voxels: Uint8Array, dims: Mask['dims'], box: VoxelBox): Uint8Array {
  const inside = clippedBox(box, dims);
  const size = boxSize(box);
  const out = new Uint8Array(size[0] * size[1] * size[2]);
  const at: VoxelBox = {
    lo: [0, 1, 2].map((a) => inside.lo[a]! - box.lo[a]!) as Triple,
    hi: [0, 1, 2].map((a) => inside.hi[a]! - box.lo[a]!) as Triple,
  };
  insertBox(out, size, at, extractBox(voxels, dims, inside));
  return out;
}

/** Writes the part of a (possibly past-the-grid) box's voxels that lies inside the grid. */
export function uncropInto(voxels: Uint8Array, dims: Mask['dims'], box: VoxelBox, values: Uint8Array): void {
  const inside = clippedBox(box, dims);
  const at: VoxelBox = {
    lo: [0, 1, 2].map((a) => inside.lo[a]! - box.lo[a]!) as Triple,
    hi: [0, 1, 2].map((a) => inside.hi[a]! - box.lo[a]!) as Triple,
  };
  insertBox(voxels, dims, inside, extractBox(values, boxSize(box), at));
}
