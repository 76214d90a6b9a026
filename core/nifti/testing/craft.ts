/**
 * Builds NIfTI-1 files field by field for tests, with the offsets of nifti1.h written out here by hand
 * (not taken from ../layout.ts), so that a wrong offset in the reader cannot be hidden by the same wrong
 * offset in the test.
 */
export interface CraftedFields {
  littleEndian?: boolean;
  /** dim[0..7]; the default is a 3D grid of `values.length` voxels along i. */
  dim?: number[];
  datatype?: number;
  bitpix?: number;
  pixdim?: number[];
  voxOffset?: number;
  sclSlope?: number;
  sclInter?: number;
  xyztUnits?: number;
  qformCode?: number;
  sformCode?: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  /** srow_x, srow_y, srow_z concatenated. */
  srow?: number[];
  magic?: string;
  description?: string;
  /** Voxel bytes, already in the file's byte order. */
  data?: Uint8Array;
}

export function craftNifti1(f: CraftedFields): Uint8Array {
  const le = f.littleEndian ?? true;
  const data = f.data ?? new Uint8Array(0);
  const voxOffset = f.voxOffset ?? 352;
  const bytes = new Uint8Array(Math.max(352, voxOffset) + data.length);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 348, le); // sizeof_hdr
  (f.dim ?? [3, data.length, 1, 1, 1, 1, 1, 1]).forEach((v, n) => view.setInt16(40 + 2 * n, v, le));
  view.setInt16(70, f.datatype ?? 2, le);
  view.setInt16(72, f.bitpix ?? 8, le);
  (f.pixdim ?? [1, 1, 1, 1, 0, 0, 0, 0]).forEach((v, n) => view.setFloat32(76 + 4 * n, v, le));
  view.setFloat32(108, voxOffset, le);
  view.setFloat32(112, f.sclSlope ?? 0, le);
  view.setFloat32(116, f.sclInter ?? 0, le);
  view.setUint8(123, f.xyztUnits ?? 2);
  [...(f.description ?? '')].forEach((c, n) => view.setUint8(148 + n, c.charCodeAt(0)));
  view.setInt16(252, f.qformCode ?? 0, le);
  view.setInt16(254, f.sformCode ?? 0, le);
  (f.quatern ?? [0, 0, 0]).forEach((v, n) => view.setFloat32(256 + 4 * n, v, le));
  (f.qoffset ?? [0, 0, 0]).forEach((v, n) => view.setFloat32(268 + 4 * n, v, le));
  (f.srow ?? new Array<number>(12).fill(0)).forEach((v, n) => view.setFloat32(280 + 4 * n, v, le));
  [...(f.magic ?? 'n+1\0')].forEach((c, n) => view.setUint8(344 + n, c.charCodeAt(0)));
  bytes.set(data, voxOffset);
  return bytes;
}

/** int16 values as bytes in the chosen order. */
export function int16Bytes(values: number[], littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, n) => view.setInt16(2 * n, v, littleEndian));
  return bytes;
}
