import { DelineateError } from '../../errors.ts';
import type { StoredPixels } from '../pixels.ts';
import { isYbr, ybrFullToRgb } from './color.ts';
import { normaliseToBitsStored, type FrameInfo } from './frame-info.ts';
import { decodeJpegOwn } from './jpeg-frames.ts';
import { decodeNative } from './native.ts';
import { decodeRle } from './rle.ts';
import { isSupportedTransferSyntax, supportedSyntaxes, transferSyntaxName, type CodecFamily } from './syntaxes.ts';
import { decodeJpeg2000, decodeJpegBaselineWasm, decodeJpegLs } from './wasm-frames.ts';

type FamilyDecoder = (encoded: Uint8Array, info: FrameInfo, uid: string) => StoredPixels | Promise<StoredPixels>;

const decoders: Record<CodecFamily, FamilyDecoder> = {
  native: (bytes, info, uid) => decodeNative(bytes, info, uid === '1.2.840.10008.1.2.2'),
  rle: decodeRle,
  'jpeg-baseline-wasm': decodeJpegBaselineWasm,
  'jpeg-dct': (bytes, info) => decodeJpegOwn(bytes, info, 'JPEG'),
  'jpeg-lossless': (bytes, info) => decodeJpegOwn(bytes, info, 'JPEG lossless'),
  'jpeg-ls': decodeJpegLs,
  'jpeg-2000': decodeJpeg2000,
};

/** libjpeg converts YCbCr to RGB while decoding; every other family hands back the samples as coded. */
const convertsYbrItself: Record<CodecFamily, boolean> = {
  native: false,
  rle: false,
  'jpeg-baseline-wasm': true,
  'jpeg-dct': false,
  'jpeg-lossless': false,
  'jpeg-ls': false,
  'jpeg-2000': false,
};

/**
 * Decodes one frame to its stored values (before rescale), row-major with the column index fastest, in
 * a typed array that matches BitsAllocated and PixelRepresentation, masked to BitsStored. Colour frames
 * come back as interleaved RGB (YBR_FULL and YBR_FULL_422 converted). `encodedFrame` is the frame's
 * bytes: the native pixel data of that frame, or the joined fragments of an encapsulated one
 * (see encapsulatedFrame).
 */
export async function decodeFrame(transferSyntaxUid: string, encodedFrame: Uint8Array, info: FrameInfo): Promise<StoredPixels> {
  if (!isSupportedTransferSyntax(transferSyntaxUid)) {
    throw new DelineateError(
      'unsupported',
      `${info.source}: transfer syntax ${transferSyntaxUid} (${transferSyntaxName(transferSyntaxUid)}) is not supported`,
    );
  }
  if (info.samplesPerPixel !== 1 && info.samplesPerPixel !== 3) {
    throw new DelineateError('unsupported', `${info.source}: ${info.samplesPerPixel} samples per pixel is not supported`);
  }
  const family = supportedSyntaxes[transferSyntaxUid].codec;
  const pixels = normaliseToBitsStored(await decoders[family](encodedFrame, info, transferSyntaxUid), info);
  if (info.samplesPerPixel === 3 && isYbr(info.photometricInterpretation) && !convertsYbrItself[family]) {
    return ybrFullToRgb(pixels, info.bitsStored);
  }
  return pixels;
}
