import type { Resampling } from './stack.ts';

/**
 * Fills a regular grid from source planes that are unevenly spaced and/or shifted in-plane (gantry tilt).
 * Target plane t lies at height t * spacing along the normal; it blends the two source planes around it
 * linearly, each sampled bilinearly at the target pixel minus that plane's in-plane shift. Pixels that fall
 * outside a source plane, or in a gap too wide to bridge, take `outside` (air for CT).
 *
 * planes: one Float32Array per source plane (source.columns x source.rows, column index fastest).
 * target: grid.columns * grid.rows * planeCount values; the grid may be wider than the source planes.
 */
export function resampleStack(
  planes: readonly Float32Array[],
  resampling: Resampling,
  source: PlaneSize,
  grid: PlaneSize,
  sliceSpacing: number,
  target: Float32Array,
  outside: number,
): void {
  const { heights, shifts, maxBridgeMm } = resampling;
  const planeSize = grid.columns * grid.rows;
  const planeCount = target.length / planeSize;
  let below = 0;
  for (let t = 0; t < planeCount; t++) {
    const height = t * sliceSpacing;
    while (below < heights.length - 2 && heights[below + 1]! < height) below++;
    const above = Math.min(below + 1, heights.length - 1);
    const span = heights[above]! - heights[below]!;
    const weight = span > 0 ? Math.min(1, Math.max(0, (height - heights[below]!) / span)) : 0;
    const out = target.subarray(t * planeSize, (t + 1) * planeSize);
    const onPlane = weight < 1e-6 || weight > 1 - 1e-6;
    if (span > maxBridgeMm && !onPlane) {
      out.fill(outside);
      continue;
    }
    samplePlane(planes[below]!, shifts[below]!, source, grid, out, 1 - weight, outside, false);
    if (weight > 0) samplePlane(planes[above]!, shifts[above]!, source, grid, out, weight, outside, true);
  }
}

export interface PlaneSize {
  readonly columns: number;
  readonly rows: number;
}

/** out[j*grid.columns+i] (+)= weight * plane sampled bilinearly at (i - shift_i, j - shift_j). */
function samplePlane(
  plane: Float32Array,
  shift: readonly [number, number],
  source: PlaneSize,
  grid: PlaneSize,
  out: Float32Array,
  weight: number,
  outside: number,
  accumulate: boolean,
): void {
  const [du, dv] = shift;
  const { columns, rows } = source;
  const integral = Math.abs(du - Math.round(du)) < 1e-6 && Math.abs(dv - Math.round(dv)) < 1e-6;
  for (let j = 0; j < grid.rows; j++) {
    const y = j - dv;
    const y0 = Math.floor(y);
    const fy = y - y0;
    for (let i = 0; i < grid.columns; i++) {
      const x = i - du;
      let value: number;
      if (integral) {
        const xi = Math.round(x);
        const yi = Math.round(y);
        value = xi >= 0 && xi < columns && yi >= 0 && yi < rows ? plane[yi * columns + xi]! : outside;
      } else {
        const x0 = Math.floor(x);
        const fx = x - x0;
        value =
          (1 - fy) * ((1 - fx) * at(plane, x0, y0, columns, rows, outside) + fx * at(plane, x0 + 1, y0, columns, rows, outside)) +
          fy * ((1 - fx) * at(plane, x0, y0 + 1, columns, rows, outside) + fx * at(plane, x0 + 1, y0 + 1, columns, rows, outside));
      }
      const index = j * grid.columns + i;
      out[index] = accumulate ? out[index]! + weight * value : weight * value;
    }
  }
}

function at(plane: Float32Array, x: number, y: number, columns: number, rows: number, outside: number): number {
  return x >= 0 && x < columns && y >= 0 && y < rows ? plane[y * columns + x]! : outside;
}
