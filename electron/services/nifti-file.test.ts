import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readNifti, writeNifti } from '../../core/nifti/index.ts';
import { appRoot } from './app-meta.ts';
import { encodeNifti, readNiftiBytes } from './nifti-file.ts';

const data = join(appRoot(), '..', 'shared', 'data', 'totalsegmentator');
const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('NIfTI through node:zlib', () => {
  it.each(['example_seg_dicom.nii.gz', 'example_ct_sm.nii.gz'])('%s reads as core reads it, and writes back the very file core writes', async (name) => {
    const file = readFileSync(join(data, name));
    const ours = readNiftiBytes(file, name);
    const core = readNifti(file, name);
    expect(ours.volume.dims).toEqual(core.volume.dims);
    expect(ours.volume.origin).toEqual(core.volume.origin);
    expect(ours.volume.direction).toEqual(core.volume.direction);
    expect(ours.warnings).toEqual(core.warnings);
    expect(ours.volume.scalars.constructor).toBe(core.volume.scalars.constructor);
    expect(bytesOf(ours.volume.scalars).equals(bytesOf(core.volume.scalars))).toBe(true);

    const written = await encodeNifti(ours.volume, { gzip: true, description: 'round trip' });
    expect(gunzipSync(written).equals(writeNifti(ours.volume, { description: 'round trip' }))).toBe(true);
    expect(bytesOf(readNifti(written, 'back').volume.scalars).equals(bytesOf(core.volume.scalars))).toBe(true);
  });

  it('words a damaged .nii.gz the way core does', () => {
    const file = readFileSync(join(data, 'example_seg.nii.gz'));
    const cut = file.subarray(0, file.length >> 1);
    const message = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return [(error as { code?: string }).code, (error as Error).message];
      }
      return null;
    };
    expect(message(() => readNiftiBytes(cut, 'cut.nii.gz'))).toEqual(message(() => readNifti(cut, 'cut.nii.gz')));
    expect(message(() => readNiftiBytes(cut, 'cut.nii.gz'))?.[0]).toBe('bad-data');
  });
});
