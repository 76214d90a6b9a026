import { DelineateError } from '../errors.ts';
import { emptyMask, geometryOf, resampleToGrid, sameGrid, type Mask } from './mask.ts';

export const booleanOperations = ['union', 'intersect', 'subtract', 'xor'] as const;
export type BooleanOperation = (typeof booleanOperations)[number];

export interface BooleanOptions {
  /** When the grids differ, sample `b` onto `a`'s grid in world coordinates instead of refusing. */
  readonly resample?: boolean;
  /** Names for messages, e.g. file names. */
  readonly names?: readonly [string, string];
}

function describeGrid(m: Mask): string {
  return `${m.dims.join('x')}, spacing ${m.spacing.map((s) => +s.toFixed(4)).join('/')} mm`;
}

/** `b`'s voxels on `a`'s grid: as they are when the grids match, resampled when asked, refused otherwise. */
export function onSameGrid(a: Mask, b: Mask, options: BooleanOptions = {}): Uint8Array {
  if (sameGrid(a, b)) return b.voxels;
  if (options.resample) return resampleToGrid(b, geometryOf(a)) as Uint8Array;
  const [nameA, nameB] = options.names ?? ['first mask', 'second mask'];
  throw new DelineateError(
    'invalid-input',
    `${nameB} (${describeGrid(b)}) is not on the grid of ${nameA} (${describeGrid(a)}); resample it first`,
  );
}

/** A new mask on `a`'s grid: a OR b, a AND b, a AND NOT b, or a XOR b. */
export function combineMasks(operation: BooleanOperation, a: Mask, b: Mask, options: BooleanOptions = {}): Mask {
  const other = onSameGrid(a, b, options);
  const out = emptyMask(a);
  const x = a.voxels;
  const y = other;
  const z = out.voxels;
  const n = z.length;
  switch (operation) {
    case 'union':
      for (let v = 0; v < n; v++) z[v] = x[v] || y[v] ? 1 : 0;
      break;
    case 'intersect':
      for (let v = 0; v < n; v++) z[v] = x[v] && y[v] ? 1 : 0;
      break;
    case 'subtract':
      for (let v = 0; v < n; v++) z[v] = x[v] && !y[v] ? 1 : 0;
      break;
    case 'xor':
      for (let v = 0; v < n; v++) z[v] = (x[v] ? 1 : 0) ^ (y[v] ? 1 : 0);
      break;
  }
  return out;
}
