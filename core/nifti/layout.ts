/**
 * Byte offsets of the header fields this module reads or writes, from nifti1.h and nifti2.h.
 * NIfTI-1 stores most numbers as int16/float32; NIfTI-2 widens them to int64/float64 and reorders the
 * fields, so each version has its own table. Fields not listed here are read as zero and written as zero.
 */
export const NIFTI1 = {
  headerSize: 348,
  /** A single .nii file: 348 header bytes, then 4 extension-flag bytes, so voxels start at 352 at the earliest. */
  minVoxOffset: 352,
  dim: 40, // int16[8]
  intentP: 56, // float32[3]
  intentCode: 68, // int16
  datatype: 70, // int16
  bitpix: 72, // int16
  pixdim: 76, // float32[8]
  voxOffset: 108, // float32
  sclSlope: 112, // float32
  sclInter: 116, // float32
  xyztUnits: 123, // uint8
  descrip: 148, // char[80]
  qformCode: 252, // int16
  sformCode: 254, // int16
  quatern: 256, // float32[3]: b, c, d
  qoffset: 268, // float32[3]
  srow: 280, // float32[12]: srow_x, srow_y, srow_z
  intentName: 328, // char[16]
  magic: 344, // char[4]
} as const;

export const NIFTI2 = {
  headerSize: 540,
  minVoxOffset: 544,
  magic: 4, // char[8]
  datatype: 12, // int16
  bitpix: 14, // int16
  dim: 16, // int64[8]
  intentP: 80, // float64[3]
  pixdim: 104, // float64[8]
  voxOffset: 168, // int64
  sclSlope: 176, // float64
  sclInter: 184, // float64
  descrip: 240, // char[80]
  qformCode: 344, // int32
  sformCode: 348, // int32
  quatern: 352, // float64[3]
  qoffset: 376, // float64[3]
  srow: 400, // float64[12]
  xyztUnits: 500, // int32
  intentCode: 504, // int32
  intentName: 508, // char[16]
} as const;

/** "n+1\0": header and voxels in one file. "ni1\0" would mean a .hdr/.img pair. */
export const MAGIC_SINGLE_FILE_V1 = [0x6e, 0x2b, 0x31, 0x00] as const;
export const MAGIC_PAIR_V1 = [0x6e, 0x69, 0x31, 0x00] as const;
/** "n+2\0" then "\r\n\032\n", which catches files mangled by text-mode transfers. */
export const MAGIC_SINGLE_FILE_V2 = [0x6e, 0x2b, 0x32, 0x00, 0x0d, 0x0a, 0x1a, 0x0a] as const;
export const MAGIC_PAIR_V2 = [0x6e, 0x69, 0x32, 0x00, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** xyzt_units value for millimetres (space) with time unused. */
export const UNITS_MM = 2;
