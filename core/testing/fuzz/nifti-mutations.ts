import { gunzipSync, gzipSync } from 'fflate';
import { NIFTI1 } from '../../nifti/layout.ts';
import { flipBytes, splice, truncate } from './bytes.ts';
import type { Random } from './random.ts';

/**
 * NIfTI mutations of a real file: header fields set to absurd values (the file re-gzipped when it was
 * gzipped, so the reader meets them), and damage to the gzip stream itself.
 */
export interface NiftiSeed {
  readonly bytes: Uint8Array;
  /** The decompressed file when `bytes` is gzipped, else `bytes`. */
  readonly raw: Uint8Array;
  readonly gzipped: boolean;
}

export function niftiSeed(bytes: Uint8Array): NiftiSeed {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return { bytes, raw: gzipped ? gunzipSync(bytes) : bytes, gzipped };
}

type Field = { readonly offset: number; readonly type: 'int16' | 'float32' | 'uint8' | 'int32' };
const fields: Field[] = [
  { offset: 0, type: 'int32' }, // sizeof_hdr
  ...Array.from({ length: 8 }, (_, n): Field => ({ offset: NIFTI1.dim + 2 * n, type: 'int16' })),
  { offset: NIFTI1.intentCode, type: 'int16' },
  { offset: NIFTI1.datatype, type: 'int16' },
  { offset: NIFTI1.bitpix, type: 'int16' },
  ...Array.from({ length: 8 }, (_, n): Field => ({ offset: NIFTI1.pixdim + 4 * n, type: 'float32' })),
  { offset: NIFTI1.voxOffset, type: 'float32' },
  { offset: NIFTI1.sclSlope, type: 'float32' },
  { offset: NIFTI1.sclInter, type: 'float32' },
  { offset: NIFTI1.xyztUnits, type: 'uint8' },
  { offset: NIFTI1.qformCode, type: 'int16' },
  { offset: NIFTI1.sformCode, type: 'int16' },
  ...Array.from({ length: 6 }, (_, n): Field => ({ offset: NIFTI1.quatern + 4 * n, type: 'float32' })),
  ...Array.from({ length: 12 }, (_, n): Field => ({ offset: NIFTI1.srow + 4 * n, type: 'float32' })),
  ...Array.from({ length: 4 }, (_, n): Field => ({ offset: NIFTI1.magic + n, type: 'uint8' })),
];
const dimFields = fields.filter((f) => f.offset >= NIFTI1.dim && f.offset < NIFTI1.dim + 16);
const datatypeCodes = [0, 1, 2, 3, 4, 8, 16, 32, 64, 128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2304, -1, 32767];

function littleEndian(raw: Uint8Array): boolean {
  return raw.length < 4 || new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true) === 348;
}

function setField(raw: Uint8Array, field: Field, random: Random): void {
  if (field.offset + 4 > raw.length) return;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const le = littleEndian(raw);
  switch (field.type) {
    case 'int16':
      view.setInt16(field.offset, field.offset === NIFTI1.datatype ? random.pick(datatypeCodes) : random.pick([0, 1, -1, 8, 9, 32767, -32768, random.int(65536) - 32768]), le);
      return;
    case 'int32':
      view.setInt32(field.offset, random.pick([0, 348, 540, -1, 2 ** 31 - 1, random.int(2 ** 31)]), le);
      return;
    case 'float32':
      view.setFloat32(field.offset, random.pick([NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 0, -0, 1e-45, 352, 351, 352.5, 2 ** 31, -1, random.next() * 1e6]), le);
      return;
    case 'uint8':
      raw[field.offset] = random.int(256);
  }
}

const rezip = (seed: NiftiSeed, raw: Uint8Array) => (seed.gzipped ? gzipSync(raw, { level: 1, mtime: 0 }) : raw);

/** One to four header fields set to absurd values (NaN, infinities, negative sizes, unknown codes). */
export function absurdHeaderField(seed: NiftiSeed, random: Random): Uint8Array {
  const raw = seed.raw.slice();
  for (let n = random.between(1, 4); n > 0; n--) setField(raw, random.pick(fields), random);
  return rezip(seed, raw);
}

/** Dimensions no file of this size can hold: up to 32767 per axis, up to seven axes. */
export function absurdDimensions(seed: NiftiSeed, random: Random): Uint8Array {
  const raw = seed.raw.slice();
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const le = littleEndian(raw);
  if (raw.length < NIFTI1.dim + 16) return rezip(seed, raw);
  if (random.chance(0.3)) view.setInt16(NIFTI1.dim, random.pick([0, 4, 5, 7, 8, -1, 32767]), le);
  for (const field of dimFields.slice(1)) {
    if (random.chance(0.5)) view.setInt16(field.offset, random.pick([32767, 16384, 1290, 1024, 0, -1, -32768]), le);
  }
  return rezip(seed, raw);
}

/** Damage to a .nii.gz as compressed: the deflate stream, the gzip header's flags, the trailer, the end. */
export function badGzip(seed: NiftiSeed, random: Random): Uint8Array {
  const gz = seed.gzipped ? seed.bytes : gzipSync(seed.raw, { level: 1, mtime: 0 });
  switch (random.int(5)) {
    case 0:
      return truncate(gz, random);
    case 1: {
      // Bytes changed inside the deflate stream, past the 10-byte gzip header.
      const out = gz.slice();
      for (let n = random.between(1, 8); n > 0; n--) out[10 + random.int(Math.max(1, out.length - 10))] = random.int(256);
      return out;
    }
    case 2: {
      // CRC32 and ISIZE in the trailer say something else.
      const out = gz.slice();
      const view = new DataView(out.buffer);
      view.setUint32(out.length - 4, random.pick([0, 0xffffffff, random.int(2 ** 32)]), true);
      if (random.chance(0.5)) view.setUint32(out.length - 8, random.int(2 ** 32), true);
      return out;
    }
    case 3: {
      // FLG bits for FEXTRA/FNAME/FCOMMENT/FHCRC set with nothing behind them.
      const out = gz.slice();
      out[3] = random.int(256);
      return out;
    }
    default:
      // A second, broken gzip member, or garbage after the first.
      return splice(gz, gz.length, 0, random.chance(0.5) ? gz.subarray(0, random.int(gz.length)) : random.bytes(random.between(1, 64)));
  }
}

/** Byte flips in the decompressed file's header and first voxels, re-gzipped when the seed was. */
export function flipRaw(seed: NiftiSeed, random: Random): Uint8Array {
  const head = flipBytes(seed.raw.subarray(0, Math.min(seed.raw.length, 352 + 64)), random);
  return rezip(seed, splice(seed.raw, 0, head.length, head));
}
