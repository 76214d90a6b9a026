import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readNifti } from './read.ts';
import { craftNifti1, int16Bytes } from './testing/craft.ts';

/** A 3x2x2 int16 grid with distinct values, so a wrong index order or byte order changes them. */
const values = [-1024, -1, 0, 1, 2, 255, 256, 1000, -32768, 32767, 7, -7];
const dim = [3, 3, 2, 2, 1, 1, 1, 1];

function expectClose(actual: readonly number[], expected: readonly number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, n) => expect(v).toBeCloseTo(expected[n]!, digits));
}

describe('readNifti on headers crafted by hand', () => {
  it('reads a big-endian int16 file with an sform', () => {
    const bytes = craftNifti1({
      littleEndian: false,
      dim,
      datatype: 4,
      bitpix: 16,
      pixdim: [1, 0.5, 0.75, 2, 0, 0, 0, 0],
      sformCode: 1,
      // RAS: i along +x (Right) 0.5 mm, j along -y (Posterior) 0.75 mm, k along +z 2 mm.
      srow: [0.5, 0, 0, -10, 0, -0.75, 0, 20, 0, 0, 2, -30],
      description: 'big endian',
      data: int16Bytes(values, false),
    });
    const image = readNifti(bytes, 'be.nii');
    expect(image.volume.scalars).toBeInstanceOf(Int16Array);
    expect([...image.volume.scalars]).toEqual(values);
    expect(image.volume.dims).toEqual([3, 2, 2]);
    expect(image.datatype).toBe('int16');
    expect(image.description).toBe('big endian');
    expect(image.sformCode).toBe(1);
    expectClose(image.volume.spacing, [0.5, 0.75, 2]);
    // LPS: RAS +x is LPS -x, RAS -y is LPS +y.
    expectClose(image.volume.direction, [-1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expectClose(image.volume.origin, [10, -20, -30]);
    expect(image.warnings).toEqual([]);
  });

  it('reads a qform-only file: quaternion, qfac and qoffset as the standard defines them', () => {
    // 90 degrees about z: a = cos 45, d = sin 45, so R maps i to +y and j to -x (RAS).
    const half = Math.SQRT1_2;
    const bytes = craftNifti1({
      dim,
      datatype: 4,
      bitpix: 16,
      pixdim: [-1, 2, 3, 4, 0, 0, 0, 0], // qfac -1 flips k
      qformCode: 1,
      quatern: [0, 0, half],
      qoffset: [1, 2, 3],
      srow: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9], // ignored: sform_code is 0
      data: int16Bytes(values, true),
    });
    const image = readNifti(bytes, 'qform.nii');
    // RAS columns: i -> (0, 2, 0), j -> (-3, 0, 0), k -> (0, 0, -4). In LPS negate x and y.
    expectClose(image.volume.spacing, [2, 3, 4]);
    expectClose(image.volume.direction, [0, -1, 0, 1, 0, 0, 0, 0, -1]);
    expectClose(image.volume.origin, [-1, -2, 3]);
    expect(image.qformCode).toBe(1);
    expect(image.sformCode).toBe(0);
    expect(image.warnings).toEqual([]);
  });

  it('reads an sform-only file and ignores a junk qform', () => {
    const bytes = craftNifti1({
      dim,
      datatype: 4,
      bitpix: 16,
      pixdim: [0, 1, 1, 1, 0, 0, 0, 0],
      sformCode: 2,
      quatern: [0.9, 0.9, 0.9], // not a unit quaternion, and never used
      // i along RAS +y 1.5 mm, j along RAS +z 2.5 mm, k along RAS +x 3.5 mm (a sagittal-first grid).
      srow: [0, 0, 3.5, 5, 1.5, 0, 0, 6, 0, 2.5, 0, 7],
      data: int16Bytes(values, true),
    });
    const image = readNifti(bytes, 'sform.nii');
    expectClose(image.volume.spacing, [1.5, 2.5, 3.5]);
    expectClose(image.volume.direction, [0, -1, 0, 0, 0, 1, -1, 0, 0]);
    expectClose(image.volume.origin, [-5, -6, 7]);
    expect(image.warnings).toEqual([]);
  });

  it('prefers the sform when both are set, and says when they differ', () => {
    const bytes = craftNifti1({
      dim,
      datatype: 4,
      bitpix: 16,
      pixdim: [1, 1, 1, 1, 0, 0, 0, 0],
      sformCode: 1,
      qformCode: 1,
      srow: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0],
      data: int16Bytes(values, true),
    });
    const image = readNifti(bytes, 'both.nii');
    expectClose(image.volume.spacing, [2, 2, 2]);
    expect(image.warnings.join()).toMatch(/qform and sform differ/);
  });

  it('falls back to pixdim scaling (method 1) with a warning when neither transform is set', () => {
    const bytes = craftNifti1({ dim, datatype: 4, bitpix: 16, pixdim: [0, 0.8, 0.9, 3, 0, 0, 0, 0], data: int16Bytes(values, true) });
    const image = readNifti(bytes, 'analyze-like.nii');
    expectClose(image.volume.spacing, [0.8, 0.9, 3]);
    expectClose(image.volume.origin, [0, 0, 0]);
    expectClose(image.volume.direction, [-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect(image.warnings.join()).toMatch(/orientation unknown/);
  });

  it('falls back from a singular sform to the qform', () => {
    const bytes = craftNifti1({
      dim,
      datatype: 4,
      bitpix: 16,
      pixdim: [1, 2, 2, 2, 0, 0, 0, 0],
      sformCode: 1,
      qformCode: 1,
      srow: new Array<number>(12).fill(0),
      data: int16Bytes(values, true),
    });
    const image = readNifti(bytes, 'zero-sform.nii');
    expectClose(image.volume.spacing, [2, 2, 2]);
    expect(image.warnings.join()).toMatch(/sform is singular/);
  });

  it('orthonormalises a sheared sform and says how far voxels move', () => {
    const bytes = craftNifti1({
      dim,
      datatype: 4,
      bitpix: 16,
      sformCode: 1,
      srow: [1, 0.1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], // j leans 5.7 degrees toward x
      data: int16Bytes(values, true),
    });
    const image = readNifti(bytes, 'sheared.nii');
    const d = image.volume.direction;
    const axes = [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9)];
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const dot = axes[a]!.reduce((sum, v, n) => sum + v * axes[b]![n]!, 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
    expect(image.warnings.join()).toMatch(/sform is sheared \(axes 84\.\d+ degrees apart.*up to \d/);
  });

  it('converts positions given in metres to millimetres', () => {
    const bytes = craftNifti1({
      dim,
      datatype: 4,
      bitpix: 16,
      xyztUnits: 1,
      sformCode: 1,
      srow: [0.001, 0, 0, 0.1, 0, 0.001, 0, 0, 0, 0, 0.002, 0],
      data: int16Bytes(values, true),
    });
    const image = readNifti(bytes, 'metres.nii');
    expectClose(image.volume.spacing, [1, 1, 2]);
    expectClose(image.volume.origin, [-100, 0, 0], 3);
    expect(image.warnings.join()).toMatch(/metres/);
  });

  it('keeps the first volume of a 4D file, with a warning', () => {
    const second = values.map((v) => v + 1);
    const bytes = craftNifti1({
      dim: [4, 3, 2, 2, 2, 1, 1, 1],
      datatype: 4,
      bitpix: 16,
      sformCode: 1,
      srow: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0],
      data: int16Bytes([...values, ...second], true),
    });
    const image = readNifti(gzipSync(bytes), 'series.nii.gz');
    expect([...image.volume.scalars]).toEqual(values);
    expect(image.warnings.join()).toMatch(/only the first of 2 volumes/);
  });

  it('reads a 2D image as one slice', () => {
    const bytes = craftNifti1({ dim: [2, 3, 4, 0, 0, 0, 0, 0], data: new Uint8Array(12).map((_, n) => n) });
    const image = readNifti(bytes, 'slice.nii');
    expect(image.volume.dims).toEqual([3, 4, 1]);
    expect([...image.volume.scalars]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('skips extension bytes up to vox_offset', () => {
    const bytes = craftNifti1({ dim: [3, 2, 1, 1, 1, 1, 1, 1], voxOffset: 400, data: new Uint8Array([5, 6]) });
    bytes[348] = 1; // extension flag set; the extension content is not read
    expect([...readNifti(bytes, 'ext.nii').volume.scalars]).toEqual([5, 6]);
  });

  describe('voxel types and scaling', () => {
    const grid = (datatype: number, bitpix: number, data: Uint8Array, extra = {}) =>
      craftNifti1({ dim: [3, data.length / (bitpix / 8), 1, 1, 1, 1, 1, 1], datatype, bitpix, data, ...extra });
    const le = (array: { buffer: ArrayBufferLike }) => new Uint8Array(array.buffer);

    it('keeps int32 labels that fit int16 as int16, and says so', () => {
      const image = readNifti(grid(8, 32, le(new Int32Array([0, 5, 117, -3]))), 'labels.nii');
      expect(image.volume.scalars).toBeInstanceOf(Int16Array);
      expect([...image.volume.scalars]).toEqual([0, 5, 117, -3]);
      expect(image.datatype).toBe('int32');
      expect(image.warnings.join()).toMatch(/int32 voxels \(-3\.\.117\) stored as int16 \(exact\)/);
    });

    it('moves int32 beyond int16 and uint16 to float32, exact below 2^24', () => {
      const image = readNifti(grid(8, 32, le(new Int32Array([-40000, 16777216]))), 'wide.nii');
      expect(image.volume.scalars).toBeInstanceOf(Float32Array);
      expect([...image.volume.scalars]).toEqual([-40000, 16777216]);
      expect(image.warnings.join()).toMatch(/float32 \(exact\)/);
    });

    it('reports int32 values that float32 cannot hold', () => {
      const image = readNifti(grid(8, 32, le(new Int32Array([16777217]))), 'huge.nii');
      expect(image.warnings.join()).toMatch(/beyond 2\^24 rounded/);
    });

    it('applies an integer slope and intercept to uint16 CT and keeps int16', () => {
      const image = readNifti(grid(512, 16, le(new Uint16Array([0, 1024, 4095])), { sclSlope: 1, sclInter: -1024 }), 'ct.nii');
      expect(image.volume.scalars).toBeInstanceOf(Int16Array);
      expect([...image.volume.scalars]).toEqual([-1024, 0, 3071]);
    });

    it('applies a fractional slope as float32', () => {
      const image = readNifti(grid(4, 16, le(new Int16Array([0, 3, -8])), { sclSlope: 0.5, sclInter: 0.25 }), 'pet.nii');
      expect(image.volume.scalars).toBeInstanceOf(Float32Array);
      expect([...image.volume.scalars]).toEqual([0.25, 1.75, -3.75]);
      expect(image.warnings.join()).toMatch(/scl_slope 0.5 and scl_inter 0.25 applied/);
    });

    it('ignores slope 0, slope NaN and the identity (1, 0)', () => {
      for (const [sclSlope, sclInter] of [[0, 5], [NaN, 5], [1, 0]] as const) {
        const image = readNifti(grid(4, 16, le(new Int16Array([1, 2])), { sclSlope, sclInter }), 'plain.nii');
        expect(image.volume.scalars).toBeInstanceOf(Int16Array);
        expect([...image.volume.scalars]).toEqual([1, 2]);
      }
    });

    it('widens int8 to int16 and narrows float64 to float32, saying so', () => {
      const small = readNifti(grid(256, 8, le(new Int8Array([-128, 127]))), 'int8.nii');
      expect(small.volume.scalars).toBeInstanceOf(Int16Array);
      expect([...small.volume.scalars]).toEqual([-128, 127]);
      const wide = readNifti(grid(64, 64, le(new Float64Array([0.5, 0.1]))), 'float64.nii');
      expect(wide.volume.scalars).toBeInstanceOf(Float32Array);
      expect([...wide.volume.scalars]).toEqual([0.5, Math.fround(0.1)]);
      expect(wide.warnings.join()).toMatch(/float64 voxels stored as float32 \(1 values rounded/);
    });
  });
});
