import { lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { worldToIndex } from '../geometry/volume.ts';
import type { Mask } from '../mask/mask.ts';
import { emptyMask } from '../mask/mask.ts';
import type { RtContour } from './rtstruct-read.ts';

/** A contour in continuous voxel indices on one plane of a grid: i, j interleaved. */
export interface PlanarContour {
  readonly k: number;
  readonly ij: Float64Array;
}

export interface PlacedContours {
  readonly planar: PlanarContour[];
  /** Contours whose plane is not a slice of the grid (further than half a slice from any, or outside it). */
  readonly offPlane: number;
  /** Contours whose points do not share one plane (spread of more than half a slice). */
  readonly nonPlanar: number;
  /** POINT, OPEN_PLANAR and other non-area contours, which enclose no voxels. */
  readonly notClosed: number;
}

/**
 * Puts each CLOSED_PLANAR contour on the grid plane it lies on: its mean k, rounded, when within half a slice
 * (the tolerance for positions written with few decimals). Contours between planes or outside the grid are
 * counted, not guessed onto a neighbour.
 */
export function placeContours(grid: VolumeGeometry, contours: readonly RtContour[]): PlacedContours {
  const planar: PlanarContour[] = [];
  let offPlane = 0;
  let nonPlanar = 0;
  let notClosed = 0;
  for (const contour of contours) {
    const count = contour.points.length / 3;
    if (contour.geometricType !== 'CLOSED_PLANAR' || count < 3) {
      notClosed++;
      continue;
    }
    const ij = new Float64Array(count * 2);
    let kSum = 0;
    let kMin = Infinity;
    let kMax = -Infinity;
    const p = contour.points;
    for (let n = 0; n < count; n++) {
      const index = worldToIndex(grid, lps(p[3 * n]!, p[3 * n + 1]!, p[3 * n + 2]!));
      ij[2 * n] = index[0];
      ij[2 * n + 1] = index[1];
      kSum += index[2];
      if (index[2] < kMin) kMin = index[2];
      if (index[2] > kMax) kMax = index[2];
    }
    const kMean = kSum / count;
    const k = Math.round(kMean);
    if (kMax - kMin > 0.5) nonPlanar++;
    if (Math.abs(kMean - k) > 0.5 + 1e-6 || k < 0 || k >= grid.dims[2]) {
      offPlane++;
      continue;
    }
    planar.push({ k, ij });
  }
  return { planar, offPlane, nonPlanar, notClosed };
}

/**
 * Fills contours into a new mask with the even-odd rule: a voxel is inside when a ray from its centre crosses
 * the contours of its plane an odd number of times. So holes drawn as separate inner contours, keyhole
 * contours and several islands on one plane all come out right, with no need to know which contour is which.
 * A voxel centre exactly on an edge counts as inside on the left/top edge and outside on the right/bottom one
 * (half-open spans), so two contours sharing an edge do not both claim its voxels.
 */
export function rasterizeContours(grid: VolumeGeometry, planar: readonly PlanarContour[]): Mask {
  const mask = emptyMask(grid);
  const [width, height] = grid.dims;
  const byPlane = new Map<number, PlanarContour[]>();
  for (const c of planar) {
    const list = byPlane.get(c.k) ?? [];
    list.push(c);
    byPlane.set(c.k, list);
  }
  // Crossings per row, reused across planes: only the rows a contour spans are touched.
  const rows: number[][] = Array.from({ length: height }, () => []);
  for (const [k, contours] of byPlane) {
    let rowMin = height;
    let rowMax = -1;
    for (const { ij } of contours) {
      const count = ij.length / 2;
      for (let n = 0; n < count; n++) {
        const m = n + 1 === count ? 0 : n + 1;
        const x0 = ij[2 * n]!;
        const y0 = ij[2 * n + 1]!;
        const x1 = ij[2 * m]!;
        const y1 = ij[2 * m + 1]!;
        if (y0 === y1) continue;
        // Rows j with min(y) <= j < max(y): half-open, so a vertex shared by two edges is counted once.
        const top = Math.max(0, Math.ceil(Math.min(y0, y1)));
        const bottom = Math.min(height - 1, Math.ceil(Math.max(y0, y1)) - 1);
        const slope = (x1 - x0) / (y1 - y0);
        for (let j = top; j <= bottom; j++) rows[j]!.push(x0 + (j - y0) * slope);
        if (top < rowMin) rowMin = top;
        if (bottom > rowMax) rowMax = bottom;
      }
    }
    const planeOffset = k * width * height;
    for (let j = rowMin; j <= rowMax; j++) {
      const xs = rows[j]!;
      if (xs.length === 0) continue;
      xs.sort((a, b) => a - b);
      const rowOffset = planeOffset + j * width;
      for (let n = 0; n + 1 < xs.length; n += 2) {
        const from = Math.max(0, Math.ceil(xs[n]!));
        const to = Math.min(width - 1, Math.ceil(xs[n + 1]!) - 1);
        if (to >= from) mask.voxels.fill(1, rowOffset + from, rowOffset + to + 1);
      }
      xs.length = 0;
    }
  }
  return mask;
}
