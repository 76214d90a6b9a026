import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { geometryOf } from '../mask/mask.ts';
import type { MaskPatch, VoxelBox } from '../mask/patch.ts';
import { checkBox } from '../mask/patch.ts';
import { defaultIdleSeconds, emptyEffort, noteActivity } from './effort.ts';
import type { HistoryLimits } from './history.ts';
import { EditHistory } from './history.ts';
import type { PackedPatch } from './packed-patch.ts';
import { packedBytes, packPatch, toMaskPatch } from './packed-patch.ts';
import { applyPatchWithMemo } from './edit-memo.ts';
import type { AiEditRecord, DerivedRecipe, EffortRecord, Provenance, StructureMeta, StructureOp } from './schemas.ts';
import { displayOnlyFields } from './schemas.ts';
import { SparseMask } from './sparse-mask.ts';

/** One structure: what the UI lists, its mask, and a version that moves whenever its voxels change. */
export interface Structure {
  meta: StructureMeta;
  readonly mask: SparseMask;
  version: number;
  effort: EffortRecord;
}

type EditOp = Extract<StructureOp, { op: 'edit' }>;
type MetaChanges = Partial<Omit<StructureMeta, 'id'>>;

/** Undo memos: each holds only what its action changed. */
export type StructureMemo =
  | {
      kind: 'edit';
      label: string;
      bytes: number;
      id: string;
      before: PackedPatch;
      after: PackedPatch;
      recipeBefore?: DerivedRecipe | null;
      recipeAfter?: DerivedRecipe | null;
      /** Set when the edit changed the structure's provenance (an AI edit by a model it did not come from). */
      provenanceBefore?: Provenance;
      provenanceAfter?: Provenance;
    }
  | { kind: 'create' | 'delete'; label: string; bytes: number; structure: Structure; index: number }
  | { kind: 'update'; label: string; bytes: number; id: string; before: MetaChanges; after: MetaChanges };

export interface StructureSetOptions {
  readonly history?: Partial<HistoryLimits>;
  readonly idleSeconds?: number;
}

/**
 * What an applied op changed, as ops a history-less mirror (the renderer's copy after the main side ran
 * undo) applies with `apply(op, { record: false })` to reach the same state. `before` is an edit's previous
 * voxels in the changed box, for the journal.
 */
export interface ApplyResult {
  readonly effects: StructureOp[];
  readonly before?: MaskPatch;
}

/**
 * The structures drawn on one image grid. Every change goes through `apply` (plain-data ops, see schemas.ts),
 * so the renderer's copy, the main side's copy and a replayed journal all reach the same state with this code.
 */
export class StructureSet {
  readonly geometry: VolumeGeometry;
  readonly history: EditHistory<StructureMemo>;
  readonly idleSeconds: number;
  readonly #structures = new Map<string, Structure>();
  #order: string[] = [];

  constructor(geometry: VolumeGeometry, options: StructureSetOptions = {}) {
    this.geometry = geometryOf(geometry);
    this.history = new EditHistory(options.history);
    this.idleSeconds = options.idleSeconds ?? defaultIdleSeconds;
  }

  list(): readonly Structure[] {
    return this.#order.map((id) => this.#structures.get(id)!);
  }

  has(id: string): boolean {
    return this.#structures.has(id);
  }

  get(id: string): Structure {
    const structure = this.#structures.get(id);
    if (!structure) throw new DelineateError('not-found', `structure set: no structure with id "${id}"`);
    return structure;
  }

  /**
   * True when a derived structure's inputs changed (or vanished) since it was computed, or when an input is
   * itself out of date: staleness follows the chain, so a boolean of a margin is out of date as soon as the
   * margin's own input changes, not only once the margin is updated.
   */
  isOutOfDate(id: string): boolean {
    this.get(id);
    return this.#outOfDate(id, new Set());
  }

