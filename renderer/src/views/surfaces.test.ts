import { describe, expect, it } from 'vitest';
import { lps } from '../../../core/geometry/space.ts';
import type { VolumeGeometry } from '../../../core/geometry/volume.ts';
import { boundingBox, patchFromMask } from '../../../core/mask/patch.ts';
import { StructureSet } from '../../../core/structures/structure-set.ts';
import { blockSize, blocksOf, blockSurface } from './surfaces.ts';

// i runs to the patient's right, so a surface placed by index alone would land mirrored.
const geometry: VolumeGeometry = { dims: [48, 40, 36], spacing: [1, 1.5, 2], origin: lps(100, -20, 5), direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1] };
const centre = [24, 20, 18];
const radiusMm = 12;

function sphereSet(): StructureSet {
  const [ni, nj, nk] = geometry.dims;
  const voxels = new Uint8Array(ni * nj * nk);
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        const d = Math.hypot((i - centre[0]!) * 1, (j - centre[1]!) * 1.5, (k - centre[2]!) * 2);
        if (d <= radiusMm) voxels[i + j * ni + k * ni * nj] = 1;
      }
  const set = new StructureSet(geometry);
  const meta = { id: 's1', name: 'Ball', color: [255, 0, 0] as [number, number, number], type: 'ORGAN' as const, visible: true, opacity: 0.4, display: 'fill' as const, locked: false, provenance: { kind: 'manual' as const }, recipe: null };
  set.apply({ op: 'create', structure: meta, patch: patchFromMask(voxels, geometry.dims, boundingBox(voxels, geometry.dims)!) });
  return set;
}

describe('structure surfaces', () => {
  it('lists the blocks a box touches, including the neighbour that shares its low face', () => {
    expect(blocksOf({ lo: [0, 0, 0], hi: [1, 1, 1] }, geometry.dims)).toEqual([[0, 0, 0]]);
    expect(blocksOf({ lo: [blockSize, 0, 0], hi: [blockSize + 1, 1, 1] }, geometry.dims)).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('puts the pieces of a ball, block by block, on the ball surface in patient coordinates', () => {
    const set = sphereSet();
    const structure = set.get('s1');
    const world = [100 - centre[0]!, -20 + centre[1]! * 1.5, 5 + centre[2]! * 2];
    let points = 0;
    for (const block of blocksOf({ lo: [0, 0, 0], hi: [...geometry.dims] }, geometry.dims)) {
      const surface = blockSurface(structure, geometry, block);
      if (!surface) continue;
      const xyz = surface.getPoints().getData();
      for (let n = 0; n < xyz.length; n += 3) {
        const r = Math.hypot(xyz[n]! - world[0]!, xyz[n + 1]! - world[1]!, xyz[n + 2]! - world[2]!);
        // Within about a voxel of the true radius (blur and voxelisation).
        expect(Math.abs(r - radiusMm)).toBeLessThan(2.2);
        points++;
      }
    }
    expect(points).toBeGreaterThan(200);
  });
});
