import { describe, expect, it } from 'vitest';
import type { Direction } from '../geometry/space.ts';
import { lps } from '../geometry/space.ts';
import { labelMapFromMasks, labelMapSidecarSchema, masksFromLabelMap } from './labelmap.ts';

const grid = { dims: [4, 3, 2] as const, spacing: [1, 1, 2] as const, origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Direction };
const mask = (on: number[]) => {
  const voxels = new Uint8Array(24);
  for (const n of on) voxels[n] = 1;
  return { ...grid, voxels };
};

describe('label map with sidecar', () => {
  it('packs masks into labels and unpacks them again, names, colours and types kept', () => {
    const masks = [
      { name: 'Liver', colour: [200, 100, 50] as const, type: 'ORGAN', mask: mask([0, 1, 2, 13]) },
      { name: 'GTV', colour: [255, 0, 0] as const, type: 'GTV', mask: mask([5, 23]) },
    ];
    const packed = labelMapFromMasks(grid, masks);
    expect(Array.from(packed.voxels.subarray(0, 6))).toEqual([1, 1, 1, 0, 0, 2]);
    const sidecar = labelMapSidecarSchema.parse(JSON.parse(JSON.stringify(packed.sidecar)));
    const back = masksFromLabelMap(grid, packed.voxels, sidecar);
    expect(back.masks.map((m) => [m.name, m.colour, m.type])).toEqual([['Liver', [200, 100, 50], 'ORGAN'], ['GTV', [255, 0, 0], 'GTV']]);
    back.masks.forEach((m, n) => expect(Array.from(m.mask.voxels)).toEqual(Array.from(masks[n]!.mask.voxels)));
    expect(back.warnings).toEqual([]);
  });

  it('reports overlaps (the later structure keeps the voxel) and labels the sidecar does not name', () => {
    const packed = labelMapFromMasks(grid, [
      { name: 'A', colour: [1, 1, 1], type: '', mask: mask([0, 1]) },
      { name: 'B', colour: [2, 2, 2], type: '', mask: mask([1, 2]) },
    ]);
    expect(packed.voxels[1]).toBe(2);
    expect(packed.warnings).toEqual(['"B" overlaps earlier structures in 1 voxel(s); a label map keeps only "B" there']);
    const unnamed = masksFromLabelMap(grid, packed.voxels, { labels: [packed.sidecar.labels[0]!] });
    expect(unnamed.warnings).toEqual(['Label value(s) 2 have no entry in the sidecar and were left out']);
  });
});
