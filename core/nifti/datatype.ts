/** The NIfTI datatype codes this reader accepts (nifti1.h DT_*), with the bytes each voxel takes. */
export const niftiDatatypes = {
  uint8: { code: 2, bytes: 1 },
  int16: { code: 4, bytes: 2 },
  int32: { code: 8, bytes: 4 },
  float32: { code: 16, bytes: 4 },
  float64: { code: 64, bytes: 8 },
  int8: { code: 256, bytes: 1 },
  uint16: { code: 512, bytes: 2 },
  uint32: { code: 768, bytes: 4 },
} as const;

export type NiftiDatatype = keyof typeof niftiDatatypes;

/** Names for codes that exist in the standard but that a contouring volume has no use for, for messages. */
const unsupportedNames: Readonly<Record<number, string>> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  128: 'RGB24',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

export function datatypeFromCode(code: number): NiftiDatatype | { unsupported: string } {
  for (const [name, info] of Object.entries(niftiDatatypes)) {
    if (info.code === code) return name as NiftiDatatype;
  }
  return { unsupported: unsupportedNames[code] ?? `unknown datatype code ${code}` };
}

export type NativeArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** Views bytes already in host byte order (and aligned for the type) as the typed array of a datatype, without copying. */
export function nativeArray(type: NiftiDatatype, bytes: Uint8Array): NativeArray {
  const { buffer, byteOffset } = bytes;
  const length = bytes.byteLength / niftiDatatypes[type].bytes;
  switch (type) {
    case 'uint8':
      return new Uint8Array(buffer, byteOffset, length);
    case 'int8':
      return new Int8Array(buffer, byteOffset, length);
    case 'int16':
      return new Int16Array(buffer, byteOffset, length);
    case 'uint16':
      return new Uint16Array(buffer, byteOffset, length);
    case 'int32':
      return new Int32Array(buffer, byteOffset, length);
    case 'uint32':
      return new Uint32Array(buffer, byteOffset, length);
    case 'float32':
      return new Float32Array(buffer, byteOffset, length);
    case 'float64':
      return new Float64Array(buffer, byteOffset, length);
  }
}
