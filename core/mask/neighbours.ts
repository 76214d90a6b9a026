import type { VolumeGeometry } from '../geometry/volume.ts';

/** Face-connected (6, or 4 in a plane) or fully connected (26, or 8 in a plane) voxel neighbourhoods. */
export type Connectivity3d = 6 | 26;
export type Connectivity2d = 4 | 8;
export type Axis = 0 | 1 | 2;

/** Index offsets of one neighbour: steps along i, j, k, and the flat offset in an i-fastest array. */
export interface NeighbourOffsets {
  readonly di: Int8Array;
  readonly dj: Int8Array;
  readonly dk: Int8Array;
  readonly flat: Int32Array;
}

/**
 * The neighbours of a voxel in a grid of `dims`. With `fixedAxis` the neighbourhood is the 2D one in the plane
 * that keeps that axis constant (6 -> 4, 26 -> 8).
 */
export function neighbourOffsets(dims: VolumeGeometry['dims'], connectivity: Connectivity3d, fixedAxis?: Axis): NeighbourOffsets {
  const steps: [number, number, number][] = [];
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const d = [di, dj, dk] as const;
        const moved = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (moved === 0) continue;
        if (connectivity === 6 && moved > 1) continue;
        if (fixedAxis !== undefined && d[fixedAxis] !== 0) continue;
        steps.push([di, dj, dk]);
      }
    }
  }
  const strideJ = dims[0];
  const strideK = dims[0] * dims[1];
  return {
    di: Int8Array.from(steps, (s) => s[0]),
    dj: Int8Array.from(steps, (s) => s[1]),
    dk: Int8Array.from(steps, (s) => s[2]),
    flat: Int32Array.from(steps, (s) => s[0] + s[1] * strideJ + s[2] * strideK),
  };
}

/** 2D connectivity expressed as the 3D neighbourhood restricted to a plane. */
export function planeConnectivity(connectivity: Connectivity2d): Connectivity3d {
  return connectivity === 4 ? 6 : 26;
}

/** A growable list of voxel indices (a BFS queue that never shrinks: the head walks through it). */
export class IndexQueue {
  private items = new Int32Array(1024);
  length = 0;

  push(index: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = index;
  }

  at(position: number): number {
    return this.items[position]!;
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * Breadth-first spread from the voxels already in `queue` (indices into an i-fastest box of `dims`): every
 * in-bounds neighbour m of a queued voxel for which `enter(m)` returns true is queued (enter marks it, so it
 * is entered once). Stops when the queue holds `limit` voxels. Bounds default to the whole box.
 */
export function spread(
  queue: IndexQueue,
  dims: VolumeGeometry['dims'],
  offsets: NeighbourOffsets,
  enter: (m: number) => boolean,
  bounds: { readonly lo: readonly number[]; readonly hi: readonly number[] } = { lo: [0, 0, 0], hi: dims },
  limit = Infinity,
): void {
  const ni = dims[0];
  const sliceSize = dims[0] * dims[1];
  const [loI, loJ, loK] = bounds.lo as [number, number, number];
  const [hiI, hiJ, hiK] = bounds.hi as [number, number, number];
  const count = offsets.flat.length;
  for (let head = 0; head < queue.length; head++) {
    const n = queue.at(head);
    const k = Math.floor(n / sliceSize);
    const j = Math.floor((n - k * sliceSize) / ni);
    const i = n - k * sliceSize - j * ni;
    for (let c = 0; c < count; c++) {
      const ii = i + offsets.di[c]!;
      const jj = j + offsets.dj[c]!;
      const kk = k + offsets.dk[c]!;
      if (ii < loI || jj < loJ || kk < loK || ii >= hiI || jj >= hiJ || kk >= hiK) continue;
      const m = n + offsets.flat[c]!;
      if (!enter(m)) continue;
      queue.push(m);
      if (queue.length >= limit) return;
    }
  }
}
