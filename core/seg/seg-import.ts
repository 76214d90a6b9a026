import { lps } from '../geometry/space.ts';
import { worldToIndex } from '../geometry/volume.ts';
import type { Mask } from '../mask/mask.ts';
import { emptyMask } from '../mask/mask.ts';
import { checkSameSubject, type TargetImage } from '../rt/rtstruct-import.ts';
import type { SegSegment, Segmentation } from './seg-read.ts';

/** Frame positions within this distance of a slice plane (mm) are on it. */
const planeToleranceMm = 0.05;

export interface ImportedSegment extends SegSegment {
  readonly mask: Mask;
  readonly warnings: string[];
}

/**
 * Puts every segment on the image grid: each frame pixel lands on the grid voxel containing its centre.
 * Segments may overlap (each has its own mask); frames may cover any subset of slices. FRACTIONAL values are
 * thresholded at one half (a voxel belongs when at least half of it is the segment).
 */
export function importSegmentation(seg: Segmentation, image: TargetImage): { segments: ImportedSegment[]; warnings: string[] } {
  checkSameSubject(seg, image, 'segments');
  const grid = image.grid;
  const [width, height, depth] = grid.dims;
  const warnings: string[] = [];
  if (seg.kind === 'FRACTIONAL') warnings.push(`Fractional segments were made binary at ${Math.ceil(seg.maxFractional / 2)} of ${seg.maxFractional} (one half)`);
  const slot = new Map(seg.segments.map((s, n) => [s.number, n]));
  const out = seg.segments.map((s): ImportedSegment => ({ ...s, mask: emptyMask(grid), warnings: [] }));
  const threshold = seg.kind === 'FRACTIONAL' ? Math.ceil(seg.maxFractional / 2) : 1;
  const frameSize = seg.rows * seg.columns;
  let offGrid = 0;
  let tilted = 0;
  /** Frames put on the nearest slice although they lie off its plane, and the farthest of them (mm). */
  let snapped = 0;
  let snappedMm = 0;
  seg.frames.forEach((frame, f) => {
    const targets = frame.segmentNumber === 0 ? out.map((_, n) => n) : [slot.get(frame.segmentNumber)].filter((n) => n !== undefined);
    if (targets.length === 0) return;
    const [row, column] = frame.orientation;
    const [rowSpacing, columnSpacing] = frame.pixelSpacing;
    const p = frame.position;
    const base = worldToIndex(grid, lps(p[0], p[1], p[2]));
    const along = (v: readonly number[], s: number) => {
      const q = worldToIndex(grid, lps(p[0] + v[0]! * s, p[1] + v[1]! * s, p[2] + v[2]! * s));
      return [q[0] - base[0], q[1] - base[1], q[2] - base[2]] as const;
    };
    const di = along(row, columnSpacing);
    const dj = along(column, rowSpacing);
    if (Math.abs(di[2]) > 1e-3 || Math.abs(dj[2]) > 1e-3) tilted++;
    const k = Math.round(base[2]);
    if (Math.abs(base[2] - k) > 0.5 || k < 0 || k >= depth) {
      offGrid++;
      return;
    }
    // Positions are written to a micron or so: farther off than this, the frame is not on the slice.
    const offMm = Math.abs(base[2] - k) * grid.spacing[2];
    if (offMm > planeToleranceMm) {
      snapped++;
      snappedMm = Math.max(snappedMm, offMm);
    }
    const plane = k * width * height;
    const i0 = Math.round(base[0]);
    const j0 = Math.round(base[1]);
    const aligned = Math.abs(di[0] - 1) < 1e-4 && Math.abs(dj[1] - 1) < 1e-4 && Math.abs(di[1]) < 1e-4 && Math.abs(dj[0]) < 1e-4 && Math.abs(base[0] - i0) < 1e-3 && Math.abs(base[1] - j0) < 1e-3;
    if (aligned && seg.packedBits) {
      // The usual case: a binary frame that is a grid plane (or a window of one), pixel for pixel. Only
      // the non-zero bytes of its bit range are visited: segment frames are mostly empty.
      const voxels = out[targets[0]!]!.mask.voxels;
      const bits = seg.packedBits;
      const first = f * frameSize;
      for (let byte = first >> 3, last = (first + frameSize - 1) >> 3; byte <= last; byte++) {
        const value = bits[byte]!;
        if (value === 0) continue;
        for (let b = 0; b < 8; b++) {
          const p = byte * 8 + b - first;
          if (!(value & (1 << b)) || p < 0 || p >= frameSize) continue;
          const r = Math.floor(p / seg.columns);
          const i = i0 + p - r * seg.columns;
          const j = j0 + r;
          if (i >= 0 && j >= 0 && i < width && j < height) voxels[plane + j * width + i] = 1;
        }
      }
      return;
    }
    if (aligned && frame.segmentNumber !== 0) {
      // A fractional frame on a grid plane, pixel for pixel.
      const voxels = out[targets[0]!]!.mask.voxels;
      for (let r = 0; r < seg.rows; r++) {
        const j = j0 + r;
        if (j < 0 || j >= height) continue;
        const from = Math.max(0, -i0);
        const to = Math.min(seg.columns, width - i0);
        for (let c = from, n = r * seg.columns + from, v = plane + j * width + i0 + from; c < to; c++, n++, v++) if (seg.pixel(f, n) >= threshold) voxels[v] = 1;
      }
      return;
    }
    for (let r = 0, n = 0; r < seg.rows; r++) {
      for (let c = 0; c < seg.columns; c++, n++) {
        const value = seg.pixel(f, n);
        if (value === 0) continue;
        const i = Math.round(base[0] + c * di[0] + r * dj[0]);
        const j = Math.round(base[1] + c * di[1] + r * dj[1]);
        if (i < 0 || j < 0 || i >= width || j >= height) continue;
        for (const t of targets) {
          const hit = frame.segmentNumber === 0 ? value === out[t]!.number : value >= threshold;
          if (hit) out[t]!.mask.voxels[plane + j * width + i] = 1;
        }
      }
    }
  });
  if (offGrid > 0) warnings.push(`${offGrid} frame(s) lie on planes that are not slices of the image and were left out`);
  if (snapped > 0) warnings.push(`${snapped} frame(s) lie between slices of the image (up to ${snappedMm.toFixed(2)} mm off) and were put on the nearest slice`);
  if (tilted > 0) warnings.push(`${tilted} frame(s) are not parallel to the image slices; their pixels were put on the nearest voxels`);
  return { segments: out, warnings };
}
