import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import type { ImportedStructure } from '../../../core/ipc/schemas.ts';
import { boxSize, encodeRuns, type MaskPatch, type VoxelBox } from '../../../core/mask/patch.ts';
import { rtRoiTypes, type AiEditRecord, type Provenance, type RtRoiType, type StructureMeta, type StructureOp } from '../../../core/structures/schemas.ts';
import { StructureSet, type Structure } from '../../../core/structures/structure-set.ts';
import type { SliceAxis } from '../../../core/structures/sparse-mask.ts';
import type { OverlayLayer } from '../views/overlay-paint.ts';
import type { WorkspaceState } from '../../../core/structures/ipc-schemas.ts';
import { WorkspaceLink } from './workspace-link.svelte.ts';
import type { SlicePlane } from '../views/slice-plane.ts';
import { structurePalette } from '../../../core/structures/palette.ts';

const sliceAxes: readonly SliceAxis[] = ['i', 'j', 'k'];

const palette = structurePalette;

/**
 * The renderer's copy of the structure set. Voxels live in core/structures' sparse masks (never proxied);
 * `version` is the one reactive signal that anything in the set changed, so views redraw their overlays.
 */
export class StructuresState {
  set = $state.raw<StructureSet | null>(null);
  version = $state(0);
  selectedId = $state<string | null>(null);
  /** A slice being edited (a brush stroke in progress): drawn instead of the stored slice until it lands. */
  // One signal per slice axis, so a stroke in one view repaints only the views that show its axis.
  #previewI = $state.raw<SlicePreview | null>(null);
  #previewJ = $state.raw<SlicePreview | null>(null);
  #previewK = $state.raw<SlicePreview | null>(null);

  get preview(): SlicePreview | null {
    return this.#previewI ?? this.#previewJ ?? this.#previewK;
  }

  set preview(value: SlicePreview | null) {
    this.#previewI = value?.axis === 0 ? value : null;
    this.#previewJ = value?.axis === 1 ? value : null;
    this.#previewK = value?.axis === 2 ? value : null;
  }
  /** An AI proposal not yet accepted: its values inside `box` drawn over the structure until Enter or Esc. */
  proposal = $state.raw<{ id: string; box: VoxelBox; values: Uint8Array } | null>(null);
  /** The last thing a tool could not do, in words, for the status bar. */
  message = $state<string | null>(null);
  /** Called with every op applied here. */
  onApplied: ((op: StructureOp) => void) | null = null;
  /** The case's workspace (autosave and history), once the main side has opened it. */
  link = $state.raw<WorkspaceLink | null>(null);
  #nextId = 1;
  #changed = newChanges();
  // Scratch slice buffers, reused between frames; not state (nothing renders from them directly).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #buffers = new Map<string, Uint8Array>();

  reset(geometry: VolumeGeometry): void {
    this.detach();
    this.set = new StructureSet(geometry);
    this.selectedId = null;
    this.#nextId = 1;
    this.proposal = null;
    this.#buffers.clear();
    this.#changed = newChanges();
    this.version++;
  }

  list(): readonly Structure[] {
    void this.version;
    return this.set?.list() ?? [];
  }

  selected(): Structure | null {
    void this.version;
    return this.selectedId && this.set?.has(this.selectedId) ? this.set.get(this.selectedId) : null;
  }

  apply(op: StructureOp): void {
    if (!this.set) return;
    const link = this.link;
    if (link && (op.op === 'undo' || op.op === 'redo')) {
      // The workspace holds the history: it answers with what to change here.
      void link.send(op).then((effects) => this.#mirror(effects, op.at));
      return;
    }
    // With a workspace, the history is kept there; the effort record is kept here too, for the panel.
    const { effects } = this.set.apply(op, { record: !link, effort: true });
    for (const effect of effects) this.#noteChanged(effect);
    this.version++;
    void link?.send(op);
    this.onApplied?.(op);
  }

  #mirror(effects: readonly StructureOp[], at: number | undefined): void {
    if (!this.set) return;
    for (const effect of effects) {
      this.set.apply(effect, { record: false });
      if (effect.op === 'edit' && at !== undefined) this.set.noteUndoActivity(effect.id, at);
      this.#noteChanged(effect);
    }
    this.version++;
  }

  /**
   * Connects the set to its case's workspace: builds the structures it holds (restored after a crash, or
   * from an earlier session) and from now on journals every op there.
   */
  attach(state: WorkspaceState): void {
    if (!this.set) return;
    for (const s of state.structures) {
      this.set.apply({ op: 'create', structure: s.meta, version: s.version, ...(s.patch ? { patch: s.patch } : {}) }, { record: false });
      this.set.get(s.meta.id).effort = s.effort;
      this.#noteChanged({ op: 'create', structure: s.meta });
    }
    this.link = new WorkspaceLink(state);
    this.version++;
  }

  /** Ends the link to the workspace (its last ops are sent first). */
  detach(): void {
    this.link?.close();
    this.link = null;
  }

  /**
   * Voxel boxes changed per structure since the 3D view last took them ('all' for a created structure), so
   * its surfaces are recomputed only there.
   */
  takeChanges(): Map<string, VoxelBox[] | 'all'> {
    const changes = this.#changed;
    this.#changed = newChanges();
    return changes;
  }

