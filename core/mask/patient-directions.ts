import { DelineateError } from '../errors.ts';
import type { Direction } from '../geometry/space.ts';

/**
 * Millimetres per patient direction (LPS: +x Left, +y Posterior, +z Superior). Used for per-direction margins:
 * `right: 5` moves the structure's right edge 5 mm further to the patient's right.
 */
export interface DirectionalMm {
  readonly right: number;
  readonly left: number;
  readonly anterior: number;
  readonly posterior: number;
  readonly superior: number;
  readonly inferior: number;
}

export const directionNames = ['right', 'left', 'anterior', 'posterior', 'superior', 'inferior'] as const;

export function uniformMm(mm: number): DirectionalMm {
  return { right: mm, left: mm, anterior: mm, posterior: mm, superior: mm, inferior: mm };
}

/** For each index axis i, j, k: millimetres toward lower and toward higher indices. */
export type IndexAxisMm = readonly [readonly [number, number], readonly [number, number], readonly [number, number]];

/**
 * Which patient axis (0 x, 1 y, 2 z) and sign each index axis runs along. Every CT, MR and label map met so far
 * has axis-aligned directions (any permutation and flips); on an oblique grid each index axis is taken as its
 * nearest patient axis, so per-direction margins there follow the grid's axes (documented in docs/METRICS.md).
 */
export function nearestPatientAxes(direction: Direction): readonly { axis: 0 | 1 | 2; sign: 1 | -1 }[] {
  const axes = ([0, 1, 2] as const).map((a) => {
    const row = [direction[3 * a]!, direction[3 * a + 1]!, direction[3 * a + 2]!];
    const axis = ([0, 1, 2] as const).reduce((best, c) => (Math.abs(row[c]!) > Math.abs(row[best]!) ? c : best), 0 as 0 | 1 | 2);
    return { axis, sign: (row[axis]! >= 0 ? 1 : -1) as 1 | -1 };
  });
  if (new Set(axes.map((a) => a.axis)).size !== 3) {
    throw new DelineateError('unsupported', `direction [${direction.join(', ')}] has two grid axes nearest the same patient axis`);
  }
  return axes;
}

/** Patient-direction millimetres as millimetres toward lower/higher index along each grid axis. */
export function toIndexAxes(mm: DirectionalMm, direction: Direction): IndexAxisMm {
  // [toward -axis, toward +axis] per patient axis x (R-, L+), y (A-, P+), z (I-, S+).
  const patient = [
    [mm.right, mm.left],
    [mm.anterior, mm.posterior],
    [mm.inferior, mm.superior],
  ] as const;
  const axes = nearestPatientAxes(direction);
  const along = (a: 0 | 1 | 2): readonly [number, number] => {
    const [minus, plus] = patient[axes[a]!.axis];
    return axes[a]!.sign === 1 ? [minus, plus] : [plus, minus];
  };
  return [along(0), along(1), along(2)];
}

/** The mirror image (each direction swaps with its opposite): shrinking by m is expanding the outside by mirror(m). */
export function mirrored(mm: DirectionalMm): DirectionalMm {
  return { right: mm.left, left: mm.right, anterior: mm.posterior, posterior: mm.anterior, superior: mm.inferior, inferior: mm.superior };
}
