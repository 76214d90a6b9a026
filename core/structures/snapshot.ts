import { z } from 'zod';
import { DelineateError } from '../errors.ts';
import type { VolumeGeometry } from '../geometry/volume.ts';
import type { EncodedSlice } from './slice-codec.ts';
import type { PackedPatch } from './packed-patch.ts';
import { EffortRecord, StructureMeta } from './schemas.ts';
import { SparseMask } from './sparse-mask.ts';
import type { Structure, StructureMemo } from './structure-set.ts';
import { StructureSet } from './structure-set.ts';

/**
 * A structure set as a JSON header plus binary blobs (encoded slices, memo runs), referenced by index. The
 * caller (the workspace service) lays them out in a file; core stays free of file formats and text encoding.
 * The undo history is part of it, so reopening a case can still undo.
 */
export interface SetSnapshot {
  readonly header: SnapshotHeader;
  readonly blobs: Uint8Array[];
}

const count = z.number().int().nonnegative();
const triple = z.tuple([count, count, count]);
const BlobRef = count;
/** One slice: [k, "e" (edges, Uint32) | "b" (bit plane), blob]. */
const SliceRef = z.tuple([count, z.enum(['e', 'b']), BlobRef]);
const SavedStructure = z.object({ meta: StructureMeta, version: count, effort: EffortRecord, slices: z.array(SliceRef) });
const SavedPatch = z.object({ box: z.object({ lo: triple, hi: triple }), runs: BlobRef });
const SavedMemo = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('edit'),
    label: z.string(),
    id: z.string(),
    before: SavedPatch,
    after: SavedPatch,
    recipeBefore: StructureMeta.shape.recipe.optional(),
    recipeAfter: StructureMeta.shape.recipe.optional(),
    provenanceBefore: StructureMeta.shape.provenance.optional(),
    provenanceAfter: StructureMeta.shape.provenance.optional(),
  }),
  z.object({
    kind: z.enum(['create', 'delete']),
    label: z.string(),
    index: count,
    /** A structure that is in the set is linked by id (the memo and the set share it); others are saved whole. */
    live: z.string().optional(),
    structure: SavedStructure.optional(),
  }),
  z.object({
    kind: z.literal('update'),
    label: z.string(),
    id: z.string(),
    before: StructureMeta.omit({ id: true }).partial(),
    after: StructureMeta.omit({ id: true }).partial(),
  }),
]);

export const SnapshotHeader = z.object({
  format: z.literal('delineate-structure-set'),
  formatVersion: z.literal(1),
  dims: triple,
  structures: z.array(SavedStructure),
  history: z.object({ maxSteps: count, byteBudget: count, done: z.array(SavedMemo), undone: z.array(SavedMemo) }),
  idleSeconds: z.number().positive(),
});
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;
type SavedStructure = z.infer<typeof SavedStructure>;
type SavedMemo = z.infer<typeof SavedMemo>;
type SavedPatch = z.infer<typeof SavedPatch>;

export function snapshotOf(set: StructureSet): SetSnapshot {
  const blobs: Uint8Array[] = [];
  const blob = (bytes: Uint8Array | Uint32Array): number => {
    blobs.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return blobs.length - 1;
  };
  const saveStructure = (s: Structure): SavedStructure => ({
    meta: s.meta,
    version: s.version,
    effort: s.effort,
    slices: s.mask
      .encodedSlices()
      .flatMap((slice, k) => (slice === null ? [] : [[k, slice instanceof Uint32Array ? 'e' : 'b', blob(slice)] as const])),
  });
  const savePatch = (p: PackedPatch): SavedPatch => ({ box: { lo: [...p.box.lo], hi: [...p.box.hi] }, runs: blob(p.runs) });
  const saveMemo = (m: StructureMemo): SavedMemo => {
    if (m.kind === 'edit') {
      const { bytes: _bytes, before, after, ...rest } = m;
      return { ...rest, before: savePatch(before), after: savePatch(after) };
    }
    if (m.kind === 'update') return { kind: 'update', label: m.label, id: m.id, before: m.before, after: m.after };
    const live = set.has(m.structure.meta.id) && set.get(m.structure.meta.id) === m.structure;
    return { kind: m.kind, label: m.label, index: m.index, ...(live ? { live: m.structure.meta.id } : { structure: saveStructure(m.structure) }) };
  };
  const { done, undone } = set.history.entries();
  const header: SnapshotHeader = {
    format: 'delineate-structure-set',
    formatVersion: 1,
    dims: [...set.geometry.dims],
    structures: set.list().map(saveStructure),
    history: { ...set.history.limits, done: done.map(saveMemo), undone: undone.map(saveMemo) },
    idleSeconds: set.idleSeconds,
  };
  return { header, blobs };
}

