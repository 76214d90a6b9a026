import { DelineateError } from '../errors.ts';
import { cross, dot, lps, normalize, subtract, type Direction, type Vec3 } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { SliceHeader } from './header.ts';

/** How source planes map onto the regular grid when they do not lie on it one to one. */
export interface Resampling {
  /** Each source plane's distance along the slice normal from the first, mm (ascending). */
  readonly heights: readonly number[];
  /** Each source plane's in-plane shift from the first, in pixels along i and j (non-zero under tilt). */
  readonly shifts: readonly (readonly [number, number])[];
  /** Gaps wider than this (mm) are not bridged by interpolation: their planes are left empty. */
  readonly maxBridgeMm: number;
}

/** How a set of slices becomes one regular volume. */
export interface StackPlan {
  /** The source slices in order along the slice normal. */
  readonly slices: readonly SliceHeader[];
  /** The regular grid the app builds (after resampling, if any). */
  readonly geometry: VolumeGeometry;
  /** int16 when every value is an exact integer in range (CT in HU), float32 otherwise. */
  readonly voxelType: 'int16' | 'float32';
  /** null when source plane k is grid plane k. */
  readonly resampling: Resampling | null;
  readonly warnings: readonly string[];
}

/** Positions closer than this along the normal are the same plane (mm). */
const samePlaneMm = 0.01;
/** Allowed spacing jitter: scanners write positions rounded to a few decimals. */
const spacingToleranceMm = 0.02;
const relativeSpacingTolerance = 0.01;
/** A resampled grid never holds more voxels than this many times the source, or than maxResampledVoxels. */
const maxVoxelGrowth = 8;
const maxResampledVoxels = 64 * 2 ** 20;
/** Refused before anything is allocated: 2 GiB is several times a whole-body CT at full resolution. */
const maxVolumeBytes = 2 ** 31;
/** Interpolating across a gap wider than this many regular gaps (or 10 mm) would invent anatomy. */
const bridgeFactor = 4;
const minBridgeMm = 10;

