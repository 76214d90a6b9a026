/**
 * Closed contours of a binary region on one plane of a grid, by marching squares on the voxel centres.
 *
 * Each contour vertex lies halfway between an inside and an outside voxel centre, so the contour runs on the
 * boundary between them: no half-voxel shrink or growth, and filling it again with the even-odd rule
 * (pixel centre inside) gives back exactly the same voxels. Diagonal-only contacts are kept apart (the
 * region is 4-connected), so contours never touch. Outer boundaries and hole boundaries come out as separate
 * closed loops; even-odd filling makes the holes holes.
 *
 * Input is a plane of a flat voxel array indexed i + j*width (+ plane offset); inside means value === label.
 */
export interface PlaneBox {
  readonly minI: number;
  readonly maxI: number;
  readonly minJ: number;
  readonly maxJ: number;
}

/** Loops of (i, j) continuous voxel indices, interleaved. */
export type Loop = Float64Array;

export function tracePlane(
  voxels: ArrayLike<number>,
  width: number,
  planeOffset: number,
  label: number,
  box: PlaneBox,
): Loop[] {
  // Corners are voxel centres from minI-1 to maxI+1 (a ring of outside around the box), cells between them.
  const w = box.maxI - box.minI + 3;
  const h = box.maxJ - box.minJ + 3;
  const i0 = box.minI - 1;
  const j0 = box.minJ - 1;
  const inside = (cx: number, cy: number): number => {
    const i = cx + i0;
    const j = cy + j0;
    if (i < box.minI || i > box.maxI || j < box.minJ || j > box.maxJ) return 0;
    return voxels[planeOffset + j * width + i] === label ? 1 : 0;
  };
  // Edge ids: 2*(cy*w+cx) for the edge to the right of corner (cx,cy), +1 for the edge below it.
  const next = new Int32Array(w * h * 2).fill(-1);
  const entries: number[] = [];
  const edges = [0, 0, 0, 0];
  const states = [0, 0, 0, 0];
  let above = new Uint8Array(w);
  let below = new Uint8Array(w);
  for (let cx = 0; cx < w; cx++) above[cx] = inside(cx, 0);
  for (let cy = 0; cy + 1 < h; cy++) {
    for (let cx = 0; cx < w; cx++) below[cx] = inside(cx, cy + 1);
    for (let cx = 0; cx + 1 < w; cx++) {
      const a = above[cx]!;
      const b = above[cx + 1]!;
      const c = below[cx + 1]!;
      const d = below[cx]!;
      const sum = a + b + c + d;
      if (sum === 0 || sum === 4) continue;
      // Walk the cell's corners a -> b -> c -> d (clockwise with j down) and its edges top, right, bottom, left.
      states[0] = a;
      states[1] = b;
      states[2] = c;
      states[3] = d;
      edges[0] = 2 * (cy * w + cx);
      edges[1] = 2 * (cy * w + cx + 1) + 1;
      edges[2] = 2 * ((cy + 1) * w + cx);
      edges[3] = 2 * (cy * w + cx) + 1;
      for (let e = 0; e < 4; e++) {
        if (states[e] || !states[(e + 1) & 3]) continue; // not an out -> in edge
        // The segment runs from this entry edge to the next in -> out edge along the walk; in a saddle that
        // cuts off the inside corner alone, which keeps diagonal neighbours apart.
        for (let f = 1; f < 4; f++) {
          const x = (e + f) & 3;
          if (states[x] && !states[(x + 1) & 3]) {
            next[edges[e]!] = edges[x]!;
            entries.push(edges[e]!);
            break;
          }
        }
      }
    }
    const swap = above;
    above = below;
    below = swap;
  }
  const loops: Loop[] = [];
  const points: number[] = [];
  for (const start of entries) {
    if (next[start]! < 0) continue;
    points.length = 0;
    let edge = start;
    do {
      const corner = edge >> 1;
      const cx = corner % w;
      const cy = (corner - cx) / w;
      const horizontal = (edge & 1) === 0;
      points.push(cx + i0 + (horizontal ? 0.5 : 0), cy + j0 + (horizontal ? 0 : 0.5));
      const following = next[edge]!;
      next[edge] = -1;
      edge = following;
    } while (edge !== start && edge >= 0);
    loops.push(Float64Array.from(points));
  }
  return loops;
}

