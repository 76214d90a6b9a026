import { DelineateError } from '../errors.ts';
import type { Vec3 } from '../geometry/space.ts';
import { MAGIC_PAIR_V1, MAGIC_PAIR_V2, MAGIC_SINGLE_FILE_V1, MAGIC_SINGLE_FILE_V2, NIFTI1, NIFTI2 } from './layout.ts';

/** The header fields a reader needs, the same for NIfTI-1 and NIfTI-2 (whose numbers are simply wider). */
export interface NiftiHeader {
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
  /** dim[0] is the number of dimensions (1..7), dim[1..7] the size along each. */
  readonly dim: readonly number[];
  readonly datatypeCode: number;
  readonly bitpix: number;
  /** pixdim[0] is qfac (the sign of the third qform axis); pixdim[1..3] are voxel sizes in the file's units. */
  readonly pixdim: readonly number[];
  /** Byte offset of the first voxel from the start of the (decompressed) file. */
  readonly voxOffset: number;
  readonly sclSlope: number;
  readonly sclInter: number;
  readonly qformCode: number;
  readonly sformCode: number;
  /** Quaternion b, c, d; a is implied (a >= 0, a^2 + b^2 + c^2 + d^2 = 1). */
  readonly quatern: Vec3;
  readonly qoffset: Vec3;
  /** srow_x, srow_y, srow_z, each [m0, m1, m2, offset]: voxel index to RAS+ millimetres. */
  readonly srow: readonly number[];
  readonly intentCode: number;
  readonly intentName: string;
  readonly intentParams: Vec3;
  readonly description: string;
  /** Bits 0-2: spatial unit (0 unknown, 1 metre, 2 millimetre, 3 micron); higher bits: time unit. */
  readonly xyztUnits: number;
}

export interface HeaderFormat {
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
  /** Bytes to read before parseNiftiHeader can run. */
  readonly headerSize: number;
}

export function badData(source: string, reason: string): DelineateError {
  return new DelineateError('bad-data', `${source}: ${reason}`);
}

/**
 * The version and byte order, from sizeof_hdr alone: the standard has no byte-order flag, so a reader
 * tries both orders and keeps the one in which sizeof_hdr reads 348 (NIfTI-1) or 540 (NIfTI-2).
 */
export function detectFormat(bytes: Uint8Array, source: string): HeaderFormat {
  if (bytes.length < 4) throw badData(source, `only ${bytes.length} bytes, too short for a NIfTI header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === NIFTI1.headerSize) return { version: 1, littleEndian, headerSize: size };
    if (size === NIFTI2.headerSize) return { version: 2, littleEndian, headerSize: size };
  }
  throw badData(source, 'not a NIfTI file (sizeof_hdr is neither 348 nor 540 in either byte order)');
}

export function parseNiftiHeader(bytes: Uint8Array, format: HeaderFormat, source: string): NiftiHeader {
  if (bytes.length < format.headerSize) {
    throw badData(source, `truncated header: ${bytes.length} of ${format.headerSize} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, format.headerSize);
  return format.version === 1 ? parseV1(bytes, view, format.littleEndian, source) : parseV2(bytes, view, format.littleEndian, source);
}

