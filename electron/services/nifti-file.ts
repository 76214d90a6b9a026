import { readFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { constants, createGzip, gunzipSync, type ZlibOptions } from 'node:zlib';
import { DelineateError } from '../../core/errors.ts';
import { checkRegularFile } from './dicom-files.ts';
import type { Volume } from '../../core/geometry/volume.ts';
import { isGzip } from '../../core/nifti/byte-stream.ts';
import { hostIsLittleEndian } from '../../core/nifti/endian.ts';
import { niftiHeader, readNifti, writeNifti, type NiftiImage, type NiftiWriteOptions } from '../../core/nifti/index.ts';

/**
 * NIfTI files on the Node side, with gzip done by node:zlib (native): core/nifti inflates and deflates in
 * JavaScript (fflate) so that it stays free of Node, which costs seconds per 512x512x200 volume, where
 * zlib takes a tenth of that.
 */

/**
 * The most one inflate may produce: core/nifti's volume limit (2 GiB) plus room for the header and extensions.
 * A larger file (a long 4D series) goes to core's streaming reader, which inflates only its first volume.
 */
const maxInflatedBytes = 2 ** 31 + (1 << 20);

export async function readNiftiFile(path: string): Promise<NiftiImage> {
  let bytes: Uint8Array;
  await checkRegularFile(path);
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DelineateError('not-found', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return readNiftiBytes(bytes, path);
}

/** readNifti (core), with a .nii.gz inflated by zlib first; the voxels are then a view of the inflated bytes. */
export function readNiftiBytes(bytes: Uint8Array, source: string): NiftiImage {
  if (!isGzip(bytes)) return readNifti(bytes, source);
  let plain: Uint8Array;
  try {
    plain = gunzipSync(bytes, { chunkSize: outputChunk(bytes), maxOutputLength: maxInflatedBytes });
  } catch {
    // Damaged, truncated or too large for one buffer: the streaming reader reads what a volume needs and
    // words any problem the way every NIfTI message is worded.
    return readNifti(bytes, source);
  }
  return readNifti(plain, source, { adoptBytes: true });
}

/**
 * writeNifti (core), gzipped by zlib when asked: the header and then the voxels as they lie in memory, never
 * joined into one file-sized copy. uint8 volumes (masks, label maps: long runs of a few values) use zlib's
 * run-length strategy, as small as level 6 and three times faster there; other volumes level 6.
 */
export async function encodeNifti(volume: Volume, options: NiftiWriteOptions = {}): Promise<Uint8Array> {
  if (!options.gzip) return writeNifti(volume, options);
  const zlib: ZlibOptions = { level: 6, chunkSize: 256 * 1024, ...(volume.scalars instanceof Uint8Array ? { strategy: constants.Z_RLE } : {}) };
  const plain = { ...options, gzip: false };
  // A big-endian host swaps the voxels into a copy first (writeNifti does).
  const parts = hostIsLittleEndian ? [niftiHeader(volume, plain), new Uint8Array(volume.scalars.buffer, volume.scalars.byteOffset, volume.scalars.byteLength)] : [writeNifti(volume, plain)];
  const gzip = createGzip(zlib);
  const out = buffer(gzip);
  for (const part of parts) gzip.write(part);
  gzip.end();
  return new Uint8Array(await out);
}

/**
 * zlib's output chunk: the size the gzip trailer announces (ISIZE, the length modulo 2^32), so a volume comes
 * out in one piece rather than thousands of 16 KiB chunks joined at the end. Only a hint: a damaged trailer
 * can say anything, hence the bounds.
 */
function outputChunk(bytes: Uint8Array): number {
  const n = bytes.length;
  const announced = n >= 18 ? (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0 : 0;
  // DEFLATE expands at most 1032:1, so a trailer announcing more than that is a lie about this file.
  return Math.min(Math.max(announced + 1024, 64 * 1024), 256 * 1024 * 1024, Math.max(64 * 1024, n * 1032));
}
