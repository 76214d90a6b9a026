import { describe, expect, it } from 'vitest';
import { ijk, lps } from '../../../core/geometry/space.ts';
import { indexToWorld, type Volume } from '../../../core/geometry/volume.ts';
import { sliceImage, toImageData } from './image-data.ts';
import { indexAxisAlong } from './view-camera.ts';

// A rotated grid whose direction matrix is not symmetric, so a row/column mix-up would show:
// i runs posterior, j runs to the patient's right, k superior.
const volume: Volume = {
  dims: [4, 3, 2],
  spacing: [0.5, 0.8, 2.5],
  origin: lps(10, -20, 30),
  direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
  scalars: Int16Array.from({ length: 24 }, (_, n) => n),
};

describe('toImageData', () => {
  it('places every voxel where core geometry does (vtk.js reads the same direction layout)', () => {
    const image = toImageData(volume);
    for (const index of [ijk(0, 0, 0), ijk(3, 0, 0), ijk(0, 2, 0), ijk(1, 2, 1)]) {
      const vtkWorld = image.indexToWorld([index[0], index[1], index[2]], [0, 0, 0]);
      const ours = indexToWorld(volume, index);
      vtkWorld.forEach((value, axis) => expect(value).toBeCloseTo(ours[axis]!, 9));
    }
  });

  it('shares the voxel buffer instead of copying it', () => {
    const image = toImageData(volume);
    expect(image.getPointData().getScalars().getData()).toBe(volume.scalars);
  });
});

describe('sliceImage', () => {
  it('puts each pixel of a slice, along any axis, where the volume has that voxel, with its value', () => {
    for (const axis of [0, 1, 2] as const) {
      const slice = sliceImage(volume, axis);
      const index = axis === 2 ? 1 : 2;
      slice.show(index);
      const values = slice.image.getPointData().getScalars().getData();
      const [w, h] = slice.image.getDimensions();
      for (let v = 0; v < h!; v++) {
        for (let u = 0; u < w!; u++) {
          const voxel = [0, 0, 0];
          voxel[axis] = index;
          voxel[axis === 0 ? 1 : 0] = u;
          voxel[axis === 2 ? 1 : 2] = v;
          const ours = indexToWorld(volume, ijk(voxel[0]!, voxel[1]!, voxel[2]!));
          const vtkWorld = slice.image.indexToWorld([u, v, 0], [0, 0, 0]);
          vtkWorld.forEach((value, a) => expect(value).toBeCloseTo(ours[a]!, 9));
          expect(values[u + v * w!]).toBe(volume.scalars[voxel[0]! + voxel[1]! * 4 + voxel[2]! * 12]);
        }
      }
    }
  });
});

describe('indexAxisAlong', () => {
  it('finds the index axis that runs along each world axis', () => {
    expect(indexAxisAlong(volume.direction, 0)).toBe(1);
    expect(indexAxisAlong(volume.direction, 1)).toBe(0);
    expect(indexAxisAlong(volume.direction, 2)).toBe(2);
  });
});