function parseV1(bytes: Uint8Array, view: DataView, le: boolean, source: string): NiftiHeader {
  const L = NIFTI1;
  if (startsWith(bytes, L.magic, MAGIC_PAIR_V1)) {
    throw new DelineateError('unsupported', `${source}: a .hdr header whose voxels are in a separate .img file; only single-file .nii is read`);
  }
  if (!startsWith(bytes, L.magic, MAGIC_SINGLE_FILE_V1)) {
    throw badData(source, 'no NIfTI magic "n+1" where sizeof_hdr says NIfTI-1 (Analyze 7.5 headers are not read)');
  }
  const i16 = (offset: number): number => view.getInt16(offset, le);
  const f32 = (offset: number): number => view.getFloat32(offset, le);
  return {
    version: 1,
    littleEndian: le,
    dim: range(8).map((n) => i16(L.dim + 2 * n)),
    datatypeCode: i16(L.datatype),
    bitpix: i16(L.bitpix),
    pixdim: range(8).map((n) => f32(L.pixdim + 4 * n)),
    voxOffset: f32(L.voxOffset),
    sclSlope: f32(L.sclSlope),
    sclInter: f32(L.sclInter),
    qformCode: i16(L.qformCode),
    sformCode: i16(L.sformCode),
    quatern: [f32(L.quatern), f32(L.quatern + 4), f32(L.quatern + 8)],
    qoffset: [f32(L.qoffset), f32(L.qoffset + 4), f32(L.qoffset + 8)],
    srow: range(12).map((n) => f32(L.srow + 4 * n)),
    intentCode: i16(L.intentCode),
    intentName: ascii(bytes, L.intentName, 16),
    intentParams: [f32(L.intentP), f32(L.intentP + 4), f32(L.intentP + 8)],
    description: ascii(bytes, L.descrip, 80),
    xyztUnits: view.getUint8(L.xyztUnits),
  };
}

function parseV2(bytes: Uint8Array, view: DataView, le: boolean, source: string): NiftiHeader {
  const L = NIFTI2;
  if (startsWith(bytes, L.magic, MAGIC_PAIR_V2)) {
    throw new DelineateError('unsupported', `${source}: a NIfTI-2 .hdr header whose voxels are in a separate .img file; only single-file .nii is read`);
  }
  if (!startsWith(bytes, L.magic, MAGIC_SINGLE_FILE_V2)) {
    throw badData(source, 'sizeof_hdr says NIfTI-2 but the magic is not "n+2\\0\\r\\n\\032\\n"');
  }
  const i16 = (offset: number): number => view.getInt16(offset, le);
  const i32 = (offset: number): number => view.getInt32(offset, le);
  const f64 = (offset: number): number => view.getFloat64(offset, le);
  // int64 fields beyond 2^53 cannot be a real size or offset; report them instead of rounding.
  const i64 = (offset: number, field: string): number => {
    const value = view.getBigInt64(offset, le);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw badData(source, `${field} is ${value}, beyond any real file`);
    }
    return Number(value);
  };
  return {
    version: 2,
    littleEndian: le,
    dim: range(8).map((n) => i64(L.dim + 8 * n, `dim[${n}]`)),
    datatypeCode: i16(L.datatype),
    bitpix: i16(L.bitpix),
    pixdim: range(8).map((n) => f64(L.pixdim + 8 * n)),
    voxOffset: i64(L.voxOffset, 'vox_offset'),
    sclSlope: f64(L.sclSlope),
    sclInter: f64(L.sclInter),
    qformCode: i32(L.qformCode),
    sformCode: i32(L.sformCode),
    quatern: [f64(L.quatern), f64(L.quatern + 8), f64(L.quatern + 16)],
    qoffset: [f64(L.qoffset), f64(L.qoffset + 8), f64(L.qoffset + 16)],
    srow: range(12).map((n) => f64(L.srow + 8 * n)),
    intentCode: i32(L.intentCode),
    intentName: ascii(bytes, L.intentName, 16),
    intentParams: [f64(L.intentP), f64(L.intentP + 8), f64(L.intentP + 16)],
    description: ascii(bytes, L.descrip, 80),
    xyztUnits: i32(L.xyztUnits),
  };
}

function startsWith(bytes: Uint8Array, offset: number, magic: readonly number[]): boolean {
  return magic.every((byte, n) => bytes[offset + n] === byte);
}

/** A NUL-terminated char[] field; bytes above 127 are read as Latin-1, the usual meaning in old headers. */
function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let n = offset; n < offset + length; n++) {
    const code = bytes[n]!;
    if (code === 0) break;
    text += String.fromCharCode(code);
  }
  return text.trim();
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index);
}
