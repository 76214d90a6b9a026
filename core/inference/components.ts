import type { VolumeGeometry } from '../geometry/volume.ts';
import { IndexQueue, neighbourOffsets, type Connectivity3d } from '../mask/neighbours.ts';

/** Connected components of the non-zero voxels: a label per voxel (0 = background, 1.. = component) and sizes. */
export interface Components {
  readonly labels: Int32Array;
  /** sizes[c] = voxel count of component c (sizes[0] is unused, 0). */
  readonly sizes: number[];
}

/** Labels connected components breadth first (i fastest grid, like Mask.voxels). */
export function connectedComponents(bits: Uint8Array, dims: VolumeGeometry['dims'], connectivity: Connectivity3d = 6, fixedAxis?: 0 | 1 | 2): Components {
  const [ni, nj, nk] = dims;
  const labels = new Int32Array(bits.length);
  const sizes = [0];
  const offsets = neighbourOffsets(dims, connectivity, fixedAxis);
  const queue = new IndexQueue();
  const plane = ni * nj;
  for (let start = 0; start < bits.length; start++) {
    if (!bits[start] || labels[start]) continue;
    const label = sizes.length;
    labels[start] = label;
    queue.clear();
    queue.push(start);
    for (let head = 0; head < queue.length; head++) {
      const n = queue.at(head);
      const k = Math.floor(n / plane);
      const j = Math.floor((n - k * plane) / ni);
      const i = n - k * plane - j * ni;
      for (let c = 0; c < offsets.flat.length; c++) {
        const ii = i + offsets.di[c]!;
        const jj = j + offsets.dj[c]!;
        const kk = k + offsets.dk[c]!;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= ni || jj >= nj || kk >= nk) continue;
        const m = n + offsets.flat[c]!;
        if (!bits[m] || labels[m]) continue;
        labels[m] = label;
        queue.push(m);
      }
    }
    sizes.push(queue.length);
  }
  return { labels, sizes };
}

/** The largest component as 0/1, or all zeros when there is none. */
export function largestComponent(bits: Uint8Array, dims: VolumeGeometry['dims'], connectivity: Connectivity3d = 6): Uint8Array {
  const { labels, sizes } = connectedComponents(bits, dims, connectivity);
  let best = 0;
  for (let c = 1; c < sizes.length; c++) if (sizes[c]! > (sizes[best] ?? 0)) best = c;
  const out = new Uint8Array(bits.length);
  if (best > 0) for (let n = 0; n < bits.length; n++) out[n] = labels[n] === best ? 1 : 0;
  return out;
}

/** Fills holes slice by slice (k fixed): background not reachable from the slice border becomes 1. In place. */
export function fillHolesPerSlice(bits: Uint8Array, dims: VolumeGeometry['dims']): void {
  const [ni, nj, nk] = dims;
  const plane = ni * nj;
  const outside = new Uint8Array(plane);
  const queue = new IndexQueue();
  for (let k = 0; k < nk; k++) {
    const base = k * plane;
    outside.fill(0);
    queue.clear();
    const seed = (n: number) => {
      if (bits[base + n] || outside[n]) return;
      outside[n] = 1;
      queue.push(n);
    };
    for (let i = 0; i < ni; i++) {
      seed(i);
      seed(i + (nj - 1) * ni);
    }
    for (let j = 0; j < nj; j++) {
      seed(j * ni);
      seed(ni - 1 + j * ni);
    }
    for (let head = 0; head < queue.length; head++) {
      const n = queue.at(head);
      const i = n % ni;
      if (i > 0) seed(n - 1);
      if (i < ni - 1) seed(n + 1);
      if (n >= ni) seed(n - ni);
      if (n < plane - ni) seed(n + ni);
    }
    for (let n = 0; n < plane; n++) if (!outside[n]) bits[base + n] = 1;
  }
}
