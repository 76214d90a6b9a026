import { describe, expect, it } from 'vitest';
import { labelComponents } from './components.ts';
import { runComponents26 } from './run-components.ts';

describe('runComponents26', () => {
  it('groups voxels exactly as 26-connected flood-fill labelling does', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 100; trial++) {
      const dims: [number, number, number] = [3 + Math.floor(random() * 12), 1 + Math.floor(random() * 9), 1 + Math.floor(random() * 7)];
      const density = 0.05 + 0.4 * random();
      const bits = Uint8Array.from({ length: dims[0] * dims[1] * dims[2] }, () => (random() < density ? 1 : 0));
      const runs = runComponents26(bits, dims);
      const perVoxel = new Int32Array(bits.length).fill(-1);
      for (let n = 0; n < runs.start.length; n++) {
        for (let i = runs.start[n]!; i < runs.end[n]!; i++) perVoxel[runs.row[n]! * dims[0] + i] = runs.component[n]!;
      }
      const { labels, sizes } = labelComponents(bits, dims, 26);
      expect(runs.components).toBe(sizes.length);
      // Same partition: a one-to-one map between the two labellings.
      const pairs = new Map<number, number>();
      const reverse = new Map<number, number>();
      for (let v = 0; v < bits.length; v++) {
        expect(perVoxel[v]! >= 0).toBe(bits[v] === 1);
        if (!bits[v]) continue;
        expect(pairs.get(labels[v]!) ?? perVoxel[v]).toBe(perVoxel[v]);
        expect(reverse.get(perVoxel[v]!) ?? labels[v]).toBe(labels[v]);
        pairs.set(labels[v]!, perVoxel[v]!);
        reverse.set(perVoxel[v]!, labels[v]!);
      }
    }
  });
});
