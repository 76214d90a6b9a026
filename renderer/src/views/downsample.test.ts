import { describe, expect, it } from 'vitest';
import { lps } from '../../../core/geometry/space.ts';
import type { Volume } from '../../../core/geometry/volume.ts';
import { downsampleFactor, downsampleVolume } from './downsample.ts';

describe('3D preview downsampling', () => {
  it('keeps volumes within the texture limit as they are and strides larger ones', () => {
    expect(downsampleFactor([512, 512, 400], 2048)).toBe(1);
    expect(downsampleFactor([512, 512, 3000], 2048)).toBe(2);
    expect(downsampleFactor([512, 512, 5000], 2048)).toBe(3);
  });

  it('takes every other voxel and doubles the spacing, keeping voxel 0 in place', () => {
    const volume: Volume = {
      dims: [4, 2, 3],
      spacing: [1, 2, 3],
      origin: lps(5, 6, 7),
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      scalars: Int16Array.from({ length: 24 }, (_, n) => n),
    };
    const small = downsampleVolume(volume, 2);
    expect(small.dims).toEqual([2, 1, 2]);
    expect(small.spacing).toEqual([2, 4, 6]);
    expect(small.origin).toEqual(volume.origin);
    expect(Array.from(small.scalars)).toEqual([0, 2, 16, 18]);
  });
});
