import type { Direction, Vec3 } from '../geometry/space.ts';
import { lps } from '../geometry/space.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { RasAffine } from './affine.ts';
import type { Mat3 } from './matrix3.ts';
import { determinant, nearestOrthonormal } from './matrix3.ts';

/** Axes further than this from perpendicular (as a cosine, about 0.006 degrees) are reported as shear. */
const SHEAR_COSINE_TOLERANCE = 1e-4;

export type LpsGeometry = Omit<VolumeGeometry, 'dims'>;

/**
 * Splits a NIfTI affine into the app's LPS geometry. RAS+ to LPS negates x and y. Each column of the 3x3
 * is one voxel step along i, j or k: its length is the spacing, its direction the axis. The app's
 * direction must be orthonormal, so a sheared affine is replaced by its nearest orthonormal axes, with a
 * warning that says how far voxels move. Returns undefined when the affine is singular or not finite.
 */
export function lpsGeometryFromRasAffine(
  affine: RasAffine,
  dims: readonly [number, number, number],
  label: string,
): { geometry: LpsGeometry; warnings: string[] } | undefined {
  if (!affine.every(Number.isFinite)) return undefined;
  // RAS+ to LPS: x and y change sign.
  const column = (c: number): Vec3 => [-affine[c]!, -affine[4 + c]!, affine[8 + c]!];
  const steps = [column(0), column(1), column(2)];
  const spacing = steps.map((s) => Math.hypot(...s)) as unknown as Vec3;
  if (spacing.some((s) => !(s > 1e-9))) return undefined;
  const units = steps.map((s, c) => s.map((v) => v / spacing[c]!) as unknown as Vec3);
  // Row-major matrix whose columns are the unit axes, as nearestOrthonormal expects.
  const axes: Mat3 = [
    units[0]![0], units[1]![0], units[2]![0],
    units[0]![1], units[1]![1], units[2]![1],
    units[0]![2], units[1]![2], units[2]![2],
  ];
  if (Math.abs(determinant(axes)) < 1e-3) return undefined;

  const warnings: string[] = [];
  const q = nearestOrthonormal(axes);
  const worstCosine = Math.max(
    Math.abs(dot(units[0]!, units[1]!)),
    Math.abs(dot(units[0]!, units[2]!)),
    Math.abs(dot(units[1]!, units[2]!)),
  );
  if (worstCosine > SHEAR_COSINE_TOLERANCE) {
    const degrees = (Math.acos(worstCosine) * 180) / Math.PI;
    const shift = maxCornerShift(steps, q, spacing, dims);
    warnings.push(
      `${label} is sheared (axes ${degrees.toFixed(3)} degrees apart, not 90); its axes were made orthogonal, ` +
        `which moves voxels by up to ${shift.toFixed(3)} mm`,
    );
  }
  const direction = [q[0], q[3], q[6], q[1], q[4], q[7], q[2], q[5], q[8]] as unknown as Direction;
  const origin = lps(-affine[3], -affine[7], affine[11]);
  return { geometry: { spacing, origin, direction }, warnings };
}

/** The NIfTI (RAS+) affine of an LPS geometry: the inverse of lpsGeometryFromRasAffine for orthonormal axes. */
export function rasAffineFromLpsGeometry(g: LpsGeometry): RasAffine {
  const d = g.direction;
  const s = g.spacing;
  const o = g.origin;
  // Column c of the LPS 3x3 is direction vector c (d[3c..3c+2]) times spacing c; RAS negates rows x and y.
  return [
    -d[0] * s[0], -d[3] * s[1], -d[6] * s[2], -o[0],
    -d[1] * s[0], -d[4] * s[1], -d[7] * s[2], -o[1],
    d[2] * s[0], d[5] * s[1], d[8] * s[2], o[2],
  ];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** How far the far corners of the grid move when the sheared steps are replaced by orthonormal ones. */
function maxCornerShift(steps: Vec3[], q: Mat3, spacing: Vec3, dims: readonly [number, number, number]): number {
  let worst = 0;
  for (const corner of [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]]) {
    const n = corner.map((on, c) => on * Math.max(0, dims[c]! - 1));
    let squared = 0;
    for (let r = 0; r < 3; r++) {
      let delta = 0;
      for (let c = 0; c < 3; c++) delta += n[c]! * (steps[c]![r]! - q[3 * r + c]! * spacing[c]!);
      squared += delta * delta;
    }
    worst = Math.max(worst, Math.sqrt(squared));
  }
  return worst;
}