/**
 * Fewer points, same voxels: Douglas-Peucker on the closed loop with a tolerance (in voxels) below the
 * distance from any voxel centre to the traced contour (sqrt(2)/4 = 0.354, at a cut corner), so no centre
 * changes side. Straight runs collapse to their two ends; 45-degree staircases become one diagonal.
 */
export function simplifyLoop(loop: Loop, tolerance = 0.25): Loop {
  const count = loop.length / 2;
  if (count <= 4) return loop;
  // Split the loop at its first point and the point farthest from it, then simplify both open halves.
  let far = 0;
  let farDistance = -1;
  for (let n = 1; n < count; n++) {
    const d = (loop[2 * n]! - loop[0]!) ** 2 + (loop[2 * n + 1]! - loop[1]!) ** 2;
    if (d > farDistance) {
      farDistance = d;
      far = n;
    }
  }
  const keep = new Uint8Array(count);
  keep[0] = 1;
  keep[far] = 1;
  markDouglasPeucker(loop, 0, far, tolerance * tolerance, keep);
  markDouglasPeucker(loop, far, count, tolerance * tolerance, keep);
  let kept = 0;
  for (let n = 0; n < count; n++) kept += keep[n]!;
  const out = new Float64Array(kept * 2);
  let m = 0;
  for (let n = 0; n < count; n++) {
    if (!keep[n]) continue;
    out[m++] = loop[2 * n]!;
    out[m++] = loop[2 * n + 1]!;
  }
  return out;
}

/** Marks points to keep between first and last (index `last` may equal count: the loop's point 0). */
function markDouglasPeucker(loop: Loop, first: number, last: number, tolerance2: number, keep: Uint8Array): void {
  const count = loop.length / 2;
  const stack = [first, last];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b - a < 2) continue;
    const ax = loop[2 * a]!;
    const ay = loop[2 * a + 1]!;
    const bIndex = b % count;
    const dx = loop[2 * bIndex]! - ax;
    const dy = loop[2 * bIndex + 1]! - ay;
    const length2 = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance2 = tolerance2;
    for (let n = a + 1; n < b; n++) {
      const px = loop[2 * n]! - ax;
      const py = loop[2 * n + 1]! - ay;
      // Distance to the segment (not the infinite line), so a loop folding back is not flattened.
      const t = length2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / length2)) : 0;
      const d2 = (px - t * dx) ** 2 + (py - t * dy) ** 2;
      if (d2 > worstDistance2) {
        worstDistance2 = d2;
        worst = n;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push(a, worst, worst, b);
  }
}

/**
 * Per plane, the box of voxels with each label, in one pass over the volume. `labels` lists the values to
 * look for (0 is never one); boxes[s][k] is undefined where label s is absent from plane k.
 */
export function planeBoxes(voxels: ArrayLike<number>, dims: readonly [number, number, number], labels: readonly number[]): (PlaneBox | undefined)[][] {
  const [width, height, depth] = dims;
  const slot = new Int16Array(65536).fill(-1);
  labels.forEach((label, s) => (slot[label] = s));
  const boxes: (PlaneBox | undefined)[][] = labels.map(() => new Array<PlaneBox | undefined>(depth));
  const minI = new Int32Array(labels.length);
  const maxI = new Int32Array(labels.length);
  const minJ = new Int32Array(labels.length);
  const maxJ = new Int32Array(labels.length);
  const words = voxels instanceof Uint8Array && voxels.byteOffset % 4 === 0 ? new Uint32Array(voxels.buffer, voxels.byteOffset, voxels.length >> 2) : undefined;
  for (let k = 0; k < depth; k++) {
    minI.fill(width);
    minJ.fill(height);
    maxI.fill(-1);
    maxJ.fill(-1);
    let n = k * width * height;
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++, n++) {
        // Most voxels are 0: over a byte array, skip them four at a time.
        if (words && (n & 3) === 0 && i + 4 <= width && words[n >> 2] === 0) {
          i += 3;
          n += 3;
          continue;
        }
        const v = voxels[n]!;
        if (v === 0) continue;
        const s = slot[v & 0xffff]!;
        if (s < 0) continue;
        if (i < minI[s]!) minI[s] = i;
        if (i > maxI[s]!) maxI[s] = i;
        if (j < minJ[s]!) minJ[s] = j;
        maxJ[s] = j;
      }
    }
    for (let s = 0; s < labels.length; s++) {
      if (maxI[s]! >= 0) boxes[s]![k] = { minI: minI[s]!, maxI: maxI[s]!, minJ: minJ[s]!, maxJ: maxJ[s]! };
    }
  }
  return boxes;
}
