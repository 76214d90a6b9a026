import { describe, expect, it } from 'vitest';
import type { Direction } from '../geometry/space.ts';
import { lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { planeBoxes, simplifyLoop, tracePlane, type Loop } from './contour-extract.ts';
import { joinHoles } from './keyhole.ts';
import { placeContours, rasterizeContours, type PlanarContour } from './rasterize.ts';

const size = 48;
const grid: VolumeGeometry = { dims: [size, size, 4], spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Direction };
const plane = size * size;

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** Plane 0: a ring (disc with a hole), a square island, two voxels touching only at a corner. Plane 1: noise. */
function shapes(): Uint8Array {
  const v = new Uint8Array(plane * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const r = Math.hypot(i - 18.3, j - 20.1);
      if (r <= 13.2 && r > 5.4) v[j * size + i] = 1;
      if (i >= 36 && i <= 44 && j >= 4 && j <= 12) v[j * size + i] = 1;
    }
  }
  v[40 * size + 40] = 1;
  v[41 * size + 41] = 1;
  const next = random(7);
  for (let n = 0; n < plane; n++) v[plane + n] = next() < 0.45 ? 1 : 0;
  return v;
}

function contoursOf(voxels: Uint8Array, simplify: boolean): { loops: Loop[]; planar: PlanarContour[] } {
  const boxes = planeBoxes(voxels, grid.dims, [1])[0]!;
  const loops: Loop[] = [];
  const planar: PlanarContour[] = [];
  for (let k = 0; k < grid.dims[2]; k++) {
    if (!boxes[k]) continue;
    for (const loop of tracePlane(voxels, size, k * plane, 1, boxes[k]!)) {
      const ij = simplify ? simplifyLoop(loop) : loop;
      loops.push(ij);
      planar.push({ k, ij });
    }
  }
  return { loops, planar };
}

function signedArea(ij: Float64Array): number {
  let area = 0;
  for (let n = 0, count = ij.length / 2; n < count; n++) {
    const m = (n + 1) % count;
    area += ij[2 * n]! * ij[2 * m + 1]! - ij[2 * m]! * ij[2 * n + 1]!;
  }
  return area / 2;
}

describe('contours from voxels and back (marching squares, even-odd)', () => {
  const voxels = shapes();

  it('gives back exactly the same voxels, holes, islands, corner contacts and noise included', () => {
    for (const simplify of [false, true]) {
      const { planar } = contoursOf(voxels, simplify);
      const back = rasterizeContours(grid, planar);
      let differ = 0;
      for (let n = 0; n < voxels.length; n++) differ += back.voxels[n] !== voxels[n] ? 1 : 0;
      expect(differ, simplify ? 'simplified' : 'traced').toBe(0);
    }
  });

  it('draws one contour per region and per hole, with far fewer points than voxel edges', () => {
    const onlyPlane0 = voxels.slice();
    onlyPlane0.fill(0, plane);
    const { loops } = contoursOf(onlyPlane0, true);
    // Ring outside, ring hole, square, two corner-touching voxels kept apart.
    expect(loops.length).toBe(5);
    const square = loops.find((l) => l.length / 2 <= 8 && Math.abs(signedArea(l)) > 50)!;
    expect(square.length / 2).toBe(8); // four sides and four cut corners
    const ringPoints = loops.reduce((sum, l) => sum + l.length / 2, 0);
    let boundaryEdges = 0;
    for (let j = 1; j < size - 1; j++) for (let i = 1; i < size - 1; i++) if (onlyPlane0[j * size + i]) boundaryEdges += 4 - onlyPlane0[j * size + i - 1]! - onlyPlane0[j * size + i + 1]! - onlyPlane0[(j - 1) * size + i]! - onlyPlane0[(j + 1) * size + i]!;
    expect(ringPoints).toBeLessThan(boundaryEdges / 2);
  });

  it('lies on the boundary between voxel centres: no systematic half-voxel shrink or growth', () => {
    // A disc: (polygon area - voxel area) / perimeter is the mean signed shift of the contour, in voxels.
    const disc = new Uint8Array(plane * 4);
    for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) if (Math.hypot(i - 23.6, j - 24.2) <= 17.3) disc[j * size + i] = 1;
    const count = disc.reduce((a, b) => a + b, 0);
    const [loop] = contoursOf(disc, true).loops;
    let perimeter = 0;
    for (let n = 0, c = loop!.length / 2; n < c; n++) {
      const m = (n + 1) % c;
      perimeter += Math.hypot(loop![2 * m]! - loop![2 * n]!, loop![2 * m + 1]! - loop![2 * n + 1]!);
    }
    const shift = (Math.abs(signedArea(loop!)) - count) / perimeter;
    expect(Math.abs(shift)).toBeLessThan(0.1);
  });
});

