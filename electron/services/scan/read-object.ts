import { open } from 'node:fs/promises';
import { classify, type DicomObject } from '../../../core/dicom/classify.ts';
import { parseDataSet } from '../../../core/dicom/header.ts';
import { readBytes } from '../dicom-files.ts';

/** Most headers end well before this; pixel data is never needed to classify a file. */
const headBytes = 64 * 1024;

/**
 * Reads what a file is without reading its pixels: the first 64 KiB are parsed up to the pixel data, and
 * only files whose header is longer (RT structure sets, deflated files) are read whole.
 */
export async function readDicomObject(path: string): Promise<DicomObject> {
  const head = await readHead(path);
  if (head.byteLength < 8) return { kind: 'other', reason: `${path}: too short to be DICOM (${head.byteLength} bytes)` };
  try {
    return classify(parseDataSet(head.bytes, path, true), path, head.byteLength);
  } catch (error) {
    if (head.complete) throw error;
    const whole = await readBytes(path);
    return classify(parseDataSet(whole, path, true), path, whole.byteLength);
  }
}

async function readHead(path: string): Promise<{ bytes: Uint8Array; byteLength: number; complete: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(Math.min(size, headBytes));
    await handle.read(bytes, 0, bytes.byteLength, 0);
    return { bytes, byteLength: size, complete: size <= headBytes };
  } finally {
    await handle.close();
  }
}