/** Rebuilds a set saved by snapshotOf on `geometry` (whose dims must match); `source` names the file for errors. */
export function restoreSnapshot(geometry: VolumeGeometry, headerJson: unknown, blobs: readonly Uint8Array[], source: string): StructureSet {
  const parsed = SnapshotHeader.safeParse(headerJson);
  if (!parsed.success) throw new DelineateError('bad-data', `${source}: not a structure set snapshot (${parsed.error.issues[0]?.message})`);
  const header = parsed.data;
  if (header.dims.some((d, a) => d !== geometry.dims[a])) {
    throw new DelineateError('bad-data', `${source}: saved for a ${header.dims.join('x')} grid, the image is ${geometry.dims.join('x')}`);
  }
  const blobAt = (ref: number): Uint8Array => {
    const bytes = blobs[ref];
    if (!bytes) throw new DelineateError('bad-data', `${source}: blob ${ref} is missing`);
    return bytes;
  };
  // Copies into fresh buffers: Uint32Array views need 4-byte alignment, which file offsets do not promise,
  // and a view would keep the whole file's buffer alive.
  const u32 = (ref: number): Uint32Array => {
    const bytes = blobAt(ref);
    if (bytes.byteLength % 4 !== 0) throw new DelineateError('bad-data', `${source}: blob ${ref} is not a whole number of 32-bit values`);
    const out = new Uint32Array(bytes.byteLength / 4);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  };
  const loadStructure = (s: SavedStructure): Structure => {
    const slices = new Array<EncodedSlice>(header.dims[2]).fill(null);
    for (const [k, kind, ref] of s.slices) {
      if (k >= slices.length) throw new DelineateError('bad-data', `${source}: slice ${k} is past the grid`);
      slices[k] = kind === 'e' ? u32(ref) : new Uint8Array(blobAt(ref));
    }
    return { meta: s.meta, version: s.version, effort: s.effort, mask: new SparseMask(geometry.dims, slices) };
  };
  const set = new StructureSet(geometry, { history: { maxSteps: header.history.maxSteps, byteBudget: header.history.byteBudget }, idleSeconds: header.idleSeconds });
  for (const s of header.structures) set.restoreStructure(loadStructure(s));
  const loadPatch = (p: SavedPatch): PackedPatch => ({ box: p.box, runs: u32(p.runs) });
  const loadMemo = (m: SavedMemo): StructureMemo => {
    if (m.kind === 'edit') {
      const before = loadPatch(m.before);
      const after = loadPatch(m.after);
      return { ...m, before, after, bytes: before.runs.byteLength + after.runs.byteLength + 96 };
    }
    if (m.kind === 'update') return { ...m, bytes: 256 };
    const structure = m.live !== undefined ? set.get(m.live) : m.structure ? loadStructure(m.structure) : null;
    if (!structure) throw new DelineateError('bad-data', `${source}: a ${m.kind} memo has no structure`);
    return { kind: m.kind, label: m.label, index: m.index, structure, bytes: 256 + structure.mask.byteLength() };
  };
  set.history.restore(header.history.done.map(loadMemo), header.history.undone.map(loadMemo));
  return set;
}
