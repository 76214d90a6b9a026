import { describe, expect, it } from 'vitest';
import { ijk } from '../geometry/space.ts';
import { labelComponents } from '../mask/components.ts';
import type { VoxelBox } from '../mask/patch.ts';
import { keepClickedComponents } from './click-binding.ts';
import type { Click } from './interactive.ts';

/** The rule as stated, on whole components of `after` (what keepClickedComponents must equal). */
function byDefinition(after: Uint8Array, before: Uint8Array, dims: [number, number, number], clicked: number[]): Uint8Array {
  const { labels, sizes } = labelComponents(after, dims, 26);
  const keep = new Uint8Array(sizes.length + 1);
  for (const n of clicked) keep[labels[n]!] = 1;
  for (let n = 0; n < after.length; n++) if (before[n] && after[n]) keep[labels[n]!] = 1;
  return Uint8Array.from(after, (v, n) => (v && keep[labels[n]!] ? 1 : 0));
}

describe('keepClickedComponents', () => {
  it('equals the component rule on random answers, previous masks and clicks', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const region: VoxelBox = { lo: [3, 2, 1], hi: [15, 12, 9] };
    const dims: [number, number, number] = [12, 10, 8];
    const count = dims[0] * dims[1] * dims[2];
    for (let trial = 0; trial < 200; trial++) {
      const density = 0.1 + 0.3 * random();
      const after = Uint8Array.from({ length: count }, () => (random() < density ? 1 : 0));
      const before = Uint8Array.from({ length: count }, () => (random() < 0.05 ? 1 : 0));
      const clicks: Click[] = Array.from({ length: 3 }, () => ({
        voxel: ijk(region.lo[0] + Math.floor(random() * dims[0]), region.lo[1] + Math.floor(random() * dims[1]), region.lo[2] + Math.floor(random() * dims[2])),
        positive: random() < 0.6,
      }));
      // A click outside the region changes nothing.
      clicks.push({ voxel: ijk(0, 0, 0), positive: true });
      const clicked = clicks
        .filter((c) => c.positive && c.voxel[0] >= region.lo[0])
        .map((c) => c.voxel[0] - region.lo[0] + dims[0] * (c.voxel[1] - region.lo[1] + dims[1] * (c.voxel[2] - region.lo[2])));
      const expected = byDefinition(after, before, dims, clicked);
      keepClickedComponents(after, before, region, clicks);
      expect(after).toEqual(expected);
    }
  });
});
