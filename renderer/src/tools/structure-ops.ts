import { DelineateError } from '../../../core/errors.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { keepLargestComponent, removeSmallComponents } from '../../../core/mask/components.ts';
import { fillHoles } from '../../../core/mask/fill-holes.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import type { Axis } from '../../../core/mask/neighbours.ts';
import { encodeRuns, extractBox, type VoxelBox } from '../../../core/mask/patch.ts';
import { copySlice } from '../../../core/mask/slice.ts';
import { smoothGaussian } from '../../../core/mask/smooth.ts';
import type { DerivedRecipe } from '../../../core/structures/schemas.ts';
import type { Structure } from '../../../core/structures/structure-set.ts';
import { structures } from '../state/structures.svelte.ts';
import { changedBox, computeDerived, derivedLabel, interpolateGaps } from './mask-results.ts';

/** The selected structure when it may be edited; otherwise says why in the status bar and gives null. */
export function editableSelection(): Structure | null {
  const structure = structures.selected();
  if (!structure) {
    structures.notify('Select or add a structure first.');
    return null;
  }
  if (structure.meta.locked) {
    structures.notify(`${structure.meta.name} is locked.`);
    return null;
  }
  return structure;
}

function geometry(): VolumeGeometry {
  return structures.set!.geometry;
}

/**
 * Writes `values` into `box` of a structure as ONE labelled, undoable edit. A computed result keeps its recipe
 * (stamped with the inputs' versions as they are now); an edit by hand of a derived structure clears its recipe,
 * so an Update never overwrites the hand edit.
 */
export function landBox(id: string, box: VoxelBox, values: Uint8Array, label: string, options: { clicks?: number; recipe?: DerivedRecipe } = {}): void {
  const { recipe } = options;
  const derived = structures.set!.get(id).meta.recipe !== null;
  structures.apply({
    op: 'edit',
    id,
    label: label.slice(0, 128),
    patch: { box, runs: encodeRuns(values) },
    clicks: options.clicks ?? 1,
    ...(recipe ? { recipe: { operation: recipe.operation, inputs: recipe.inputs, params: recipe.params } } : derived ? { recipe: null } : {}),
    at: Date.now(),
  });
}

/**
 * Lands a whole-volume result as ONE labelled edit over the box where it differs from `before`. A recipe is
 * stamped even when no voxel changed (an Update that finds the result the same is still up to date).
 */
export function landResult(id: string, before: Uint8Array, after: Mask, label: string, options: { clicks?: number; recipe?: DerivedRecipe } = {}): boolean {
  const dims = geometry().dims;
  const box = changedBox(before, after.voxels, dims) ?? (options.recipe ? { lo: [0, 0, 0] as const, hi: [1, 1, 1] as const } : null);
  if (!box) {
    structures.notify(`${label}: nothing in ${structures.set!.get(id).meta.name} changed.`);
    return false;
  }
  landBox(id, box, extractBox(after.voxels, dims, box), label, options);
  return true;
}

/** Runs a whole-mask step on the selected structure and lands its result as one edit. */
function onSelected(label: string, step: (mask: Mask) => Mask): void {
  const structure = editableSelection();
  if (!structure) return;
  const mask = structure.mask.toMask(geometry());
  try {
    landResult(structure.meta.id, mask.voxels, step(mask), `${label} ${structure.meta.name}`);
  } catch (error) {
    structures.notify(error instanceof Error ? error.message : String(error));
  }
}

export const structureOps = {
  removeIslands(minCc: number): void {
    onSelected(`Remove islands < ${minCc} cc`, (mask) => removeSmallComponents(mask, { minCc }));
  },
  keepLargest(): void {
    onSelected('Keep largest', (mask) => keepLargestComponent(mask));
  },
  /** `plane`: fill per slice normal to that index axis; none fills 3D cavities. */
  fillHoles(plane: Axis | null): void {
    onSelected(plane === null ? 'Fill holes 3D' : 'Fill holes 2D', (mask) => fillHoles(mask, plane === null ? {} : { plane }));
  },
  smooth(sigmaMm: number): void {
    onSelected(`Smooth ${sigmaMm} mm`, (mask) => smoothGaussian(mask, sigmaMm));
  },
  interpolate(axis: Axis): void {
    onSelected('Interpolate', (mask) => {
      const { mask: result, gaps } = interpolateGaps(mask, axis);
      if (gaps === 0) throw new DelineateError('invalid-input', 'Interpolate: no gap between the drawn slices along this view');
      return result;
    });
  },
  copyToNext(axis: Axis, index: number): void {
    const next = index + 1;
    if (next >= geometry().dims[axis]) return structures.notify('Copy to next slice: this is the last slice.');
    onSelected(`Copy slice ${index} to ${next}`, (mask) => {
      const out = { ...mask, voxels: mask.voxels.slice() };
      copySlice(out, axis, index, next);
      return out;
    });
  },
};

function maskOf(id: string): Mask {
  return structures.set!.get(id).mask.toMask(geometry());
}

function nameOf(id: string): string {
  return structures.set?.has(id) ? structures.set.get(id).meta.name : id;
}

/** Computes a recipe into a new structure that keeps it; the structure is selected. */
export function createDerived(recipe: DerivedRecipe, name: string, type: Structure['meta']['type'] = 'ORGAN'): string | null {
  try {
    const result = computeDerived(recipe, maskOf);
    const id = structures.create(name.slice(0, 64), { type });
    landResult(id, new Uint8Array(result.voxels.length), result, derivedLabel(recipe, nameOf), { recipe });
    return id;
  } catch (error) {
    structures.notify(error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** Recomputes a derived structure from its recipe's current inputs as one edit. */
export function updateDerived(id: string): void {
  const structure = structures.set?.get(id);
  const recipe = structure?.meta.recipe;
  if (!structure || !recipe) return;
  const missing = recipe.inputs.find((input) => !structures.set!.has(input));
  if (missing) return structures.notify(`${structure.meta.name}: its input ${missing} no longer exists.`);
  try {
    const before = maskOf(id);
    landResult(id, before.voxels, computeDerived(recipe, maskOf), `Update ${structure.meta.name}: ${derivedLabel(recipe, nameOf)}`, { recipe });
  } catch (error) {
    structures.notify(error instanceof Error ? error.message : String(error));
  }
}
