import { DelineateError } from '../errors.ts';
import { parseDataSet, type SliceHeader } from './header.ts';
import { Tag, TransferSyntax } from './tags.ts';

/** Stored pixel values of one frame, before rescale. Row-major: column index fastest. */
export type StoredPixels = Int16Array | Uint16Array | Uint8Array | Int8Array;

const nativeSyntaxes = new Set<string>([TransferSyntax.ImplicitLittle, TransferSyntax.ExplicitLittle, TransferSyntax.ExplicitBig]);

/**
 * Reads the first frame's stored values from a whole file. Only native (uncompressed) encodings are
 * handled here; anything else is refused with the syntax named, never decoded wrongly.
 */
export function readStoredPixels(bytes: Uint8Array, header: SliceHeader): StoredPixels {
  if (!nativeSyntaxes.has(header.transferSyntaxUid)) {
    throw new DelineateError(
      'unsupported',
      `${header.source}: transfer syntax ${header.transferSyntaxUid} (compressed) is not supported yet`,
    );
  }
  if (header.samplesPerPixel !== 1) {
    throw new DelineateError('unsupported', `${header.source}: ${header.samplesPerPixel} samples per pixel (colour) is not a CT/MR image`);
  }
  const ds = parseDataSet(bytes, header.source, false);
  const element = ds.elements[Tag.PixelData];
  const count = header.rows * header.columns;
  const bytesPerSample = header.bitsAllocated / 8;
  if (!element || element.length < count * bytesPerSample) {
    throw new DelineateError(
      'bad-data',
      `${header.source}: pixel data is missing or truncated (${element?.length ?? 0} bytes for ${header.columns}x${header.rows} pixels)`,
    );
  }
  const start = bytes.byteOffset + element.dataOffset;
  const raw = bytes.buffer.slice(start, start + count * bytesPerSample) as ArrayBuffer;
  if (header.transferSyntaxUid === TransferSyntax.ExplicitBig && bytesPerSample === 2) swapBytes16(new Uint8Array(raw));
  const signed = header.pixelRepresentation === 1;
  switch (header.bitsAllocated) {
    case 8:
      return signed ? new Int8Array(raw) : new Uint8Array(raw);
    case 16:
      return signed ? new Int16Array(raw) : new Uint16Array(raw);
    default:
      throw new DelineateError('unsupported', `${header.source}: ${header.bitsAllocated} bits allocated per pixel is not supported`);
  }
}

function swapBytes16(bytes: Uint8Array): void {
  for (let n = 0; n + 1 < bytes.length; n += 2) {
    const low = bytes[n]!;
    bytes[n] = bytes[n + 1]!;
    bytes[n + 1] = low;
  }
}

/**
 * Stored values carry junk above BitsStored in some files; keep only the stored bits, sign-extended
 * when the pixel representation is signed.
 */
export function maskToBitsStored(value: number, bitsStored: number, signed: boolean): number {
  if (bitsStored >= 16) return value;
  const mask = (1 << bitsStored) - 1;
  const masked = value & mask;
  return signed && masked >= 1 << (bitsStored - 1) ? masked - (1 << bitsStored) : masked;
}
