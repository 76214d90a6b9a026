import { describe, expect, it } from 'vitest';
import { ijk, lps } from './space.ts';
import { indexToWorld, worldToIndex, type VolumeGeometry } from './volume.ts';

// A head-first-supine axial grid rotated 90 degrees in-plane, so i and j are not x and y.
const geometry: VolumeGeometry = {
  dims: [4, 4, 3],
  spacing: [0.5, 0.75, 2],
  origin: lps(-10, 20, 5),
  direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
};

describe('index <-> world', () => {
  it('maps voxel (0,0,0) to the origin and steps along the direction vectors', () => {
    expect(indexToWorld(geometry, ijk(0, 0, 0))).toEqual([-10, 20, 5]);
    expect(indexToWorld(geometry, ijk(2, 0, 0))).toEqual([-10, 21, 5]);
    expect(indexToWorld(geometry, ijk(0, 4, 1))).toEqual([-13, 20, 7]);
  });

  it('inverts exactly', () => {
    const world = indexToWorld(geometry, ijk(1.5, 2.25, 0.5));
    const back = worldToIndex(geometry, world);
    expect(back[0]).toBeCloseTo(1.5, 12);
    expect(back[1]).toBeCloseTo(2.25, 12);
    expect(back[2]).toBeCloseTo(0.5, 12);
  });
});