  #outOfDate(id: string, seen: Set<string>): boolean {
    const recipe = this.#structures.get(id)?.meta.recipe;
    // A structure already on the path is not looked at twice (a recipe cycle cannot be made, but a restored
    // workspace is data: never loop on it).
    if (!recipe || seen.has(id)) return false;
    seen.add(id);
    const stale = recipe.inputs.some((input) => {
      const current = this.#structures.get(input);
      return !current || current.version !== recipe.inputVersions?.[input] || this.#outOfDate(input, seen);
    });
    seen.delete(id);
    return stale;
  }

  /** Bytes held by all masks (excluding undo memos). */
  maskBytes(): number {
    return this.list().reduce((sum, s) => sum + s.mask.byteLength(), 0);
  }

  /** The whole mask of a structure as one patch over its bounding box (how a full mask crosses IPC). */
  maskPatch(id: string): MaskPatch | null {
    return this.get(id).mask.toPatch();
  }

  /**
   * `record`: keep the undo memo here (default). `effort`: count the op in the effort record (default: as
   * `record`); a copy whose history lives elsewhere (the renderer beside its workspace) still shows effort.
   */
  apply(op: StructureOp, options: { record?: boolean; effort?: boolean } = {}): ApplyResult {
    const record = options.record ?? true;
    const effort = options.effort ?? record;
    switch (op.op) {
      case 'create':
        return this.#create(op, record, effort);
      case 'delete':
        return this.#delete(op.id, op.label ?? `Delete ${this.get(op.id).meta.name}`, record);
      case 'update':
        return this.#update(op.id, op.changes, op.label, record, effort, op.at);
      case 'edit':
        return this.#edit(op, record, effort);
      case 'undo':
        return this.#undo(op.at);
      case 'redo':
        return this.#redo(op.at);
    }
  }

  /** Convenience for tools: a MaskPatch, or a dense box of values, as a labelled edit. */
  applyEdit(
    id: string,
    edit: MaskPatch | { box: VoxelBox; values: Uint8Array },
    label: string,
    extra: { clicks?: number; at?: number; recipe?: DerivedRecipe | null; ai?: AiEditRecord } = {},
  ): ApplyResult {
    const patch = 'runs' in edit ? edit : toMaskPatch(packPatch(edit.box, asBinary(edit.values)));
    return this.apply({ op: 'edit', id, label, patch, ...extra });
  }

  #create(op: Extract<StructureOp, { op: 'create' }>, record: boolean, effort: boolean): ApplyResult {
    const meta = op.structure;
    if (this.#structures.has(meta.id)) throw new DelineateError('invalid-input', `structure set: id "${meta.id}" is already used`);
    const mask = new SparseMask(this.geometry.dims);
    if (op.patch) mask.writeRuns(op.patch.box, op.patch.runs, `structure ${meta.name}`);
    const structure: Structure = { meta: { ...meta }, mask, version: op.version ?? 0, effort: emptyEffort() };
    this.#insert(structure, this.#order.length);
    if (record) this.history.push({ kind: 'create', label: op.label ?? `Create ${meta.name}`, bytes: 256 + mask.byteLength(), structure, index: this.#order.length - 1 });
    if (effort && op.at !== undefined) this.#note(structure, op.at, false, 0);
    // The op itself says all a mirror needs (its patch, when given, is the mask as created).
    return { effects: [{ op: 'create', structure: { ...meta }, ...(op.patch ? { patch: op.patch } : {}), ...(op.version !== undefined ? { version: op.version } : {}) }] };
  }

  /** A create op that brings back a structure as it is now: meta, voxels and version. */
  #createEffect(structure: Structure): StructureOp {
    const patch = this.maskPatch(structure.meta.id);
    return { op: 'create', structure: { ...structure.meta }, version: structure.version, ...(patch ? { patch } : {}) };
  }

  #delete(id: string, label: string, record: boolean): ApplyResult {
    const structure = this.get(id);
    const index = this.#order.indexOf(id);
    this.#remove(id);
    // The memo keeps the structure object itself (mask included), not a copy: it is no longer changed.
    if (record) this.history.push({ kind: 'delete', label, bytes: 256 + structure.mask.byteLength(), structure, index });
    return { effects: [{ op: 'delete', id }] };
  }

  #update(id: string, changes: MetaChanges, label: string | undefined, record: boolean, effort: boolean, at: number | undefined): ApplyResult {
    const structure = this.get(id);
    const before: MetaChanges = {};
    for (const key of Object.keys(changes) as (keyof MetaChanges)[]) (before as Record<string, unknown>)[key] = structure.meta[key];
    structure.meta = { ...structure.meta, ...changes };
    const displayOnly = Object.keys(changes).every((key) => (displayOnlyFields as readonly string[]).includes(key));
    if (record && !displayOnly) this.history.push({ kind: 'update', label: label ?? describeUpdate(before, changes, structure.meta.name), bytes: 256, id, before, after: { ...changes } });
    if (effort && !displayOnly && at !== undefined) this.#note(structure, at, false, 0);
    return { effects: [{ op: 'update', id, changes: { ...changes } }] };
  }

  #edit(op: EditOp, record: boolean, effort: boolean): ApplyResult {
    const structure = this.get(op.id);
    const source = `edit "${op.label}" of ${structure.meta.name}`;
    if (record && structure.meta.locked) throw new DelineateError('forbidden', `${source}: the structure is locked`);
    checkBox(op.patch.box, this.geometry.dims, source);
    const { changed, before: beforePatch, after: afterPatch } = applyPatchWithMemo(structure.mask, op.patch, source);
    if (changed) structure.version++;
    const recipeBefore = structure.meta.recipe;
    if (op.recipe !== undefined) structure.meta = { ...structure.meta, recipe: this.#stampRecipe(op.recipe) };
    const provenanceBefore = structure.meta.provenance;
    const provenanceAfter = aiProvenance(op.ai, provenanceBefore);
    if (provenanceAfter) structure.meta = { ...structure.meta, provenance: provenanceAfter };
    if (record && (changed || op.recipe !== undefined || provenanceAfter)) {
      this.history.push({
        kind: 'edit',
        label: op.label,
        bytes: packedBytes(beforePatch) + packedBytes(afterPatch),
        id: op.id,
        before: beforePatch,
        after: afterPatch,
        ...(op.recipe !== undefined ? { recipeBefore, recipeAfter: structure.meta.recipe } : {}),
        ...(provenanceAfter ? { provenanceBefore, provenanceAfter } : {}),
      });
    }
    if (effort) this.#note(structure, op.at ?? Date.now(), true, op.clicks ?? 0);
    const effect: EditOp = { op: 'edit', id: op.id, label: op.label, patch: toMaskPatch(afterPatch) };
    if (op.recipe !== undefined) effect.recipe = structure.meta.recipe;
    if (op.ai) effect.ai = op.ai;
    return { effects: [effect], before: toMaskPatch(beforePatch) };
  }

  #undo(at: number | undefined): ApplyResult {
    const memo = this.history.undo();
    if (!memo) return { effects: [] };
    return { effects: this.#revert(memo, 'undo', at) };
  }

  #redo(at: number | undefined): ApplyResult {
    const memo = this.history.redo();
    if (!memo) return { effects: [] };
    return { effects: this.#revert(memo, 'redo', at) };
  }

  /** Moves one memo back (undo) or forward (redo) and says what changed as effect ops. */
  #revert(memo: StructureMemo, direction: 'undo' | 'redo', at: number | undefined): StructureOp[] {
    const undo = direction === 'undo';
    switch (memo.kind) {
      case 'edit': {
        const structure = this.get(memo.id);
        const patch = undo ? memo.before : memo.after;
        structure.mask.writeRuns(patch.box, patch.runs, `undo memo of ${structure.meta.name}`);
        structure.version++;
        const effect: EditOp = { op: 'edit', id: memo.id, label: `${direction} ${memo.label}`, patch: toMaskPatch(patch) };
        if (memo.recipeBefore !== undefined) {
          structure.meta = { ...structure.meta, recipe: (undo ? memo.recipeBefore : memo.recipeAfter) ?? null };
          effect.recipe = structure.meta.recipe;
        }
        if (at !== undefined) this.#note(structure, at, false, 0);
        if (memo.provenanceBefore === undefined) return [effect];
        const provenance = undo ? memo.provenanceBefore : memo.provenanceAfter!;
        structure.meta = { ...structure.meta, provenance };
        return [effect, { op: 'update', id: memo.id, changes: { provenance } }];
      }
      case 'update': {
        const structure = this.get(memo.id);
        const changes = undo ? memo.before : memo.after;
        structure.meta = { ...structure.meta, ...changes };
        return [{ op: 'update', id: memo.id, changes: { ...changes } }];
      }
      case 'create':
      case 'delete': {
        const bringBack = (memo.kind === 'create') !== undo;
        if (!bringBack) {
          this.#remove(memo.structure.meta.id);
          return [{ op: 'delete', id: memo.structure.meta.id }];
        }
        this.#insert(memo.structure, memo.index);
        return [this.#createEffect(memo.structure)];
      }
    }
  }

  /** Records the inputs' current versions in a recipe, unless it already carries them (a replayed effect). */
  #stampRecipe(recipe: DerivedRecipe | null): DerivedRecipe | null {
    if (!recipe || recipe.inputVersions) return recipe;
    const inputVersions: Record<string, number> = {};
    for (const input of recipe.inputs) inputVersions[input] = this.#structures.get(input)?.version ?? -1;
    return { ...recipe, inputVersions };
  }

  /**
   * An undo or redo made where the history lives touched this structure's voxels: counts the moment as
   * activity, as an undo here does (for a copy that applies the effects with record false).
   */
  noteUndoActivity(id: string, at: number): void {
    if (this.#structures.has(id)) this.#note(this.get(id), at, false, 0);
  }

  #note(structure: Structure, at: number, edit: boolean, clicks: number): void {
    structure.effort = noteActivity(structure.effort, at, { edit, clicks }, this.idleSeconds);
  }

  #insert(structure: Structure, index: number): void {
    if (this.#structures.has(structure.meta.id)) {
      throw new DelineateError('invalid-input', `structure set: id "${structure.meta.id}" is already used`);
    }
    this.#structures.set(structure.meta.id, structure);
    this.#order.splice(Math.min(index, this.#order.length), 0, structure.meta.id);
  }

  #remove(id: string): void {
    this.get(id);
    this.#structures.delete(id);
    this.#order = this.#order.filter((other) => other !== id);
  }

  /** For restoring a saved set: puts a whole structure in place without history. */
  restoreStructure(structure: Structure): void {
    this.#insert(structure, this.#order.length);
  }
}

