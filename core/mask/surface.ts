/**
 * Surface voxels of a binary box (i fastest): set voxels with at least one of their 6 face neighbours unset.
 * Voxels on the box's faces count as surface (what lies beyond the box is taken as outside).
 */
export function surfaceVoxels(bits: Uint8Array, dims: readonly [number, number, number]): Uint8Array {
  const [ni, nj, nk] = dims;
  const sliceSize = ni * nj;
  const surface = new Uint8Array(bits.length);
  let n = 0;
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++, n++) {
        if (!bits[n]) continue;
        const onFace = i === 0 || j === 0 || k === 0 || i === ni - 1 || j === nj - 1 || k === nk - 1;
        if (onFace || !bits[n - 1] || !bits[n + 1] || !bits[n - ni] || !bits[n + ni] || !bits[n - sliceSize] || !bits[n + sliceSize]) {
          surface[n] = 1;
        }
      }
    }
  }
  return surface;
}
