import { inflateSync } from 'fflate';
import { DelineateError } from '../../errors.ts';

/**
 * Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99) compresses the whole dataset after the File
 * Meta group with raw deflate (RFC 1951, no zlib header). Returns the file with that part inflated, so it
 * parses as explicit VR little endian. The signature matches dicom-parser's `inflater` option:
 * `parseDicom(bytes, { inflater: inflateDeflatedDataset })`.
 */
export function inflateDeflatedDataset(bytes: Uint8Array, position: number): Uint8Array {
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(bytes.subarray(position));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DelineateError('bad-data', `deflated dataset does not inflate (${reason})`);
  }
  const whole = new Uint8Array(position + inflated.length);
  whole.set(bytes.subarray(0, position), 0);
  whole.set(inflated, position);
  return whole;
}