function describeUpdate(before: MetaChanges, after: MetaChanges, name: string): string {
  if (after.name !== undefined && after.name !== before.name) return `Rename ${before.name} to ${after.name}`;
  if (after.color !== undefined) return `Recolour ${name}`;
  if (after.type !== undefined) return `Set type of ${name} to ${after.type}`;
  if (after.locked !== undefined) return `${after.locked ? 'Lock' : 'Unlock'} ${name}`;
  return `Change ${name}`;
}

/** Tool output may use any non-zero value for inside; the store keeps 0/1. Copies only when needed. */
function asBinary(values: Uint8Array): Uint8Array {
  for (let n = 0; n < values.length; n++) if (values[n]! > 1) return values.map((v) => (v !== 0 ? 1 : 0));
  return values;
}

/** The provenance an AI edit gives its structure, or null when it stays (classic tool, or the same model). */
function aiProvenance(ai: AiEditRecord | undefined, current: Provenance): Provenance | null {
  if (!ai?.sha256) return null;
  if (current.kind === 'ai' && current.modelId === ai.modelId && current.modelVersion === ai.modelVersion && current.sha256 === ai.sha256) return null;
  return { kind: 'ai', modelId: ai.modelId, modelVersion: ai.modelVersion, sha256: ai.sha256 };
}
