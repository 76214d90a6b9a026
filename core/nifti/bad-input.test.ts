import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DelineateError } from '../errors.ts';
import { lps } from '../geometry/space.ts';
import { readNifti } from './read.ts';
import { craftNifti1 } from './testing/craft.ts';
import { writeNifti } from './write.ts';

const good = writeNifti({
  dims: [4, 3, 2],
  spacing: [1, 1, 2],
  origin: lps(0, 0, 0),
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  scalars: Int16Array.from({ length: 24 }, (_, n) => n * 100 - 1000),
});

function expectRefused(bytes: Uint8Array, code: 'bad-data' | 'unsupported', reason: RegExp): void {
  let caught: unknown;
  try {
    readNifti(bytes, 'case.nii');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DelineateError);
  expect((caught as DelineateError).code).toBe(code);
  expect((caught as DelineateError).message).toMatch(/^case\.nii: /);
  expect((caught as DelineateError).message).toMatch(reason);
}

function patched(edit: (view: DataView) => void, bytes = good): Uint8Array {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer));
  return copy;
}

describe('readNifti refuses bad input with a DelineateError naming the file', () => {
  it('too short or not NIfTI at all', () => {
    expectRefused(new Uint8Array(0), 'bad-data', /too short/);
    expectRefused(new Uint8Array([1, 2, 3]), 'bad-data', /too short/);
    expectRefused(new TextEncoder().encode('hello world, this is not an image'.repeat(20)), 'bad-data', /not a NIfTI file/);
  });

  it('truncated header, truncated voxels, truncated gzip', () => {
    expectRefused(good.subarray(0, 200), 'bad-data', /truncated header: 200 of 348 bytes/);
    expectRefused(good.subarray(0, good.length - 1), 'bad-data', /truncated: too short to hold 4x3x2 int16 voxels/);
    const gz = gzipSync(good);
    expectRefused(gz.subarray(0, 40), 'bad-data', /truncated|gzip/);
  });

  it('damaged gzip data', () => {
    const gz = gzipSync(good);
    const damaged = gz.slice();
    damaged.fill(0xff, 12, 40);
    expectRefused(damaged, 'bad-data', /damaged or truncated gzip/);
  });

  it('wrong magic, and a .hdr/.img pair named as unsupported', () => {
    expectRefused(patched((v) => v.setUint8(345, 0x3f)), 'bad-data', /no NIfTI magic/);
    expectRefused(patched((v) => v.setUint8(345, 'i'.charCodeAt(0))), 'unsupported', /separate \.img file/);
  });

  it('absurd or impossible dims, without allocating for them', () => {
    expectRefused(patched((v) => v.setInt16(40, 9, true)), 'bad-data', /dim\[0\] is 9/);
    expectRefused(patched((v) => v.setInt16(40, 0, true)), 'bad-data', /dim\[0\] is 0/);
    expectRefused(patched((v) => v.setInt16(44, 0, true)), 'bad-data', /dim\[2\] is 0/);
    expectRefused(patched((v) => v.setInt16(46, -5, true)), 'bad-data', /dim\[3\] is -5/);
    // 32767^3 int16 voxels is 70 TB: refused from the header alone.
    const huge = patched((v) => [1, 2, 3].forEach((n) => v.setInt16(40 + 2 * n, 32767, true)));
    expectRefused(huge, 'bad-data', /more than any real volume/);
    // 1000^3 int16 is under the cap but cannot come from a file this small, even gzipped.
    const big = patched((v) => [1, 2, 3].forEach((n) => v.setInt16(40 + 2 * n, 1000, true)));
    expectRefused(big, 'bad-data', /truncated: too short to hold 1000x1000x1000/);
    expectRefused(gzipSync(big), 'bad-data', /truncated: too short to hold 1000x1000x1000/);
  });

  it('vox_offset inside the header or not a whole number', () => {
    expectRefused(patched((v) => v.setFloat32(108, 100, true)), 'bad-data', /vox_offset 100/);
    expectRefused(patched((v) => v.setFloat32(108, NaN, true)), 'bad-data', /vox_offset NaN/);
    expectRefused(patched((v) => v.setFloat32(108, 352.5, true)), 'bad-data', /vox_offset 352.5/);
  });

  it('voxel types the app has no use for', () => {
    expectRefused(craftNifti1({ datatype: 32, bitpix: 64, data: new Uint8Array(8) }), 'unsupported', /complex64/);
    expectRefused(craftNifti1({ datatype: 128, bitpix: 24, data: new Uint8Array(3) }), 'unsupported', /RGB24/);
    expectRefused(craftNifti1({ datatype: 3, bitpix: 8, data: new Uint8Array(3) }), 'unsupported', /unknown datatype code 3/);
  });

  it('never throws anything but a DelineateError on damaged headers (seeded byte flips)', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 2000; trial++) {
      const damaged = good.slice();
      for (let flips = 0; flips < 1 + trial % 4; flips++) damaged[Math.floor(random() * 352)] = Math.floor(random() * 256);
      const bytes = trial % 5 === 0 ? gzipSync(damaged) : damaged;
      try {
        readNifti(bytes, 'fuzz.nii');
      } catch (error) {
        if (!(error instanceof DelineateError)) throw new Error(`trial ${trial}: ${String(error)}`);
      }
    }
  });
});
