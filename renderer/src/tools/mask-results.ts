import { DelineateError } from '../../../core/errors.ts';
import { combineMasks, booleanOperations, type BooleanOperation } from '../../../core/mask/boolean.ts';
import { interpolateSlices } from '../../../core/mask/interpolate.ts';
import { applyMargin } from '../../../core/mask/margin.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import type { Axis } from '../../../core/mask/neighbours.ts';
import type { VoxelBox } from '../../../core/mask/patch.ts';
import type { DirectionalMm } from '../../../core/mask/patient-directions.ts';
import type { DerivedRecipe } from '../../../core/structures/schemas.ts';

type Dims = readonly [number, number, number];

/**
 * The box around every voxel where two same-grid volumes differ, or null when they are equal: a whole-volume
 * operation lands as one edit over only this box.
 */
export function changedBox(before: Uint8Array, after: Uint8Array, dims: Dims): VoxelBox | null {
  const [ni, nj, nk] = dims;
  const lo = [ni, nj, nk];
  const hi = [-1, -1, -1];
  for (let k = 0, n = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++, n++) {
        if ((before[n] !== 0) === (after[n] !== 0)) continue;
        if (i < lo[0]!) lo[0] = i;
        if (i > hi[0]!) hi[0] = i;
        if (j < lo[1]!) lo[1] = j;
        if (j > hi[1]!) hi[1] = j;
        if (k < lo[2]!) lo[2] = k;
        hi[2] = k;
      }
    }
  }
  if (hi[0]! < 0) return null;
  return { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]! + 1, hi[1]! + 1, hi[2]! + 1] };
}

/** Indices of the slices normal to `axis` that hold at least one voxel, ascending. */
export function drawnSlices(mask: Mask, axis: Axis): number[] {
  const [ni, nj, nk] = mask.dims;
  const has = new Uint8Array(mask.dims[axis]);
  const v = mask.voxels;
  for (let k = 0, n = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++, n++) if (v[n]) has[axis === 0 ? i : axis === 1 ? j : k] = 1;
    }
  }
  const out: number[] = [];
  has.forEach((h, s) => h && out.push(s));
  return out;
}

/**
 * Fills every gap between consecutive drawn slices along `axis` by shape-based interpolation (core/mask
 * interpolateSlices). Drawn slices stay as they are; returns the input itself when there is no gap.
 */
export function interpolateGaps(mask: Mask, axis: Axis): { mask: Mask; gaps: number } {
  const drawn = drawnSlices(mask, axis);
  let result = mask;
  let gaps = 0;
  for (let n = 1; n < drawn.length; n++) {
    if (drawn[n]! - drawn[n - 1]! < 2) continue;
    result = interpolateSlices(result, axis, drawn[n - 1]!, drawn[n]!);
    gaps++;
  }
  return { mask: result, gaps };
}

/** Recipe parameter names of per-direction margins (DerivedRecipe params), in DirectionalMm order. */
const directionParams = [
  ['R', 'right'],
  ['L', 'left'],
  ['A', 'anterior'],
  ['P', 'posterior'],
  ['S', 'superior'],
  ['I', 'inferior'],
] as const;

export function marginRecipe(input: string, margin: number | DirectionalMm, limit?: string | null): DerivedRecipe {
  const params: Record<string, number | string> =
    typeof margin === 'number' ? { mm: margin } : Object.fromEntries(directionParams.map(([key, name]) => [key, margin[name]]));
  if (limit) params.limit = limit;
  return { operation: 'margin', inputs: limit ? [input, limit] : [input], params };
}

export function booleanRecipe(operation: BooleanOperation, a: string, b: string): DerivedRecipe {
  return { operation, inputs: [a, b], params: {} };
}

function marginOf(recipe: DerivedRecipe): number | DirectionalMm {
  const { params } = recipe;
  if (typeof params.mm === 'number') return params.mm;
  const entries = directionParams.map(([key, name]) => {
    const value = params[key];
    if (typeof value !== 'number') throw new DelineateError('invalid-input', `margin recipe: parameter ${key} is missing (give "mm" or all of R, L, A, P, S, I)`);
    return [name, value];
  });
  return Object.fromEntries(entries) as unknown as DirectionalMm;
}

/** "5 mm" or "R5 L5 A3 P3 S0 I0 mm": a margin in words for labels and names. */
export function describeMargin(recipe: DerivedRecipe): string {
  const margin = marginOf(recipe);
  if (typeof margin === 'number') return `${margin} mm`;
  return `${directionParams.map(([key, name]) => `${key}${margin[name]}`).join(' ')} mm`;
}

/** Computes a derived structure from its recipe; `maskOf` gives an input structure's dense mask. */
export function computeDerived(recipe: DerivedRecipe, maskOf: (id: string) => Mask): Mask {
  if (recipe.operation === 'margin') {
    const limit = typeof recipe.params.limit === 'string' ? maskOf(recipe.params.limit) : undefined;
    return applyMargin(maskOf(recipe.inputs[0]!), marginOf(recipe), limit ? { limit } : {});
  }
  if (!(booleanOperations as readonly string[]).includes(recipe.operation) || recipe.inputs.length !== 2) {
    throw new DelineateError('invalid-input', `derived structure: ${recipe.operation} of ${recipe.inputs.length} inputs is not an operation`);
  }
  return combineMasks(recipe.operation as BooleanOperation, maskOf(recipe.inputs[0]!), maskOf(recipe.inputs[1]!));
}

/** "Margin 5 mm GTVp", "Subtract PTV − Rectum": the history label of a derived computation. */
export function derivedLabel(recipe: DerivedRecipe, nameOf: (id: string) => string): string {
  const [a, b] = recipe.inputs.map(nameOf);
  if (recipe.operation === 'margin') return `Margin ${describeMargin(recipe)} ${a}${typeof recipe.params.limit === 'string' ? ` within ${b}` : ''}`;
  const symbol = { union: '∪', intersect: '∩', subtract: '−', xor: '⊕' }[recipe.operation];
  return `${recipe.operation[0]!.toUpperCase()}${recipe.operation.slice(1)} ${a} ${symbol} ${b}`;
}
