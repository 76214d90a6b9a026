import { DelineateError } from '../errors.ts';
import type { SliceHeader } from './header.ts';

/**
 * Refuses an image whose declared size its file cannot hold, before anything is allocated for it: a
 * damaged NumberOfFrames, Rows or Columns would otherwise ask for gigabytes (or 2^31 frame headers).
 * Native pixel data must hold every declared frame; encapsulated pixel data needs at least one 8-byte item
 * header per frame. `fileBytes` is the file's size on disk when the caller read only its head.
 */
export function checkDeclaredSize(header: SliceHeader, fileBytes: number): void {
  const { numberOfFrames: frames, pixelData, source } = header;
  if (!Number.isInteger(frames) || frames < 1) {
    throw new DelineateError('bad-data', `${source}: NumberOfFrames is ${frames}, not a whole number of frames`);
  }
  if (!pixelData) return;
  const available = Math.max(0, fileBytes - pixelData.offset);
  if (pixelData.encapsulated) {
    if (frames > available / 8) {
      throw new DelineateError('bad-data', `${source}: NumberOfFrames is ${frames}, but only ${available} bytes of pixel data follow: the file cannot hold that many frames`);
    }
    return;
  }
  // Native YBR_FULL_422 carries 2 samples per pixel on the wire.
  const wireSamples = header.photometricInterpretation === 'YBR_FULL_422' ? 2 : header.samplesPerPixel;
  const needed = Math.ceil((frames * header.rows * header.columns * wireSamples * header.bitsAllocated) / 8);
  const held = Math.min(pixelData.length ?? available, available);
  if (needed > held) {
    throw new DelineateError(
      'bad-data',
      `${source}: pixel data holds ${held} bytes, but ${frames} frame(s) of ${header.columns}x${header.rows} at ${header.bitsAllocated} bits need ${needed}: ` +
        'the file is truncated or its image size is wrong',
    );
  }
}
