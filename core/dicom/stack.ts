import { DelineateError } from '../errors.ts';
import { cross, dot, lps, normalize, subtract, type Direction, type Vec3 } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { SliceHeader } from './header.ts';
import { maskToBitsStored, type StoredPixels } from './pixels.ts';

/** How a set of single-frame slices becomes one regular volume. */
export interface StackPlan {
  /** The slices in k order (ascending along the slice normal). */
  readonly slices: readonly SliceHeader[];
  readonly geometry: VolumeGeometry;
  /** int16 when every rescaled value is an exact integer in range (CT in HU), float32 otherwise. */
  readonly voxelType: 'int16' | 'float32';
  readonly warnings: readonly string[];
}

/** Positions closer than this along the normal are the same plane (mm). */
const samePlaneMm = 0.01;
/** Allowed spacing jitter: scanners write positions rounded to a few decimals. */
const spacingToleranceMm = 0.02;
const relativeSpacingTolerance = 0.01;

export function planStack(headers: readonly SliceHeader[]): StackPlan {
  if (headers.length === 0) throw new DelineateError('bad-data', 'The series has no image slices');
  const first = headers[0]!;
  const orientation = requireGeometry(first).orientation;
  const [row, column] = orientation;
  const normal = normalize(cross(row, column));
  for (const h of headers) checkSameFrame(first, h);

  const sorted = [...headers].sort((a, b) => dot(a.imagePosition!, normal) - dot(b.imagePosition!, normal));
  const heights = sorted.map((h) => dot(h.imagePosition!, normal));
  const warnings: string[] = [];
  const gaps = heights.slice(1).map((z, n) => z - heights[n]!);
  const duplicateAt = gaps.findIndex((gap) => gap < samePlaneMm);
  if (duplicateAt >= 0) {
    throw new DelineateError(
      'bad-data',
      `Two slices share one position (${sorted[duplicateAt]!.source} and ${sorted[duplicateAt + 1]!.source}): ` +
        'the folder holds more than one acquisition of this series',
    );
  }
  checkNotTilted(sorted, normal);
  const sliceSpacing = gaps.length > 0 ? median(gaps) : (first.sliceThickness ?? 1);
  const worstGap = gaps.reduce((worst, gap) => Math.max(worst, Math.abs(gap - sliceSpacing)), 0);
  if (worstGap > Math.max(spacingToleranceMm, relativeSpacingTolerance * sliceSpacing)) {
    throw new DelineateError(
      'unsupported',
      `Slice spacing is irregular in series ${describe(first)}: gaps range from ${Math.min(...gaps).toFixed(2)} to ` +
        `${Math.max(...gaps).toFixed(2)} mm. Resampling irregular series is not supported yet; it is refused rather than stretched.`,
    );
  }
  if (first.sliceThickness !== undefined && first.sliceThickness > sliceSpacing + spacingToleranceMm) {
    warnings.push(`Slices overlap: thickness ${first.sliceThickness} mm is more than their ${sliceSpacing.toFixed(3)} mm spacing`);
  }
  const [rowSpacing, columnSpacing] = first.pixelSpacing!;
  const start = first.imagePosition && sorted[0]!.imagePosition!;
  const direction: Direction = [...row, ...column, ...normal] as unknown as Direction;
  return {
    slices: sorted,
    geometry: {
      dims: [first.columns, first.rows, sorted.length],
      spacing: [columnSpacing, rowSpacing, sliceSpacing],
      origin: lps(start![0], start![1], start![2]),
      direction,
    },
    voxelType: chooseVoxelType(sorted),
    warnings,
  };
}

function requireGeometry(h: SliceHeader): { orientation: readonly [Vec3, Vec3] } {
  if (!h.imagePosition || !h.imageOrientation || !h.pixelSpacing) {
    throw new DelineateError(
      'bad-data',
      `${h.source}: no ImagePositionPatient, ImageOrientationPatient or PixelSpacing, so its place in the patient is unknown`,
    );
  }
  return { orientation: h.imageOrientation };
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

/** A stack whose slice origins drift in-plane was acquired with gantry tilt (or is sheared). */
function checkNotTilted(sorted: readonly SliceHeader[], normal: Vec3): void {
  const base = sorted[0]!.imagePosition!;
  for (const h of sorted) {
    const offset = subtract(h.imagePosition!, base);
    const along = dot(offset, normal);
    const inPlane = Math.hypot(offset[0] - along * normal[0], offset[1] - along * normal[1], offset[2] - along * normal[2]);
    if (inPlane > samePlaneMm + 1e-3 * Math.abs(along)) {
      const degrees = (Math.atan2(inPlane, Math.abs(along)) * 180) / Math.PI;
      throw new DelineateError(
        'unsupported',
        `Series ${describe(sorted[0]!)} is tilted or sheared (${degrees.toFixed(1)} degrees, ${h.source}). ` +
          'Resampling tilted series is not supported yet; it is refused rather than shown distorted.',
      );
    }
  }
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

/** Writes one slice's rescaled values (HU for CT) into plane k of the volume's scalars. */
export function writeSlice(target: Int16Array | Float32Array, k: number, header: SliceHeader, stored: StoredPixels): void {
  const planeSize = header.rows * header.columns;
  const offset = k * planeSize;
  const { rescaleSlope: slope, rescaleIntercept: intercept, bitsStored } = header;
  const signed = header.pixelRepresentation === 1;
  const needsMask = bitsStored < header.bitsAllocated;
  for (let n = 0; n < planeSize; n++) {
    const value = needsMask ? maskToBitsStored(stored[n]!, bitsStored, signed) : stored[n]!;
    target[offset + n] = value * slope + intercept;
  }
}

export function describe(h: SliceHeader): string {
  return h.seriesDescription ? `"${h.seriesDescription}"` : h.seriesInstanceUid || h.source;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