  #noteChanged(effect: StructureOp): void {
    if (effect.op === 'create') this.#changed.set(effect.structure.id, 'all');
    else if (effect.op === 'delete') this.#changed.set(effect.id, []);
    else if (effect.op === 'edit') {
      const known = this.#changed.get(effect.id) ?? [];
      if (known !== 'all') this.#changed.set(effect.id, [...known, effect.patch.box]);
    }
  }

  notify(message: string): void {
    this.message = message;
  }

  newId(): string {
    while (this.set?.has(`s${this.#nextId}`)) this.#nextId++;
    return `s${this.#nextId++}`;
  }

  create(
    name: string,
    options: { type?: RtRoiType; colour?: readonly [number, number, number]; provenance?: Provenance; patch?: MaskPatch; label?: string } = {},
  ): string {
    const id = this.newId();
    const count = this.set?.list().length ?? 0;
    const structure: StructureMeta = {
      id,
      name,
      color: [...(options.colour ?? palette[count % palette.length]!)] as [number, number, number],
      type: options.type ?? 'ORGAN',
      visible: true,
      opacity: 0.35,
      display: 'fill+outline',
      locked: false,
      provenance: options.provenance ?? { kind: 'manual' },
      recipe: null,
    };
    this.apply({ op: 'create', structure, ...(options.patch ? { patch: options.patch } : {}), label: options.label ?? `Create ${name}`, at: Date.now() });
    this.selectedId = id;
    return id;
  }

  /** Adds structures read from a file, each as one undoable creation. */
  importStructures(structures: readonly ImportedStructure[], file: string, format: string): void {
    for (const s of structures) {
      const type = (rtRoiTypes as readonly string[]).includes(s.type) ? (s.type as RtRoiType) : 'ORGAN';
      this.create(s.name, { type, colour: s.colour, provenance: { kind: 'imported', file, format }, patch: s.patch, label: `Import ${s.name}` });
    }
  }

  update(id: string, changes: Partial<Omit<StructureMeta, 'id'>>): void {
    this.apply({ op: 'update', id, changes, at: Date.now() });
  }

  /** Writes new voxel values inside `box` of a structure as one labelled, undoable edit. */
  edit(id: string, box: VoxelBox, values: Uint8Array, label: string, clicks = 0, ai?: AiEditRecord): void {
    this.apply({ op: 'edit', id, label, patch: { box, runs: encodeRuns(values) }, clicks, ...(ai ? { ai } : {}), at: Date.now() });
  }

  undo(): void {
    this.apply({ op: 'undo', at: Date.now() });
  }

  redo(): void {
    this.apply({ op: 'redo', at: Date.now() });
  }

  history(): { labels: string[]; position: number } {
    void this.version;
    if (this.link) return this.link.history;
    return this.set?.history.labels() ?? { labels: [], position: 0 };
  }

  /** The visible structures on one slice, as a 2D view draws them. */
  layers(plane: SlicePlane): OverlayLayer[] {
    void this.version;
    // Read only this axis's signal (reading all three would tie every view to every stroke).
    const preview = plane.axis === 0 ? this.#previewI : plane.axis === 1 ? this.#previewJ : this.#previewK;
    const proposal = this.proposal;
    if (!this.set) return [];
    const size = plane.width * plane.height;
    const layers: OverlayLayer[] = [];
    for (const structure of this.set.list()) {
      const meta = structure.meta;
      if (!meta.visible) continue;
      const previewed = preview?.id === meta.id && preview.axis === plane.axis && preview.index === plane.index;
      if (previewed) {
        layers.push(this.#layer(meta, preview.bits, plane));
        continue;
      }
      const proposed = proposal?.id === meta.id ? proposal : null;
      if (plane.axis === 2 && !proposed) {
        const range = structure.mask.sliceRange();
        if (!range || plane.index < range[0] || plane.index > range[1]) continue;
      }
      const key = `${meta.id}:${plane.axis}`;
      let buffer = this.#buffers.get(key);
      if (buffer?.length !== size) this.#buffers.set(key, (buffer = new Uint8Array(size)));
      structure.mask.readSlice(sliceAxes[plane.axis]!, plane.index, buffer);
      if (proposed) overlayBoxSlice(buffer, plane, proposed.box, proposed.values);
      layers.push(this.#layer(meta, buffer, plane));
    }
    return layers;
  }

  #layer(meta: StructureMeta, bits: Uint8Array, plane: SlicePlane): OverlayLayer {
    return {
      colour: meta.color,
      fillOpacity: meta.display === 'outline' ? 0 : meta.opacity,
      outline: meta.display !== 'fill',
      bits,
      box: [0, 0, plane.width, plane.height],
    };
  }
}

/** A slice being edited, drawn instead of the stored one until the edit lands. */
export interface SlicePreview {
  readonly id: string;
  readonly axis: 0 | 1 | 2;
  readonly index: number;
  readonly bits: Uint8Array;
}

/** Changed boxes per structure: bookkeeping for the 3D view, not reactive state. */
function newChanges(): Map<string, VoxelBox[] | 'all'> {
  return new Map();
}

/** Writes the part of box-shaped `values` (i fastest) that lies on `plane` into a slice buffer (u fastest). */
function overlayBoxSlice(slice: Uint8Array, plane: SlicePlane, box: VoxelBox, values: Uint8Array): void {
  if (plane.index < box.lo[plane.axis] || plane.index >= box.hi[plane.axis]) return;
  const [si, sj] = boxSize(box);
  const strides = [1, si, si * sj];
  const base = (plane.index - box.lo[plane.axis]) * strides[plane.axis]!;
  const { uAxis: u, vAxis: v } = plane;
  for (let b = box.lo[v]; b < box.hi[v]; b++) {
    const from = base + (b - box.lo[v]) * strides[v]!;
    for (let a = box.lo[u], n = from; a < box.hi[u]; a++, n += strides[u]!) slice[a + b * plane.width] = values[n]!;
  }
}

export const structures = new StructuresState();
