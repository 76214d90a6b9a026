import type { Vec3 } from '../geometry/space.ts';
import type { Mat3 } from './matrix3.ts';

/**
 * Row-major 3x4 [R | t]: maps a voxel index (i, j, k) to NIfTI world coordinates in millimetres, RAS+
 * (+x toward the patient's Right, +y Anterior, +z Superior). Element (r, c) at 4*r + c; column 3 is the
 * world position of the centre of voxel (0,0,0).
 */
export type RasAffine = readonly [
  number, number, number, number,
  number, number, number, number,
  number, number, number, number,
];

/** Below this, a^2 = 1 - b^2 - c^2 - d^2 is float32 rounding noise and a is taken as 0 (nifti1_io's threshold). */
const A_SQUARED_ZERO = 1e-7;

export interface AffineResult {
  readonly affine: RasAffine;
  readonly warnings: string[];
}

/** NIfTI method 3: the sform rows as stored. */
export function affineFromSform(srow: readonly number[]): RasAffine {
  return srow.slice(0, 12) as unknown as RasAffine;
}

/**
 * NIfTI method 2: [x y z] = R * diag(dx, dy, qfac*dz) * [i j k] + qoffset, with R the rotation of the unit
 * quaternion (a, b, c, d). Only b, c, d are stored; a = sqrt(1 - b^2 - c^2 - d^2) >= 0.
 */
export function affineFromQform(quatern: Vec3, qoffset: Vec3, pixdim: readonly number[]): AffineResult {
  const warnings: string[] = [];
  let [b, c, d] = quatern;
  const squared = b * b + c * c + d * d;
  let a = 0;
  if (1 - squared >= A_SQUARED_ZERO) {
    a = Math.sqrt(1 - squared);
  } else {
    // A rotation of (nearly) 180 degrees: a is 0 and (b, c, d) a unit vector, but float32 rounding leaves
    // 1 - |b,c,d|^2 at +-1e-7, whose square root (3e-4) would tilt every axis. Normalise instead, as
    // nifti1_io does. Far past 1 is damage, not rounding.
    if (squared > 1 + 1e-5) warnings.push(`qform quaternion (b,c,d) has length ${Math.sqrt(squared).toFixed(6)} > 1; normalised`);
    const length = Math.sqrt(squared);
    [b, c, d] = [b / length, c / length, d / length];
  }
  const r = rotationFromQuaternion(a, b, c, d);
  const qfac = (pixdim[0] ?? 1) < 0 ? -1 : 1; // the standard treats 0 (old files) as 1
  const sizes = [1, 2, 3].map((axis) => voxelSize(pixdim[axis] ?? 0, axis, warnings));
  const [dx, dy, dz] = [sizes[0]!, sizes[1]!, sizes[2]! * qfac];
  return {
    affine: [
      r[0] * dx, r[1] * dy, r[2] * dz, qoffset[0],
      r[3] * dx, r[4] * dy, r[5] * dz, qoffset[1],
      r[6] * dx, r[7] * dy, r[8] * dz, qoffset[2],
    ],
    warnings,
  };
}

/** NIfTI method 1 (no qform, no sform): voxel sizes only, origin at voxel (0,0,0); orientation is unknown. */
export function affineFromPixdim(pixdim: readonly number[]): AffineResult {
  const warnings: string[] = [];
  const [dx, dy, dz] = [1, 2, 3].map((axis) => voxelSize(pixdim[axis] ?? 0, axis, warnings)) as [number, number, number];
  return { affine: [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0], warnings };
}

export function rotationFromQuaternion(a: number, b: number, c: number, d: number): Mat3 {
  return [
    a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
    2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
    2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - b * b - c * c,
  ];
}

/**
 * The unit quaternion (with a >= 0, as NIfTI requires) of a proper rotation (determinant +1). Picks the
 * largest of a, b, c, d to divide by, so no branch divides by a value near zero.
 */
export function quaternionFromRotation(r: Mat3): { a: number; b: number; c: number; d: number } {
  const trace = r[0] + r[4] + r[8];
  let q: [number, number, number, number];
  if (trace > 0) {
    const a = 0.5 * Math.sqrt(1 + trace);
    q = [a, (r[7] - r[5]) / (4 * a), (r[2] - r[6]) / (4 * a), (r[3] - r[1]) / (4 * a)];
  } else if (r[0] >= r[4] && r[0] >= r[8]) {
    const b = 0.5 * Math.sqrt(1 + r[0] - r[4] - r[8]);
    q = [(r[7] - r[5]) / (4 * b), b, (r[1] + r[3]) / (4 * b), (r[2] + r[6]) / (4 * b)];
  } else if (r[4] >= r[8]) {
    const c = 0.5 * Math.sqrt(1 - r[0] + r[4] - r[8]);
    q = [(r[2] - r[6]) / (4 * c), (r[1] + r[3]) / (4 * c), c, (r[5] + r[7]) / (4 * c)];
  } else {
    const d = 0.5 * Math.sqrt(1 - r[0] - r[4] + r[8]);
    q = [(r[3] - r[1]) / (4 * d), (r[2] + r[6]) / (4 * d), (r[5] + r[7]) / (4 * d), d];
  }
  // q and -q are the same rotation; NIfTI stores the one with a >= 0.
  const sign = q[0] < 0 ? -1 : 1;
  return { a: sign * q[0], b: sign * q[1], c: sign * q[2], d: sign * q[3] };
}

/** pixdim[1..3] must be positive; old writers leave 0 (taken as 1 mm) or a negative (taken by size). */
function voxelSize(value: number, axis: number, warnings: string[]): number {
  if (Number.isFinite(value) && value > 0) return value;
  const replacement = Number.isFinite(value) && value < 0 ? -value : 1;
  warnings.push(`pixdim[${axis}] is ${value}; ${replacement} mm used`);
  return replacement;
}
