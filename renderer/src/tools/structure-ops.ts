import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import type { Mask } from '../../../core/mask/mask.ts';
import type { Axis } from '../../../core/mask/neighbours.ts';
import { encodeRuns, extractBox, type VoxelBox } from '../../../core/mask/patch.ts';
import { copySlice } from '../../../core/mask/slice.ts';
import type { DerivedRecipe } from '../../../core/structures/schemas.ts';
import type { Structure, StructureSet } from '../../../core/structures/structure-set.ts';
import { structures } from '../state/structures.svelte.ts';
import { changedBox, derivedLabel } from './mask-results.ts';
import { runStep } from './mask-worker-client.ts';

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

/**
 * The structure (by id, in the same set) when its voxels are still those a computation started from; otherwise
 * says so: landing the result would overwrite what changed meanwhile.
 */
function unchangedSince(set: StructureSet | null, id: string, version: number, label: string): Structure | null {
  if (structures.set !== set || !set?.has(id)) return null;
  const structure = set.get(id);
  if (structure.version === version) return structure;
  structures.notify(`${label}: ${structure.meta.name} changed while it was computed; run it again.`);
  return null;
}

/** Runs a whole-mask step on the selected structure (off the page's thread) and lands its result as one edit. */
async function onSelected(label: string, compute: (mask: Mask, label: string) => Promise<Mask>): Promise<void> {
  const structure = editableSelection();
  if (!structure) return;
  const { set } = structures;
  const { id, name } = structure.meta;
  const version = structure.version;
  const mask = structure.mask.toMask(geometry());
  const full = `${label} ${name}`;
  try {
    const result = await compute(mask, full);
    if (unchangedSince(set, id, version, full)) landResult(id, mask.voxels, result, full);
  } catch (error) {
    structures.notify(error instanceof Error ? error.message : String(error));
  }
}

export const structureOps = {
  removeIslands(minCc: number): Promise<void> {
    return onSelected(`Remove islands < ${minCc} cc`, (mask, label) => runStep(label, 'removeIslands', mask, minCc));
  },
  keepLargest(): Promise<void> {
    return onSelected('Keep largest', (mask, label) => runStep(label, 'keepLargest', mask));
  },
  /** `plane`: fill per slice normal to that index axis; none fills 3D cavities. */
  fillHoles(plane: Axis | null): Promise<void> {
    return onSelected(plane === null ? 'Fill holes 3D' : 'Fill holes 2D', (mask, label) => runStep(label, 'fillHoles', mask, plane));
  },
  smooth(sigmaMm: number): Promise<void> {
    return onSelected(`Smooth ${sigmaMm} mm`, (mask, label) => runStep(label, 'smooth', mask, sigmaMm));
  },
  interpolate(axis: Axis): Promise<void> {
    return onSelected('Interpolate', (mask, label) => runStep(label, 'interpolate', mask, axis));
  },
  copyToNext(axis: Axis, index: number): Promise<void> {
    const next = index + 1;
    if (next >= geometry().dims[axis]) {
      structures.notify('Copy to next slice: this is the last slice.');
      return Promise.resolve();
    }
    // One slice: quick enough to run here.
    return onSelected(`Copy slice ${index} to ${next}`, async (mask) => {
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

/** The dense masks of a recipe's inputs, by id, and their versions now (to tell whether they moved meanwhile). */
function recipeInputs(recipe: DerivedRecipe): { masks: Record<string, Mask>; versions: number[] } {
  const masks: Record<string, Mask> = {};
  for (const id of recipe.inputs) masks[id] = maskOf(id);
  return { masks, versions: recipe.inputs.map((id) => structures.set!.get(id).version) };
}

/** True when every input still has the version it had when the computation started. */
function inputsUnchanged(set: StructureSet | null, recipe: DerivedRecipe, versions: readonly number[], label: string): boolean {
  return recipe.inputs.every((input, n) => unchangedSince(set, input, versions[n]!, label));
}

/** Computes a recipe (off the page's thread) into a new structure that keeps it; the structure is selected. */
export async function createDerived(recipe: DerivedRecipe, name: string, type: Structure['meta']['type'] = 'ORGAN'): Promise<string | null> {
  const { set } = structures;
  const label = derivedLabel(recipe, nameOf);
  try {
    const { masks, versions } = recipeInputs(recipe);
    const result = await runStep(label, 'derive', recipe, masks);
    if (!inputsUnchanged(set, recipe, versions, label)) return null;
    const id = structures.create(name.slice(0, 64), { type });
    landResult(id, new Uint8Array(result.voxels.length), result, label, { recipe });
    return id;
  } catch (error) {
    structures.notify(error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** Recomputes a derived structure from its recipe's current inputs (off the page's thread) as one edit. */
export async function updateDerived(id: string): Promise<void> {
  const { set } = structures;
  const structure = set?.get(id);
  const recipe = structure?.meta.recipe;
  if (!structure || !recipe) return;
  const missing = recipe.inputs.find((input) => !set!.has(input));
  if (missing) return structures.notify(`${structure.meta.name}: its input ${missing} no longer exists.`);
  const label = `Update ${structure.meta.name}: ${derivedLabel(recipe, nameOf)}`;
  try {
    const before = maskOf(id);
    const version = structure.version;
    const { masks, versions } = recipeInputs(recipe);
    const result = await runStep(label, 'derive', recipe, masks);
    if (inputsUnchanged(set, recipe, versions, label) && unchangedSince(set, id, version, label)) landResult(id, before.voxels, result, label, { recipe });
  } catch (error) {
    structures.notify(error instanceof Error ? error.message : String(error));
  }
}
