import { gzipSync } from 'fflate';
import { DelineateError } from '../errors.ts';
import type { Volume, VoxelType } from '../geometry/volume.ts';
import { voxelCount, voxelType } from '../geometry/volume.ts';
import { quaternionFromRotation } from './affine.ts';
import { niftiDatatypes } from './datatype.ts';
import { hostIsLittleEndian, swapBytes } from './endian.ts';
import { rasAffineFromLpsGeometry } from './geometry.ts';
import { MAGIC_SINGLE_FILE_V1, NIFTI1, UNITS_MM } from './layout.ts';
import type { Mat3 } from './matrix3.ts';
import { determinant, nearestOrthonormal } from './matrix3.ts';

export interface NiftiWriteOptions {
  /** Compress as .nii.gz. Default false. */
  readonly gzip?: boolean;
  /** descrip: at most 79 characters are kept, non-ASCII characters become '?'. */
  readonly description?: string;
  /**
   * What the world coordinates are: 'scanner' (code 1, NIFTI_XFORM_SCANNER_ANAT: the DICOM patient
   * coordinates the volume came with) or 'aligned' (code 2, registered to another image). Default 'scanner'.
   */
  readonly coordinateSystem?: 'scanner' | 'aligned';
}

const xformCodes = { scanner: 1, aligned: 2 } as const;

/** NIfTI-1 stores dims as int16. */
const MAX_DIM = 32767;

/**
 * Writes a single-file NIfTI-1 image, little endian, voxels at byte 352, values unscaled (slope 1,
 * intercept 0). Both the sform and the qform describe the volume's LPS geometry converted to RAS+, so
 * readers that prefer either agree.
 */
export function writeNifti(volume: Volume, options: NiftiWriteOptions = {}): Uint8Array {
  const header = niftiHeader(volume, options);
  const voxels = new Uint8Array(volume.scalars.buffer, volume.scalars.byteOffset, volume.scalars.byteLength);
  const file = new Uint8Array(header.length + voxels.length);
  file.set(header);
  file.set(voxels, header.length);
  // The header is written little endian; the voxels must match it.
  if (!hostIsLittleEndian) swapBytes(file.subarray(header.length), niftiDatatypes[voxelType(volume.scalars)].bytes);
  return options.gzip ? gzipSync(file, { level: 6, mtime: 0 }) : file;
}

/**
 * The first 352 bytes of writeNifti's file: header and empty extension flag. The voxels follow as they are in
 * memory on a little-endian host, so a writer with its own compressor can stream header then voxels, no copy.
 */
export function niftiHeader(volume: Volume, options: NiftiWriteOptions = {}): Uint8Array {
  checkWritable(volume);
  const header = new Uint8Array(NIFTI1.minVoxOffset);
  writeHeader(new DataView(header.buffer), header, volume, voxelType(volume.scalars), options);
  return header;
}

function writeHeader(view: DataView, bytes: Uint8Array, volume: Volume, type: VoxelType, options: NiftiWriteOptions): void {
  const L = NIFTI1;
  const le = true;
  const f32 = (offset: number, value: number): void => view.setFloat32(offset, value, le);
  const i16 = (offset: number, value: number): void => view.setInt16(offset, value, le);

  view.setInt32(0, L.headerSize, le);
  [3, ...volume.dims, 1, 1, 1, 1].forEach((size, n) => i16(L.dim + 2 * n, size));
  i16(L.datatype, niftiDatatypes[type].code);
  i16(L.bitpix, niftiDatatypes[type].bytes * 8);
  f32(L.voxOffset, L.minVoxOffset);
  f32(L.sclSlope, 1);
  f32(L.sclInter, 0);
  view.setUint8(L.xyztUnits, UNITS_MM);
  bytes.set(asciiField(options.description ?? '', 79), L.descrip);

  const affine = rasAffineFromLpsGeometry(volume);
  const code = xformCodes[options.coordinateSystem ?? 'scanner'];
  i16(L.sformCode, code);
  affine.forEach((value, n) => f32(L.srow + 4 * n, value));

  // The qform is a rotation times positive voxel sizes; a left-handed grid is a rotation with the third
  // axis flipped, recorded as qfac = pixdim[0] = -1.
  i16(L.qformCode, code);
  const d = volume.direction;
  const axes: Mat3 = [-d[0], -d[3], -d[6], -d[1], -d[4], -d[7], d[2], d[5], d[8]];
  const unit = nearestOrthonormal(axes);
  const qfac = determinant(unit) < 0 ? -1 : 1;
  const rotation = unit.map((value, n) => (n % 3 === 2 ? value * qfac : value)) as unknown as Mat3;
  const q = quaternionFromRotation(rotation);
  [qfac, ...volume.spacing, 0, 0, 0, 0].forEach((value, n) => f32(L.pixdim + 4 * n, value));
  [q.b, q.c, q.d].forEach((value, n) => f32(L.quatern + 4 * n, value));
  [affine[3], affine[7], affine[11]].forEach((value, n) => f32(L.qoffset + 4 * n, value));

  bytes.set(MAGIC_SINGLE_FILE_V1, L.magic);
}

function checkWritable(volume: Volume): void {
  const { dims, spacing } = volume;
  if (!dims.every((size) => Number.isInteger(size) && size >= 1 && size <= MAX_DIM)) {
    throw new DelineateError('invalid-input', `cannot write dims ${dims.join('x')} to NIfTI-1 (each must be 1 to ${MAX_DIM})`);
  }
  if (!spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new DelineateError('invalid-input', `cannot write spacing ${spacing.join(', ')}: each must be positive`);
  }
  if (volume.scalars.length !== voxelCount(volume)) {
    throw new DelineateError('invalid-input', `${volume.scalars.length} voxels do not fill dims ${dims.join('x')}`);
  }
}

/** A NUL-padded char field of `max` characters at most; '?' replaces what plain ASCII cannot hold. */
function asciiField(text: string, max: number): Uint8Array {
  const field = new Uint8Array(max);
  [...text].slice(0, max).forEach((char, n) => {
    const code = char.charCodeAt(0);
    field[n] = code >= 0x20 && code < 0x7f ? code : 0x3f;
  });
  return field;
}
