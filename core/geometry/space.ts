/**
 * Coordinate spaces are named in types so a bare number[] never crosses a layer.
 * LPS: DICOM patient coordinates in millimetres (x to the patient's Left, y Posterior, z Superior).
 * IJK: voxel index; i = column (fastest in memory), j = row, k = slice.
 */
declare const lpsBrand: unique symbol;
declare const ijkBrand: unique symbol;

export type LpsPoint = readonly [x: number, y: number, z: number] & { readonly [lpsBrand]: 'LPS mm' };
export type IjkIndex = readonly [i: number, j: number, k: number] & { readonly [ijkBrand]: 'voxel index' };
export type Vec3 = readonly [number, number, number];

/** Row-major 3x3: the i, j and k axis unit vectors in LPS, one after the other. */
export type Direction = readonly [number, number, number, number, number, number, number, number, number];

export const lps = (x: number, y: number, z: number): LpsPoint => [x, y, z] as unknown as LpsPoint;
export const ijk = (i: number, j: number, k: number): IjkIndex => [i, j, k] as unknown as IjkIndex;

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function subtract(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function norm(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function normalize(a: Vec3): Vec3 {
  const n = norm(a);
  return [a[0] / n, a[1] / n, a[2] / n];
}
