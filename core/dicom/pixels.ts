import { DelineateError } from '../errors.ts';
import type { SliceHeader } from './header.ts';
import { TransferSyntax } from './tags.ts';

/** Stored pixel values of one frame, before rescale. Row-major: column index fastest. */
export type StoredPixels = Int16Array | Uint16Array | Uint8Array | Int8Array | Int32Array | Uint32Array;

const nativeSyntaxes = new Set<string>([TransferSyntax.ImplicitLittle, TransferSyntax.ExplicitLittle, TransferSyntax.ExplicitBig]);

/** Native (uncompressed, not deflated) pixel data can be read straight from the file at a known offset. */
export function isNativeSyntax(uid: string): boolean {
  return nativeSyntaxes.has(uid);
}

/** Bytes of one native frame. */
export function nativeFrameBytes(header: SliceHeader): number {
  return header.rows * header.columns * header.samplesPerPixel * (header.bitsAllocated / 8);
}

/** File offset of a native frame's first byte. */
export function nativeFrameOffset(header: SliceHeader): number {
  if (!header.pixelData) throw new DelineateError('bad-data', `${header.source}: no pixel data`);
  return header.pixelData.offset + header.frameIndex * nativeFrameBytes(header);
}

/**
 * Views one native frame's bytes as stored values. `bytes` must be exactly the frame and is taken over:
 * big-endian data is byte-swapped in place. The bytes are copied only when misaligned for the type.
 */
export function nativeFrame(bytes: Uint8Array, header: SliceHeader): StoredPixels {
  if (header.samplesPerPixel !== 1) {
    throw new DelineateError('unsupported', `${header.source}: ${header.samplesPerPixel} samples per pixel (colour) is not a CT/MR image`);
  }
  const expected = nativeFrameBytes(header);
  if (bytes.byteLength < expected) {
    throw new DelineateError('bad-data', `${header.source}: pixel data is truncated (${bytes.byteLength} of ${expected} bytes)`);
  }
  const width = header.bitsAllocated / 8;
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  if (header.transferSyntaxUid === TransferSyntax.ExplicitBig && width > 1) swapBytes(aligned, width);
  const { buffer, byteOffset } = aligned;
  const count = header.rows * header.columns;
  const signed = header.pixelRepresentation === 1;
  switch (header.bitsAllocated) {
    case 8:
      return signed ? new Int8Array(buffer, byteOffset, count) : new Uint8Array(buffer, byteOffset, count);
    case 16:
      return signed ? new Int16Array(buffer, byteOffset, count) : new Uint16Array(buffer, byteOffset, count);
    case 32:
      return signed ? new Int32Array(buffer, byteOffset, count) : new Uint32Array(buffer, byteOffset, count);
    default:
      throw new DelineateError('unsupported', `${header.source}: ${header.bitsAllocated} bits allocated per pixel is not supported`);
  }
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let n = 0; n + width <= bytes.length; n += width) {
    for (let a = n, b = n + width - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}