export function planStack(headers: readonly SliceHeader[]): StackPlan {
  if (headers.length === 0) throw new DelineateError('bad-data', 'The series has no image slices');
  const first = headers[0]!;
  const [row, column] = requireGeometry(first);
  const normal = normalize(cross(row, column));
  for (const h of headers) checkSameFrame(first, h);
  const warnings: string[] = [];
  const sorted = dropCopies(
    [...headers].sort((a, b) => dot(a.imagePosition!, normal) - dot(b.imagePosition!, normal)),
    warnings,
  );
  const base = sorted[0]!.imagePosition!;
  const heights = sorted.map((h) => dot(subtract(h.imagePosition!, base), normal));
  const gaps = heights.slice(1).map((z, n) => z - heights[n]!);
  const duplicateAt = gaps.findIndex((gap) => gap < samePlaneMm);
  if (duplicateAt >= 0) {
    throw new DelineateError(
      'bad-data',
      `Two different slices share one position (${sorted[duplicateAt]!.source} and ${sorted[duplicateAt + 1]!.source}): ` +
        'the folder holds more than one acquisition of this series',
    );
  }
  const [rowSpacing, columnSpacing] = first.pixelSpacing!;
  let shifts = sorted.map((h) => {
    const offset = subtract(h.imagePosition!, base);
    return [dot(offset, row) / columnSpacing, dot(offset, column) / rowSpacing] as const;
  });
  const tilted = shifts.some(([u, v]) => Math.hypot(u * columnSpacing, v * rowSpacing) > samePlaneMm + 1e-3 * heights.at(-1)!);
  const regularSpacing = gaps.length > 0 ? median(gaps) : (first.sliceThickness ?? 1);
  const irregular = gaps.some((gap) => Math.abs(gap - regularSpacing) > Math.max(spacingToleranceMm, relativeSpacingTolerance * regularSpacing));

  // A regular stack's grid spans it exactly (first to last slice), not at the median gap: positions are written
  // rounded (0.625 mm slices at 696.21, 696.84, 697.46, ...), and a median of 0.63 put plane 299 of such a stack
  // 1.5 mm from its slice. Spread over the stack, the rounding stays within each slice (RT export still places
  // contours on each slice's own position: electron/services/rt/image-reference.ts).
  let sliceSpacing = gaps.length > 0 ? heights.at(-1)! / gaps.length : regularSpacing;
  let gridColumns = first.columns;
  let gridRows = first.rows;
  let origin: Vec3 = base;
  let planes = sorted.length;
  let resampling: Resampling | null = null;
  if (tilted || irregular) {
    const planeSize = first.rows * first.columns;
    const maxPlanes = Math.max(maxVoxelGrowth * sorted.length, Math.floor(maxResampledVoxels / planeSize));
    // At most the smallest gap, and dividing the stack's height exactly: the grid's first and last planes
    // lie on the first and last slices, so nothing is cropped or extrapolated.
    const height = heights.at(-1)!;
    const intervals = irregular ? Math.min(maxPlanes - 1, Math.ceil(height / Math.min(...gaps) - 1e-6)) : sorted.length - 1;
    sliceSpacing = intervals > 0 ? height / intervals : regularSpacing;
    planes = intervals + 1;
    const maxBridgeMm = Math.max(bridgeFactor * Math.min(...gaps, regularSpacing), minBridgeMm);
    const [lastU, lastV] = shifts.at(-1)!;
    const degrees = (Math.atan2(Math.hypot(lastU * columnSpacing, lastV * rowSpacing), heights.at(-1)!) * 180) / Math.PI;
    if (tilted) {
      // The grid grows by whole pixels to cover every slice's footprint, so nothing is cropped and the
      // first slice's pixels stay on grid points.
      const grow = footprint(shifts);
      gridColumns += grow.extraColumns;
      gridRows += grow.extraRows;
      origin = [
        base[0] + grow.firstColumn * columnSpacing * row[0] + grow.firstRow * rowSpacing * column[0],
        base[1] + grow.firstColumn * columnSpacing * row[1] + grow.firstRow * rowSpacing * column[1],
        base[2] + grow.firstColumn * columnSpacing * row[2] + grow.firstRow * rowSpacing * column[2],
      ];
      shifts = shifts.map(([u, v]) => [u - grow.firstColumn, v - grow.firstRow] as const);
    }
    resampling = { heights, shifts, maxBridgeMm };
    const unbridged = gaps.filter((gap) => gap > maxBridgeMm);
    if (unbridged.length > 0) {
      warnings.push(
        `${unbridged.length} gap(s) of up to ${Math.max(...unbridged).toFixed(1)} mm have no slices: those planes are left empty, not interpolated`,
      );
    }
    if (tilted) {
      warnings.push(
        `Gantry tilt or shear of ${degrees.toFixed(1)} degrees: slices were shifted onto a grid perpendicular to them, widened to keep every slice whole (linear interpolation)`,
      );
    }
    if (irregular) {
      warnings.push(
        `Irregular slice spacing (${Math.min(...gaps).toFixed(2)} to ${Math.max(...gaps).toFixed(2)} mm, missing or uneven slices): ` +
          `resampled to a regular ${sliceSpacing.toFixed(2)} mm grid of ${planes} planes (linear interpolation)`,
      );
    }
  }
  if (first.sliceThickness !== undefined && first.sliceThickness > regularSpacing + spacingToleranceMm && sorted.length > 1) {
    warnings.push(`Slices overlap: thickness ${first.sliceThickness} mm is more than their ${regularSpacing.toFixed(3)} mm spacing`);
  }
  const voxelType = resampling ? 'float32' : chooseVoxelType(sorted);
  const volumeBytes = gridColumns * gridRows * planes * (voxelType === 'int16' ? 2 : 4);
  if (volumeBytes > maxVolumeBytes) {
    throw new DelineateError(
      'bad-data',
      `${first.source}: ${gridColumns}x${gridRows}x${planes} voxels would need ${volumeBytes} bytes, more than any real image series; its Rows or Columns are wrong`,
    );
  }
  return {
    slices: sorted,
    geometry: {
      dims: [gridColumns, gridRows, planes],
      spacing: [columnSpacing, rowSpacing, sliceSpacing],
      origin: lps(origin[0], origin[1], origin[2]),
      direction: [...row, ...column, ...normal] as unknown as Direction,
    },
    voxelType,
    resampling,
    warnings,
  };
}

