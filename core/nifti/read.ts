import { DelineateError } from '../errors.ts';
import type { Vec3 } from '../geometry/space.ts';
import type { Volume } from '../geometry/volume.ts';
import { isGzip, openByteStream } from './byte-stream.ts';
import type { NiftiDatatype } from './datatype.ts';
import { datatypeFromCode, nativeArray, niftiDatatypes } from './datatype.ts';
import { hostIsLittleEndian, swapBytes } from './endian.ts';
import type { NiftiHeader } from './header.ts';
import { badData, detectFormat, parseNiftiHeader } from './header.ts';
import { geometryFromHeader } from './header-geometry.ts';
import { toVoxelArray } from './voxels.ts';

export interface NiftiIntent {
  /** intent_code (nifti1.h NIFTI_INTENT_*): 0 none, 1002 label, 1007 vector, ... */
  readonly code: number;
  readonly name: string;
  readonly params: Vec3;
}

export interface NiftiImage {
  /** In the app's LPS convention; voxel values are scaled by scl_slope/scl_inter when the file asks. */
  readonly volume: Volume;
  /** The datatype stored in the file, which may differ from the volume's (see warnings). */
  readonly datatype: NiftiDatatype;
  /** Everything the reader changed or assumed, in words: conversions, shear, 4D, fallbacks. */
  readonly warnings: string[];
  readonly description: string;
  readonly intent: NiftiIntent;
  readonly sformCode: number;
  readonly qformCode: number;
  readonly version: 1 | 2;
}

/**
 * Refuses volumes whose voxels alone would take more than this, before allocating anything. 2 GiB is
 * several times a whole-body CT at full resolution.
 */
const MAX_VOLUME_BYTES = 2 ** 31;

export interface NiftiReadOptions {
  /**
   * The caller hands `bytes` over (a buffer it just inflated, say): the voxels of a plain .nii may then be a
   * view of them, swapped in place when the byte order differs, instead of a copy. Copying a 50 MB volume
   * means writing every page of a fresh buffer, which is most of the read time on some machines.
   */
  readonly adoptBytes?: boolean;
}

/**
 * Reads a single-file NIfTI-1 or NIfTI-2 image (.nii, or .nii.gz detected by its gzip magic), in either byte
 * order. `source` names the file in messages. Damaged input throws DelineateError('bad-data'); valid files
 * this reader cannot represent (a .hdr/.img pair, complex or RGB voxels) throw DelineateError('unsupported').
 */
export function readNifti(bytes: Uint8Array, source: string, options: NiftiReadOptions = {}): NiftiImage {
  const stream = openByteStream(bytes, source);
  const start = new Uint8Array(4);
  const format = detectFormat(start.subarray(0, stream.read(start)), source);
  const headerBytes = new Uint8Array(format.headerSize);
  headerBytes.set(start);
  const headerRead = 4 + stream.read(headerBytes.subarray(4));
  const header = parseNiftiHeader(headerBytes.subarray(0, headerRead), format, source);

  const warnings: string[] = [];
  const dims = spatialDims(header, source, warnings);
  const datatype = checkedDatatype(header, source, warnings);
  const voxelBytes = niftiDatatypes[datatype].bytes;
  const volumeBytes = dims[0] * dims[1] * dims[2] * voxelBytes;
  if (volumeBytes > MAX_VOLUME_BYTES) {
    throw badData(source, `dims ${dims.join('x')} of ${datatype} would need ${volumeBytes} bytes, more than any real volume`);
  }
  if (!Number.isInteger(header.voxOffset) || header.voxOffset < format.headerSize) {
    throw badData(source, `vox_offset ${header.voxOffset} does not point past the ${format.headerSize}-byte header`);
  }

  const gap = header.voxOffset - format.headerSize;
  const expected = `${dims.join('x')} ${datatype} voxels (${volumeBytes} bytes) from byte ${header.voxOffset}`;
  if (gap + volumeBytes > stream.maxRemaining()) throw badData(source, `truncated: too short to hold ${expected}`);
  const adopted = options.adoptBytes && !isGzip(bytes) && (bytes.byteOffset + header.voxOffset) % voxelBytes === 0;
  const data = adopted ? bytes.subarray(header.voxOffset, header.voxOffset + volumeBytes) : new Uint8Array(volumeBytes);
  const complete = adopted ? data.length === volumeBytes : stream.skip(gap) === gap && stream.read(data) === volumeBytes;
  if (!complete) throw badData(source, `truncated: too short to hold ${expected}`);
  if (header.littleEndian !== hostIsLittleEndian) swapBytes(data, voxelBytes);

  const conversion = toVoxelArray(nativeArray(datatype, data), datatype, header.sclSlope, header.sclInter);
  if (conversion.note) warnings.push(conversion.note);
  const spatial = geometryFromHeader(header, dims, source);
  warnings.push(...spatial.warnings);

  return {
    volume: { dims, ...spatial.geometry, scalars: conversion.scalars },
    datatype,
    warnings,
    description: header.description,
    intent: { code: header.intentCode, name: header.intentName, params: header.intentParams },
    sformCode: header.sformCode,
    qformCode: header.qformCode,
    version: header.version,
  };
}

/** dim[1..3], with 1 for axes past dim[0]; anything past the third axis keeps only its first volume. */
function spatialDims(h: NiftiHeader, source: string, warnings: string[]): [number, number, number] {
  const rank = h.dim[0]!;
  if (!(rank >= 1 && rank <= 7)) throw badData(source, `dim[0] is ${rank}; the number of dimensions must be 1 to 7`);
  const sizes = h.dim.slice(1, rank + 1);
  sizes.forEach((size, n) => {
    if (!(Number.isInteger(size) && size >= 1)) throw badData(source, `dim[${n + 1}] is ${size}; sizes must be at least 1`);
  });
  const extra = sizes.slice(3).reduce((product, size) => product * size, 1);
  if (extra > 1) {
    warnings.push(`${rank}D image (${sizes.join('x')}): only the first of ${extra} volumes was read`);
  }
  return [sizes[0] ?? 1, sizes[1] ?? 1, sizes[2] ?? 1];
}

function checkedDatatype(h: NiftiHeader, source: string, warnings: string[]): NiftiDatatype {
  const datatype = datatypeFromCode(h.datatypeCode);
  if (typeof datatype !== 'string') {
    throw new DelineateError('unsupported', `${source}: ${datatype.unsupported} voxels cannot be read as a scalar volume`);
  }
  const bits = niftiDatatypes[datatype].bytes * 8;
  if (h.bitpix !== bits) warnings.push(`bitpix is ${h.bitpix} but ${datatype} has ${bits} bits; the datatype was trusted`);
  return datatype;
}
