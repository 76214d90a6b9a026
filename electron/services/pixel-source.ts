import { open } from 'node:fs/promises';
import { frameBytes } from '../../core/dicom/codecs/index.ts';
import { parseDataSet, type SliceHeader } from '../../core/dicom/header.ts';
import { isNativeSyntax, nativeFrame, nativeFrameBytes, nativeFrameOffset, type StoredPixels } from '../../core/dicom/pixels.ts';
import { DelineateError } from '../../core/errors.ts';
import { DecodePool } from './decode-pool/decode-pool.ts';
import { readBytes } from './dicom-files.ts';

let pool: DecodePool | undefined;

/** Native, not deflated, not encapsulated: the frame's bytes lie as-is at a known offset in the file. */
export function isDirectlyReadable(header: SliceHeader): boolean {
  return isNativeSyntax(header.transferSyntaxUid) && header.pixelData !== undefined && !header.pixelData.encapsulated;
}

/** Reads a native frame's bytes into `dest` (exactly its size) and returns the part filled. */
export async function readNativeFrameInto(header: SliceHeader, dest: Uint8Array): Promise<Uint8Array> {
  const handle = await open(header.source, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new DelineateError('io', `${header.source}: cannot be read (${error.code ?? String(error)})`);
  });
  try {
    const { bytesRead } = await handle.read(dest, 0, dest.byteLength, nativeFrameOffset(header));
    return dest.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One pool per process, started on the first compressed frame; its workers idle without holding the process. */
function decodePool(): DecodePool {
  return (pool ??= new DecodePool());
}

/**
 * Stored values of one frame. Native frames are read straight from their offset in the file (found by the
 * header scan), so a 400-slice CT is read once with no parsing; compressed (and deflated) frames are read
 * whole and decoded on the decode pool's worker threads, one per core.
 */
export async function readFrame(header: SliceHeader): Promise<StoredPixels> {
  if (isDirectlyReadable(header)) {
    const bytes = new Uint8Array(nativeFrameBytes(header));
    return nativeFrame(await readNativeFrameInto(header, bytes), header);
  }
  const ds = parseDataSet(await readBytes(header.source), header.source, false);
  // SliceHeader carries every FrameInfo field, so it describes the frame to the decoder as it is.
  const encoded = frameBytes(ds.byteArray, ds, header, header.frameIndex);
  return decodePool().decode(header.transferSyntaxUid, encoded, header);
}