/** Whole-pixel extent of the shifted slices relative to the first: where the grid starts and how much it grows. */
function footprint(shifts: readonly (readonly [number, number])[]) {
  const us = shifts.map(([u]) => u);
  const vs = shifts.map(([, v]) => v);
  const firstColumn = Math.floor(Math.min(0, ...us) + 1e-6);
  const firstRow = Math.floor(Math.min(0, ...vs) + 1e-6);
  return {
    firstColumn,
    firstRow,
    extraColumns: Math.ceil(Math.max(0, ...us) - 1e-6) - firstColumn,
    extraRows: Math.ceil(Math.max(0, ...vs) - 1e-6) - firstRow,
  };
}

function requireGeometry(h: SliceHeader): readonly [Vec3, Vec3] {
  if (!h.imagePosition || !h.imageOrientation || !h.pixelSpacing) {
    const frame = h.numberOfFrames > 1 ? ` frame ${h.frameIndex + 1}` : '';
    throw new DelineateError(
      'bad-data',
      `${h.source}${frame}: no ImagePositionPatient, ImageOrientationPatient or PixelSpacing, so its place in the patient is unknown`,
    );
  }
  return h.imageOrientation;
}

function checkSameFrame(first: SliceHeader, h: SliceHeader): void {
  requireGeometry(h);
  if (h.rows !== first.rows || h.columns !== first.columns) {
    throw new DelineateError('bad-data', `${h.source}: ${h.columns}x${h.rows} pixels, but ${first.source} has ${first.columns}x${first.rows}`);
  }
  const a = first.imageOrientation!.flat();
  const b = h.imageOrientation!.flat();
  if (a.some((value, n) => Math.abs(value - b[n]!) > 1e-4)) {
    throw new DelineateError('bad-data', `${h.source}: its orientation differs from ${first.source}`);
  }
  if (Math.abs(h.pixelSpacing![0] - first.pixelSpacing![0]) > 1e-4 || Math.abs(h.pixelSpacing![1] - first.pixelSpacing![1]) > 1e-4) {
    throw new DelineateError('bad-data', `${h.source}: its pixel spacing differs from ${first.source}`);
  }
}

/** The same SOP instance twice (a file copied into two folders of a CD) is one slice. */
function dropCopies(sorted: SliceHeader[], warnings: string[]): SliceHeader[] {
  const seen = new Set<string>();
  const kept = sorted.filter((h) => {
    const key = h.sopInstanceUid ? `${h.sopInstanceUid}#${h.frameIndex}` : `${h.source}#${h.frameIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (kept.length < sorted.length) warnings.push(`${sorted.length - kept.length} duplicate copies of the same slice were ignored`);
  return kept;
}

function chooseVoxelType(slices: readonly SliceHeader[]): 'int16' | 'float32' {
  for (const h of slices) {
    if (!Number.isInteger(h.rescaleSlope) || !Number.isInteger(h.rescaleIntercept)) return 'float32';
    const bits = Math.min(h.bitsStored, h.bitsAllocated);
    const min = h.pixelRepresentation === 1 ? -(2 ** (bits - 1)) : 0;
    const max = h.pixelRepresentation === 1 ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    const ends = [min * h.rescaleSlope + h.rescaleIntercept, max * h.rescaleSlope + h.rescaleIntercept];
    if (Math.min(...ends) < -32768 || Math.max(...ends) > 32767) return 'float32';
  }
  return 'int16';
}

export function describe(h: SliceHeader): string {
  return h.seriesDescription ? `"${h.seriesDescription}"` : h.seriesInstanceUid || h.source;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
