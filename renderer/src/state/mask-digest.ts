import type { SparseMask } from '../../../core/structures/sparse-mask.ts';

/**
 * A short fingerprint of a structure's voxels (FNV-1a over its encoded slices, which are canonical: the same
 * voxels always encode the same way). Shown on each structure row, so tests can tell two masks are identical
 * voxel for voxel (after a crash and restore, say) without reading them out of the page.
 */
export function maskDigest(mask: SparseMask): string {
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash ^= value;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  mask.encodedSlices().forEach((slice, k) => {
    if (!slice) return;
    mix(k);
    mix(slice instanceof Uint32Array ? 4 : 1);
    for (let n = 0; n < slice.length; n++) mix(slice[n]!);
  });
  return hash.toString(16).padStart(8, '0');
}
