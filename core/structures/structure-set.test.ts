import { describe, expect, it } from 'vitest';
import type { VolumeGeometry } from '../geometry/volume.ts';
import { lps } from '../geometry/space.ts';
import { restoreSnapshot, snapshotOf } from './snapshot.ts';
import { StructureSet } from './structure-set.ts';
import { StructureOp } from './schemas.ts';
import { testMeta } from './testing/fixtures.ts';

const meta = (id: string, name = id) => testMeta(id, name, 'GTV');

const geometry: VolumeGeometry = { dims: [6, 5, 4], spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

/** A box of ones as an edit. */
function block(lo: [number, number, number], hi: [number, number, number], value = 1) {
  const values = new Uint8Array((hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2])).fill(value);
  return { box: { lo, hi }, values };
}

const dense = (set: StructureSet, id: string) => Array.from(set.get(id).mask.toMask(geometry).voxels);

describe('structure set', () => {
  it('edits, undoes and redoes with labels, remembering only the voxels that changed', () => {
    const set = new StructureSet(geometry);
    set.apply({ op: 'create', structure: meta('gtv', 'GTVp') });
    set.applyEdit('gtv', block([1, 1, 1], [3, 3, 2]), 'Brush GTVp');
    const afterFirst = dense(set, 'gtv');
    // A second edit over a big box that changes only one voxel: the memo shrinks to that voxel.
    const big = block([0, 0, 0], [6, 5, 4], 0);
    big.values.set(afterFirst.map((v) => v));
    big.values[5 + 4 * 6 + 3 * 30] = 1;
    const result = set.applyEdit('gtv', big, 'Brush GTVp');
    expect(result.before).toEqual({ box: { lo: [5, 4, 3], hi: [6, 5, 4] }, runs: [1] });
    expect(result.effects[0]).toMatchObject({ op: 'edit', patch: { box: { lo: [5, 4, 3], hi: [6, 5, 4] }, runs: [0, 1] } });
    expect(set.get('gtv').version).toBe(2);
    expect(set.history.labels()).toEqual({ labels: ['Create GTVp', 'Brush GTVp', 'Brush GTVp'], position: 3 });
    set.apply({ op: 'undo' });
    expect(dense(set, 'gtv')).toEqual(afterFirst);
    set.apply({ op: 'undo' });
    expect(set.get('gtv').mask.voxelCount()).toBe(0);
    set.apply({ op: 'redo' });
    expect(dense(set, 'gtv')).toEqual(afterFirst);
    expect(set.history.labels().position).toBe(2);
  });

  it('undoes create, delete, rename and recolour; display changes stay out of the history', () => {
    const set = new StructureSet(geometry);
    set.apply({ op: 'create', structure: meta('a', 'Parotid_L') });
    set.applyEdit('a', block([0, 0, 0], [2, 2, 2]), 'Brush');
    set.apply({ op: 'update', id: 'a', changes: { name: 'Parotid_R' } });
    set.apply({ op: 'update', id: 'a', changes: { color: [0, 255, 0] } });
    set.apply({ op: 'update', id: 'a', changes: { visible: false, opacity: 0.2 } });
    set.apply({ op: 'delete', id: 'a' });
    expect(set.has('a')).toBe(false);
    expect(set.history.labels().labels.slice(-3)).toEqual(['Rename Parotid_L to Parotid_R', 'Recolour Parotid_R', 'Delete Parotid_R']);
    const restored = set.apply({ op: 'undo' });
    expect(set.get('a').mask.voxelCount()).toBe(8);
    // A history-less mirror reaches the same state from the effects.
    expect(restored.effects).toMatchObject([{ op: 'create', version: 1, patch: { box: { lo: [0, 0, 0], hi: [2, 2, 2] }, runs: [0, 8] } }]);
    set.apply({ op: 'undo' });
    set.apply({ op: 'undo' });
    expect(set.get('a').meta).toMatchObject({ name: 'Parotid_L', color: [230, 60, 40], visible: false });
    set.apply({ op: 'undo' });
    set.apply({ op: 'undo' });
    expect(set.has('a')).toBe(false);
    set.apply({ op: 'redo' });
    expect(set.get('a').meta.name).toBe('Parotid_L');
  });

  it('a mirror applying effects stays voxel-equal through edits and undo', () => {
    const main = new StructureSet(geometry);
    const mirror = new StructureSet(geometry, { history: { maxSteps: 1 } });
    const send = (op: Parameters<StructureSet['apply']>[0]) => {
      for (const effect of main.apply(op).effects) mirror.apply(effect, { record: false });
    };
    send({ op: 'create', structure: meta('ctv') });
    send({ op: 'edit', id: 'ctv', label: 'Brush', patch: { box: { lo: [0, 0, 0], hi: [6, 5, 1] }, runs: [3, 20, 7] } });
    send({ op: 'edit', id: 'ctv', label: 'Erase', patch: { box: { lo: [0, 0, 0], hi: [6, 5, 1] }, runs: [10, 2, 18] } });
    send({ op: 'undo' });
    send({ op: 'delete', id: 'ctv' });
    send({ op: 'undo' });
    expect(dense(mirror, 'ctv')).toEqual(dense(main, 'ctv'));
    expect(mirror.get('ctv').version).toBe(main.get('ctv').version);
  });

  it('keeps at least 100 steps and drops the oldest past the byte budget', () => {
    const set = new StructureSet(geometry, { history: { maxSteps: 150, byteBudget: 40_000 } });
    set.apply({ op: 'create', structure: meta('s') });
    for (let n = 0; n < 120; n++) set.applyEdit('s', block([0, 0, n % 4], [6, 5, (n % 4) + 1], ((n >> 2) + 1) % 2), `Brush ${n}`);
    expect(set.history.labels().labels.length).toBe(121);
    const tight = new StructureSet(geometry, { history: { byteBudget: 1_000 } });
    tight.apply({ op: 'create', structure: meta('s') });
    for (let n = 0; n < 50; n++) tight.applyEdit('s', block([0, 0, n % 4], [6, 5, (n % 4) + 1], ((n >> 2) + 1) % 2), `Brush ${n}`);
    expect(tight.history.bytes).toBeLessThanOrEqual(1_000);
    expect(tight.history.labels().labels.at(-1)).toBe('Brush 49');
    expect(tight.history.labels().labels.length).toBeLessThan(20);
  });

  it('marks a derived structure out of date through a chain: an input of an input that changed is enough', () => {
    const set = new StructureSet(geometry);
    for (const id of ['gtv', 'liver', 'ptv', 'ring', 'other']) set.apply({ op: 'create', structure: meta(id) });
    set.applyEdit('gtv', block([2, 2, 2], [3, 3, 3]), 'Brush');
    set.applyEdit('liver', block([0, 0, 0], [6, 5, 4]), 'Brush');
    set.applyEdit('ptv', block([1, 1, 1], [4, 4, 4]), 'Margin 5 mm', { recipe: { operation: 'margin', inputs: ['gtv'], params: { mm: 5 } } });
    set.applyEdit('ring', block([0, 0, 0], [1, 1, 1]), 'Subtract', { recipe: { operation: 'subtract', inputs: ['liver', 'ptv'], params: {} } });
    set.applyEdit('other', block([0, 0, 0], [1, 1, 1]), 'Margin 1 mm', { recipe: { operation: 'margin', inputs: ['liver'], params: { mm: 1 } } });
    expect(['ptv', 'ring', 'other'].map((id) => set.isOutOfDate(id))).toEqual([false, false, false]);
    // The GTV changes: its margin is out of date, and so is what was made from the margin; not what was not.
    set.applyEdit('gtv', block([2, 2, 1], [3, 3, 2]), 'Brush');
    expect(['ptv', 'ring', 'other'].map((id) => set.isOutOfDate(id))).toEqual([true, true, false]);
    // Updating the margin leaves the ring out of date still (its input changed after it was made).
    set.applyEdit('ptv', block([1, 1, 0], [4, 4, 4]), 'Update', { recipe: { operation: 'margin', inputs: ['gtv'], params: { mm: 5 } } });
    expect(['ptv', 'ring'].map((id) => set.isOutOfDate(id))).toEqual([false, true]);
    set.applyEdit('ring', block([0, 0, 0], [1, 1, 2]), 'Update', { recipe: { operation: 'subtract', inputs: ['liver', 'ptv'], params: {} } });
    expect(set.isOutOfDate('ring')).toBe(false);
  });

  it('marks a derived structure out of date when an input changes, and refuses edits to locked structures', () => {
    const set = new StructureSet(geometry);
    set.apply({ op: 'create', structure: meta('gtv') });
    set.apply({ op: 'create', structure: meta('ptv') });
    set.applyEdit('gtv', block([2, 2, 2], [3, 3, 3]), 'Brush');
    set.applyEdit('ptv', block([1, 1, 1], [4, 4, 4]), 'Margin 5 mm', { recipe: { operation: 'margin', inputs: ['gtv'], params: { mm: 5 } } });
    expect(set.get('ptv').meta.recipe?.inputVersions).toEqual({ gtv: 1 });
    expect(set.isOutOfDate('ptv')).toBe(false);
    set.applyEdit('gtv', block([2, 2, 1], [3, 3, 2]), 'Brush');
    expect(set.isOutOfDate('ptv')).toBe(true);
    set.apply({ op: 'undo' });
    expect(set.isOutOfDate('ptv')).toBe(true); // undo is a change too: recompute to be sure
    // Runs that do not cover the box are refused and change nothing.
    const before = dense(set, 'gtv');
    expect(() => set.apply({ op: 'edit', id: 'gtv', label: 'Bad', patch: { box: { lo: [0, 0, 0], hi: [6, 5, 2] }, runs: [10, 60] } })).toThrow(/runs cover 70 of 60 voxels/);
    expect(() => set.apply({ op: 'edit', id: 'gtv', label: 'Bad', patch: { box: { lo: [0, 0, 0], hi: [6, 5, 2] }, runs: [10, 10] } })).toThrow(/runs cover 20 of 60 voxels/);
    expect(dense(set, 'gtv')).toEqual(before);
    set.apply({ op: 'update', id: 'gtv', changes: { locked: true } });
    expect(() => set.applyEdit('gtv', block([0, 0, 0], [1, 1, 1]), 'Brush')).toThrow(/locked/);
  });

  it('an AI edit lands voxels and the model as provenance in one undo step, kept through a snapshot', () => {
    const set = new StructureSet(geometry);
    set.apply({ op: 'create', structure: meta('liver', 'Liver') });
    const ai = { modelId: 'click', modelVersion: '1', sha256: 'ab'.repeat(32), prompts: [{ voxel: [2, 2, 1] as [number, number, number], positive: true }], ms: 420 };
    const result = set.applyEdit('liver', block([1, 1, 1], [4, 4, 3]), 'AI click Liver (click)', { clicks: 1, ai });
    // The effect carries the record, so a mirror takes the same provenance.
    expect(result.effects).toMatchObject([{ op: 'edit', ai }]);
    expect(set.get('liver').meta.provenance).toEqual({ kind: 'ai', modelId: 'click', modelVersion: '1', sha256: ai.sha256 });
    expect(set.history.labels()).toEqual({ labels: ['Create Liver', 'AI click Liver (click)'], position: 2 });
    // Through a snapshot (the workspace's autosave) and back, the memo still knows the provenance before.
    const { header, blobs } = snapshotOf(set);
    const restored = restoreSnapshot(geometry, JSON.parse(JSON.stringify(header)), blobs, 'test');
    for (const s of [set, restored]) {
      const undone = s.apply({ op: 'undo' });
      expect(s.get('liver').mask.voxelCount()).toBe(0);
      expect(s.get('liver').meta.provenance).toEqual({ kind: 'manual' });
      expect(undone.effects).toMatchObject([{ op: 'edit' }, { op: 'update', changes: { provenance: { kind: 'manual' } } }]);
      s.apply({ op: 'redo' });
      expect(s.get('liver').meta.provenance).toMatchObject({ kind: 'ai', modelId: 'click' });
    }
    // The same model again, or the classic tool (no weights), leaves provenance as it is.
    set.applyEdit('liver', block([0, 0, 0], [1, 1, 1]), 'AI click Liver (click)', { ai });
    set.applyEdit('liver', block([5, 4, 3], [6, 5, 4]), 'AI click Liver (classic)', { ai: { ...ai, modelId: 'classic', sha256: null } });
    set.apply({ op: 'undo' });
    expect(set.apply({ op: 'undo' }).effects).toHaveLength(1);
    expect(set.get('liver').meta.provenance).toMatchObject({ kind: 'ai', modelId: 'click' });
    // A box and scribbles are prompts too: the op that journals the edit keeps them.
    const boxed = { ...ai, prompts: [], box: { lo: [1, 1, 1], hi: [4, 4, 2] }, scribbles: { positive: 12, negative: 0 } };
    const op = { op: 'edit', id: 'liver', label: 'AI click Liver (click)', patch: { box: { lo: [1, 1, 1], hi: [2, 2, 2] }, runs: [0, 1] }, ai: boxed };
    expect(StructureOp.parse(op)).toMatchObject({ ai: { box: boxed.box, scribbles: { positive: 12, negative: 0 } } });
  });

  it('counts edits, clicks and active seconds, skipping idle gaps', () => {
    const set = new StructureSet(geometry, { idleSeconds: 60 });
    set.apply({ op: 'create', structure: meta('s'), at: 0 });
    set.applyEdit('s', block([0, 0, 0], [1, 1, 1]), 'Click', { clicks: 1, at: 10_000 });
    set.applyEdit('s', block([1, 0, 0], [2, 1, 1]), 'Click', { clicks: 2, at: 40_000 });
    set.applyEdit('s', block([2, 0, 0], [3, 1, 1]), 'Brush', { at: 400_000 }); // a 6-minute break
    set.applyEdit('s', block([3, 0, 0], [4, 1, 1]), 'Brush', { at: 405_000 });
    expect(set.get('s').effort).toEqual({ edits: 4, clicks: 3, activeSeconds: 10 + 30 + 5, lastActiveAt: 405_000 });
  });

  it('a copy that keeps no history (the renderer beside its workspace) counts the same effort', () => {
    const [main, copy] = [new StructureSet(geometry), new StructureSet(geometry)];
    const both = (op: Parameters<StructureSet['apply']>[0]) => {
      main.apply(op);
      copy.apply(op, { record: false, effort: true });
    };
    both({ op: 'create', structure: meta('s'), at: 0 });
    both({ op: 'edit', id: 's', label: 'Polygon', patch: { box: { lo: [0, 0, 0], hi: [2, 1, 1] }, runs: [0, 2] }, clicks: 4, at: 1_000 });
    both({ op: 'update', id: 's', changes: { name: 'GTVp' }, at: 3_000 });
    both({ op: 'edit', id: 's', label: 'Brush', patch: { box: { lo: [2, 0, 0], hi: [3, 1, 1] }, runs: [0, 1] }, clicks: 1, at: 4_000 });
    // Undo happens where the history is; the copy applies its effects and notes the moment.
    for (const effect of main.apply({ op: 'undo', at: 9_000 }).effects) {
      copy.apply(effect, { record: false });
      if (effect.op === 'edit') copy.noteUndoActivity(effect.id, 9_000);
    }
    expect(copy.get('s').effort).toEqual(main.get('s').effort);
    expect(copy.get('s').effort).toEqual({ edits: 2, clicks: 5, activeSeconds: 9, lastActiveAt: 9_000 });
    expect(copy.history.labels().labels).toEqual([]);
  });
});
