import { describe, expect, it } from 'vitest';
import { MaskLayers } from './mask-layers.ts';

describe('MaskLayers', () => {
  it('packs masks into shared label layers, a new layer only where masks overlap, each mask given back exactly', () => {
    // 4x3 grid drawn inline: a and b are apart, c overlaps a, d (label 7 of a label map) overlaps c.
    const a = Uint8Array.from([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    const b = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    const c = Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const d = Uint8Array.from([0, 0, 7, 7, 0, 0, 3, 0, 7, 0, 0, 0]);
    const layers = new MaskLayers(12);
    const placed = [layers.add(a), layers.add(b), layers.add(c), layers.add(d, 7)];
    expect(placed.map((p) => p.label)).toEqual([1, 2, 1, 1]);
    expect(new Set(placed.map((p) => p.voxels)).size).toBe(3);
    const expected = [a, b, c, d.map((v) => (v === 7 ? 1 : 0))];
    placed.forEach(({ voxels, label }, n) => expect(Array.from(voxels, (v) => (v === label ? 1 : 0)), `mask ${n}`).toEqual(Array.from(expected[n]!)));
  });
});
