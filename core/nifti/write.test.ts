import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Direction, Vec3 } from '../geometry/space.ts';
import { ijk, lps } from '../geometry/space.ts';
import type { Volume, VoxelArray } from '../geometry/volume.ts';
import { indexToWorld } from '../geometry/volume.ts';
import { readNifti } from './read.ts';
import { writeNifti } from './write.ts';

/**
 * Axes of an oblique, left-handed LPS grid: i = (0, 0.6, 0.8), j = (-0.8, 0.48, -0.36), k = -(i x j).
 * No two axes share a component pattern, so a transposed direction matrix would not pass.
 */
const oblique: Direction = [0, 0.6, 0.8, -0.8, 0.48, -0.36, 0.6, 0.64, -0.48];

function volume(scalars: VoxelArray, direction: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1], spacing: Vec3 = [0.5, 1.25, 3]): Volume {
  return { dims: [4, 3, 2], spacing, origin: lps(-120.5, 33.25, 7), direction, scalars };
}

const ramp = (n: number) => Array.from({ length: n }, (_, v) => v * 37 - 300);

function expectSameGeometry(actual: Volume, expected: Volume, digits: number): void {
  expect(actual.dims).toEqual(expected.dims);
  actual.spacing.forEach((v, n) => expect(v).toBeCloseTo(expected.spacing[n]!, digits));
  actual.origin.forEach((v, n) => expect(v).toBeCloseTo(expected.origin[n]!, digits));
  actual.direction.forEach((v, n) => expect(v).toBeCloseTo(expected.direction[n]!, digits));
  const corner = ijk(3, 2, 1);
  indexToWorld(actual, corner).forEach((v, n) => expect(v).toBeCloseTo(indexToWorld(expected, corner)[n]!, digits - 1));
}

/** Sets sform_code or qform_code of an uncompressed file we wrote to 0, to read the other transform alone. */
function withoutTransform(bytes: Uint8Array, which: 'sform' | 'qform'): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setInt16(which === 'sform' ? 254 : 252, 0, true);
  return copy;
}

describe('writeNifti then readNifti', () => {
  it('round-trips an axis-aligned int16 volume exactly, plain and gzipped', () => {
    const original = volume(Int16Array.from(ramp(24)));
    for (const gzip of [false, true]) {
      const image = readNifti(writeNifti(original, { gzip, description: 'round trip' }), 'rt.nii');
      expect(image.volume).toEqual(original);
      expect(image.datatype).toBe('int16');
      expect(image.description).toBe('round trip');
      expect(image.sformCode).toBe(1);
      expect(image.qformCode).toBe(1);
      expect(image.warnings).toEqual([]);
    }
  });

  it('keeps each app voxel type', () => {
    const cases = [
      [Uint8Array.from(ramp(24).map((v) => v & 0xff)), 'uint8'],
      [Uint16Array.from(ramp(24).map((v) => v + 300)), 'uint16'],
      [Float32Array.from(ramp(24).map((v) => v / 7)), 'float32'],
    ] as const;
    for (const [scalars, datatype] of cases) {
      const image = readNifti(writeNifti(volume(scalars)), `${datatype}.nii`);
      expect(image.datatype).toBe(datatype);
      expect(image.volume.scalars).toEqual(scalars);
    }
  });

  it('round-trips an oblique left-handed grid through the sform and through the qform alone', () => {
    const original = volume(Int16Array.from(ramp(24)), oblique, [0.7, 1.1, 2.5]);
    const bytes = writeNifti(original, { coordinateSystem: 'aligned' });
    const both = readNifti(bytes, 'oblique.nii');
    expect(both.sformCode).toBe(2);
    expect(both.warnings).toEqual([]);
    // float32 header fields keep about 7 significant digits.
    expectSameGeometry(both.volume, original, 5);
    expectSameGeometry(readNifti(withoutTransform(bytes, 'sform'), 'qform-only.nii').volume, original, 5);
    expectSameGeometry(readNifti(withoutTransform(bytes, 'qform'), 'sform-only.nii').volume, original, 5);
  });

  it('writes the qform correctly for rotations near 180 degrees (where a is near 0)', () => {
    const flips: Direction[] = [
      [-1, 0, 0, 0, -1, 0, 0, 0, 1],
      [1, 0, 0, 0, -1, 0, 0, 0, -1],
      [-1, 0, 0, 0, 1, 0, 0, 0, -1],
      [0, 1, 0, 1, 0, 0, 0, 0, -1],
      [0, 0, 1, 0, 1, 0, -1, 0, 0],
    ];
    for (const direction of flips) {
      const original = volume(Int16Array.from(ramp(24)), direction);
      expectSameGeometry(readNifti(withoutTransform(writeNifti(original), 'sform'), 'flip.nii').volume, original, 5);
    }
  });

  it('writes a NIfTI-1 header with vox_offset 352 and deterministic gzip', () => {
    const bytes = writeNifti(volume(Int16Array.from(ramp(24))));
    const view = new DataView(bytes.buffer);
    expect(view.getInt32(0, true)).toBe(348);
    expect(view.getFloat32(108, true)).toBe(352);
    expect(String.fromCharCode(...bytes.subarray(344, 348))).toBe('n+1\0');
    expect(bytes.length).toBe(352 + 24 * 2);
    const gz = writeNifti(volume(Int16Array.from(ramp(24))), { gzip: true });
    expect(gunzipSync(gz)).toEqual(bytes);
    expect(writeNifti(volume(Int16Array.from(ramp(24))), { gzip: true })).toEqual(gz);
  });

  it('keeps descriptions ASCII and within 79 characters', () => {
    const image = readNifti(writeNifti(volume(new Uint8Array(24)), { description: `Gehirn µ ${'x'.repeat(100)}` }), 'd.nii');
    expect(image.description).toBe(`Gehirn ? ${'x'.repeat(70)}`);
  });

  it('refuses a volume whose voxels do not fill its dims', () => {
    expect(() => writeNifti(volume(new Int16Array(5)))).toThrow(/5 voxels do not fill dims 4x3x2/);
  });
});
