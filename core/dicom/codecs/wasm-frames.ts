import { DelineateError } from '../../errors.ts';
import type { StoredPixels } from '../pixels.ts';
import { interleavePlanes } from './color.ts';
import { allocateStored, checkDecodedSize, viewStored, type FrameInfo } from './frame-info.ts';
import { runWasmDecoder, wasmModule, type WasmDecoder } from './wasm-codecs.ts';

/** JPEG baseline (.50) through libjpeg-turbo. YCbCr frames come back as RGB: libjpeg converts them itself. */
export async function decodeJpegBaselineWasm(encoded: Uint8Array, info: FrameInfo): Promise<StoredPixels> {
  const { JPEGDecoder } = await wasmModule('libjpeg-turbo');
  return decodeWith(new JPEGDecoder(), encoded, info, 'JPEG baseline');
}

/** JPEG-LS lossless and near-lossless (.80, .81) through CharLS. */
export async function decodeJpegLs(encoded: Uint8Array, info: FrameInfo): Promise<StoredPixels> {
  const { JpegLSDecoder } = await wasmModule('charls');
  return decodeWith(new JpegLSDecoder(), encoded, info, 'JPEG-LS');
}

/** JPEG 2000 (.90, .91) through OpenJPEG, which also undoes the colour transform (YBR_RCT / YBR_ICT). */
export async function decodeJpeg2000(encoded: Uint8Array, info: FrameInfo): Promise<StoredPixels> {
  const { J2KDecoder } = await wasmModule('openjpeg');
  return decodeWith(new J2KDecoder(), encoded, info, 'JPEG 2000');
}

function decodeWith(decoder: WasmDecoder, encoded: Uint8Array, info: FrameInfo, codec: string): StoredPixels {
  let result: ReturnType<typeof runWasmDecoder>;
  try {
    result = runWasmDecoder(decoder, encoded);
  } catch (error) {
    // Emscripten throws numbers and strings as well as Errors.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DelineateError('bad-data', `${info.source}: ${codec} data does not decode (${reason})`);
  }
  const { bytes, frame, interleaveMode } = result;
  checkDecodedSize(info, frame.width, frame.height, frame.componentCount, codec);
  const pixels = fromCodecBytes(bytes, frame.bitsPerSample > 8 ? 2 : 1, info);
  // CharLS returns a frame coded without interleaving (mode 0) as planes.
  if (interleaveMode === 0 && info.samplesPerPixel > 1) return interleavePlanes(pixels, info.samplesPerPixel);
  return pixels;
}

/** Little-endian codec samples of 1 or 2 bytes into the frame's typed array, widening 8-bit samples if needed. */
export function fromCodecBytes(bytes: Uint8Array, bytesPerSample: 1 | 2, info: FrameInfo): StoredPixels {
  const count = info.rows * info.columns * info.samplesPerPixel;
  if (bytes.length < count * bytesPerSample) {
    throw new DelineateError('bad-data', `${info.source}: decoded frame has ${bytes.length} bytes, expected ${count * bytesPerSample}`);
  }
  if (bytesPerSample * 8 === info.bitsAllocated && bytes.byteOffset === 0) {
    const length = count * bytesPerSample;
    return viewStored(info, (bytes.byteLength === length ? bytes.buffer : bytes.buffer.slice(0, length)) as ArrayBuffer);
  }
  const out = allocateStored(info, count);
  const source = bytesPerSample === 1 ? bytes : new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  for (let i = 0; i < count; i++) out[i] = source[i]!;
  return out;
}
