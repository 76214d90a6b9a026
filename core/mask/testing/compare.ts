/**
 * Voxels where `a` differs from `reference` and no 26-neighbour of the voxel in `reference` has `a`'s value:
 * a disagreement more than one voxel away from the reference's boundary.
 */
export function farDisagreements(a: Uint8Array, reference: Uint8Array, dims: readonly [number, number, number]): number {
  const [ni, nj, nk] = dims;
  let far = 0;
  for (let n = 0; n < a.length; n++) {
    const value = a[n] ? 1 : 0;
    if (value === (reference[n] ? 1 : 0)) continue;
    const k = Math.floor(n / (ni * nj));
    const j = Math.floor((n - k * ni * nj) / ni);
    const i = n - k * ni * nj - j * ni;
    let near = false;
    for (let dk = -1; dk <= 1 && !near; dk++) for (let dj = -1; dj <= 1 && !near; dj++) for (let di = -1; di <= 1 && !near; di++) {
      const [x, y, z] = [i + di, j + dj, k + dk];
      if (x < 0 || y < 0 || z < 0 || x >= ni || y >= nj || z >= nk) continue;
      near = (reference[x + y * ni + z * ni * nj] ? 1 : 0) === value;
    }
    if (!near) far++;
  }
  return far;
}

/** Voxels where two binary arrays differ (a plain loop: deep equality of millions of elements is slow). */
export function countDifferences(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let count = 0;
  for (let n = 0; n < a.length; n++) count += (a[n] ? 1 : 0) !== (b[n] ? 1 : 0) ? 1 : 0;
  return count;
}