describe('keyhole contours', () => {
  it('give one contour per region, read the same by even-odd (XOR) and by OR readers', () => {
    // A disc with two holes, an island inside one hole, and a separate square; then the noise plane.
    const v = new Uint8Array(plane * 4);
    for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
      const r = Math.hypot(i - 20, j - 22);
      const hole1 = Math.hypot(i - 14, j - 22) < 4.5;
      const hole2 = Math.hypot(i - 26, j - 18) < 3.2;
      const island = Math.hypot(i - 14, j - 22) < 1.6;
      if ((r < 16 && !hole1 && !hole2) || island || (i > 40 && j > 40)) v[j * size + i] = 1;
    }
    v.set(shapes().subarray(plane, 2 * plane), plane);
    const boxes = planeBoxes(v, grid.dims, [1])[0]!;
    for (const k of [0, 1]) {
      const joined = joinHoles(tracePlane(v, size, k * plane, 1, boxes[k]!).map((l) => simplifyLoop(l)));
      if (k === 0) expect(joined.length).toBe(3); // disc with both holes, island, square
      const xor = rasterizeContours(grid, joined.map((ij) => ({ k, ij })));
      const or = new Uint8Array(plane * 4);
      for (const ij of joined) rasterizeContours(grid, [{ k, ij }]).voxels.forEach((x, n) => (or[n]! |= x));
      let differXor = 0;
      let differOr = 0;
      for (let n = k * plane; n < (k + 1) * plane; n++) {
        differXor += xor.voxels[n] !== v[n] ? 1 : 0;
        differOr += or[n] !== v[n] ? 1 : 0;
      }
      expect([differXor, differOr], `plane ${k}`).toEqual([0, 0]);
    }
  });
});

describe('rasterising contours as written by others', () => {
  const at = (z: number, points: [number, number][]) => ({
    geometricType: 'CLOSED_PLANAR',
    points: Float64Array.from(points.flatMap(([x, y]) => [x, y, z])),
    referencedSopInstanceUid: undefined,
  });

  it('fills a keyhole contour with its hole, and XORs a separate inner contour', () => {
    // Outer 4..24 square with a cut line to an inner 10..18 square, traced as one polygon (keyhole).
    const keyhole = at(0, [[4, 4], [24, 4], [24, 24], [14.2, 24], [14.2, 18], [18, 18], [18, 10], [10, 10], [10, 18], [14.2, 18], [14.2, 24], [4, 24]]);
    const inner = at(2, [[10, 10], [18, 10], [18, 18], [10, 18]]);
    const outer = at(2, [[4, 4], [24, 4], [24, 24], [4, 24]]);
    const placed = placeContours(grid, [keyhole, outer, inner]);
    const mask = rasterizeContours(grid, placed.planar);
    const v = (i: number, j: number, k: number) => mask.voxels[k * plane + j * size + i];
    for (const k of [0, 1]) {
      expect(v(5, 5, k)).toBe(1);
      expect(v(14, 14, k)).toBe(0); // the hole
      expect(v(11, 17, k)).toBe(0);
      expect(v(9, 14, k)).toBe(1);
      expect(v(3, 14, k)).toBe(0);
    }
    // 20x20 voxel centres inside the outer square minus 8x8 in the hole (centres 5..24 and 11..18).
    const perPlane = (k: number) => mask.voxels.subarray(k * plane, (k + 1) * plane).reduce((a, b) => a + b, 0);
    expect(perPlane(1)).toBe(20 * 20 - 8 * 8);
    expect(perPlane(0)).toBe(perPlane(1));
  });

  it('matches points to slices within half a slice and reports contours between or outside slices', () => {
    const square = (z: number) => at(z, [[2, 2], [6, 2], [6, 6], [2, 6]]);
    const placed = placeContours(grid, [square(2.9), square(5.2), square(30), { ...square(0), geometricType: 'POINT' }]);
    expect(placed.planar.map((c) => c.k)).toEqual([1, 3]); // 2.9 mm -> slice 1 (2 mm), 5.2 -> slice 3 (6 mm)
    expect(placed.offPlane).toBe(1);
    expect(placed.notClosed).toBe(1);
    const tilted = at(0, [[2, 2], [6, 2], [6, 6], [2, 6]]);
    tilted.points[5] = 1.5;
    expect(placeContours(grid, [tilted]).nonPlanar).toBe(1);
  });
});
