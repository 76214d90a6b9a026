import type { Loop } from './contour-extract.ts';

/**
 * Joins each hole to the region around it with a keyhole: a zero-width cut from the hole's leftmost point
 * straight left to the nearest edge, walked in and out again, so each connected region becomes ONE closed
 * contour that already has its holes. Both kinds of reader then agree: those that XOR (even-odd) the contours
 * of a slice, and those that OR them (plastimatch's default, and planning systems that treat every contour as
 * filled), which would fill holes written as separate inner contours. See docs/RTSTRUCT.md.
 *
 * Holes are bridged in order of their leftmost x (as in earcut): a ray going left from a hole's leftmost
 * point can then only meet the outer contour or holes already joined to it, never a hole still on its own.
 */
export function joinHoles(loops: readonly Loop[]): Loop[] {
  if (loops.length <= 1) return [...loops];
  const areas = loops.map(signedArea);
  // The largest loop is always an outer boundary: holes lie inside outers. Its sign marks every outer.
  const outerSign = Math.sign(areas.reduce((best, a) => (Math.abs(a) > Math.abs(best) ? a : best), 0));
  const outers = loops.map((_, n) => n).filter((n) => Math.sign(areas[n]!) === outerSign);
  const holesOf = new Map<number, number[]>(outers.map((n) => [n, []]));
  for (let n = 0; n < loops.length; n++) {
    if (Math.sign(areas[n]!) === outerSign) continue;
    // The innermost outer containing the hole: of those containing one of its points, the smallest.
    const x = loops[n]![0]!;
    const y = loops[n]![1]!;
    let owner = -1;
    for (const o of outers) if (contains(loops[o]!, x, y) && (owner < 0 || Math.abs(areas[o]!) < Math.abs(areas[owner]!))) owner = o;
    if (owner >= 0) holesOf.get(owner)!.push(n);
  }
  return outers.map((o) => {
    const holes = holesOf.get(o)!.map((n) => ({ loop: loops[n]!, left: leftmost(loops[n]!) }));
    holes.sort((a, b) => a.loop[2 * a.left]! - b.loop[2 * b.left]!);
    let polygon = Array.from(loops[o]!);
    for (const hole of holes) polygon = bridge(polygon, hole.loop, hole.left);
    return Float64Array.from(polygon);
  });
}

/** Splices `hole` into `polygon` (flat x,y list) through a horizontal cut from the hole's vertex `start`. */
function bridge(polygon: number[], hole: Loop, start: number): number[] {
  const hx = hole[2 * start]!;
  const hy = hole[2 * start + 1]!;
  const count = polygon.length / 2;
  let bestX = -Infinity;
  let bestEdge = -1;
  for (let e = 0; e < count; e++) {
    const f = (e + 1) % count;
    const ax = polygon[2 * e]!;
    const ay = polygon[2 * e + 1]!;
    const bx = polygon[2 * f]!;
    const by = polygon[2 * f + 1]!;
    let x: number;
    if (ay === by) {
      if (ay !== hy) continue;
      x = Math.min(Math.max(ax, bx), hx); // a horizontal edge on the ray: its end nearest the hole
    } else {
      if (hy < Math.min(ay, by) || hy > Math.max(ay, by)) continue;
      x = ax + ((hy - ay) * (bx - ax)) / (by - ay);
    }
    if (x <= hx && x > bestX) {
      bestX = x;
      bestEdge = e;
    }
  }
  if (bestEdge < 0) return polygon; // not inside after all (cannot happen for a contained hole): leave it out
  const holeCount = hole.length / 2;
  const ring: number[] = [];
  for (let m = 0; m <= holeCount; m++) {
    const v = (start + m) % holeCount;
    ring.push(hole[2 * v]!, hole[2 * v + 1]!);
  }
  const cut = [bestX, hy];
  const out = [...polygon.slice(0, 2 * (bestEdge + 1)), ...cut, ...ring, ...cut, ...polygon.slice(2 * (bestEdge + 1))];
  return dropRepeats(out);
}

/** Removes consecutive repeated points (a cut landing on a vertex). */
function dropRepeats(points: number[]): number[] {
  const out: number[] = [];
  for (let n = 0; n < points.length; n += 2) {
    const m = out.length;
    if (m >= 2 && out[m - 2] === points[n] && out[m - 1] === points[n + 1]) continue;
    out.push(points[n]!, points[n + 1]!);
  }
  while (out.length >= 4 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) out.length -= 2;
  return out;
}

function leftmost(loop: Loop): number {
  let best = 0;
  for (let n = 1; n < loop.length / 2; n++) {
    if (loop[2 * n]! < loop[2 * best]! || (loop[2 * n] === loop[2 * best] && loop[2 * n + 1]! < loop[2 * best + 1]!)) best = n;
  }
  return best;
}

export function signedArea(loop: Loop | readonly number[]): number {
  let area = 0;
  const count = loop.length / 2;
  for (let n = 0; n < count; n++) {
    const m = (n + 1) % count;
    area += loop[2 * n]! * loop[2 * m + 1]! - loop[2 * m]! * loop[2 * n + 1]!;
  }
  return area / 2;
}

/** Even-odd point in polygon. */
function contains(loop: Loop, x: number, y: number): boolean {
  let inside = false;
  const count = loop.length / 2;
  for (let n = 0, m = count - 1; n < count; m = n++) {
    const yn = loop[2 * n + 1]!;
    const ym = loop[2 * m + 1]!;
    if (yn > y !== ym > y && x < loop[2 * m]! + ((y - ym) * (loop[2 * n]! - loop[2 * m]!)) / (yn - ym)) inside = !inside;
  }
  return inside;
}
