import { open } from 'node:fs/promises';
import type { SliceHeader } from '../../core/dicom/header.ts';
import { isNativeSyntax, nativeFrame, nativeFrameBytes, nativeFrameOffset, type StoredPixels } from '../../core/dicom/pixels.ts';
import { DelineateError } from '../../core/errors.ts';

/**
 * Stored values of one frame. Native frames are read straight from their offset in the file (found by the
 * header scan), so a 400-slice CT is read once with no parsing; compressed frames are decoded.
 */
export async function readFrame(header: SliceHeader): Promise<StoredPixels> {
  if (isNativeSyntax(header.transferSyntaxUid) && header.pixelData && !header.pixelData.encapsulated) {
    const bytes = new Uint8Array(nativeFrameBytes(header));
    const handle = await open(header.source, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new DelineateError('io', `${header.source}: cannot be read (${error.code ?? String(error)})`);
    });
    try {
      const { bytesRead } = await handle.read(bytes, 0, bytes.byteLength, nativeFrameOffset(header));
      return nativeFrame(bytes.subarray(0, bytesRead), header);
    } finally {
      await handle.close();
    }
  }
  throw new DelineateError('unsupported', `${header.source}: transfer syntax ${header.transferSyntaxUid} is not supported yet`);
}
