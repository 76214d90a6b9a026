import type { StoredPixels } from '../pixels.ts';
import { allocateStored, checkDecodedSize, type FrameInfo } from './frame-info.ts';
import { decodeJpeg } from './jpeg/decoder.ts';

/**
 * JPEG extended (12-bit), progressive and lossless frames through our own decoder (jpeg/): the 8-bit
 * libjpeg-turbo build cannot do 12-bit, and one Huffman decoder serves all three processes.
 */
export function decodeJpegOwn(encoded: Uint8Array, info: FrameInfo, codec: string): StoredPixels {
  const image = decodeJpeg(encoded, info.source);
  checkDecodedSize(info, image.width, image.height, image.components, codec);
  if (info.bitsAllocated === 16 && info.pixelRepresentation === 0) return image.samples;
  // Signed data is coded as its two's-complement bit pattern; the typed array assignment reinterprets it.
  const out = allocateStored(info, image.samples.length);
  out.set(image.samples);
  return out;
}
