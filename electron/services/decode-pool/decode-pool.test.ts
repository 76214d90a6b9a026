import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrame, frameBytes, frameInfoOf, type FrameInfo } from '../../../core/dicom/codecs/index.ts';
import { DelineateError } from '../../../core/errors.ts';
import { DecodePool } from './decode-pool.ts';
import { configureNodeCodecs } from './node-wasm.ts';

const dataDir = fileURLToPath(new URL('../../../../shared/data/transfer_syntaxes/', import.meta.url));

function frameOf(name: string, frame = 0): { uid: string; bytes: Uint8Array; info: FrameInfo } {
  const file = new Uint8Array(readFileSync(`${dataDir}${name}`));
  const ds = dicomParser.parseDicom(file);
  const info = frameInfoOf(ds, name);
  return { uid: ds.string('x00020010')!.trim(), bytes: frameBytes(file, ds, info, frame), info };
}

const files = [
  'CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm',
  'CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm',
  'CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm',
  'TestPattern_JPEG-Baseline_YBR422.dcm',
];

describe('DecodePool', () => {
  configureNodeCodecs();
  const pool = new DecodePool({ size: 2 });
  afterAll(() => pool.close());

  it('decodes frames in worker threads exactly as decodeFrame does in this thread', async () => {
    const results = await Promise.all(files.map((name) => { const f = frameOf(name); return pool.decode(f.uid, f.bytes, f.info); }));
    for (const [index, name] of files.entries()) {
      const f = frameOf(name);
      const inThread = await decodeFrame(f.uid, f.bytes, f.info);
      expect(results[index]!.constructor).toBe(inThread.constructor);
      expect(results[index]).toEqual(inThread);
    }
  }, 60_000);

  it('hands an owned frame buffer to the worker, and copies a view into a bigger one', async () => {
    const f = frameOf('CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm');
    const view = f.bytes;
    const owned = view.slice();
    await pool.decode(f.uid, view, f.info);
    expect(view.byteLength).toBeGreaterThan(0); // the file stays usable
    await pool.decode(f.uid, owned, f.info);
    expect(owned.byteLength).toBe(0); // transferred, not copied
  }, 60_000);

  it('brings the worker error back as the same DelineateError', async () => {
    const f = frameOf('CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm');
    const attempt = pool.decode('1.2.840.10008.1.2.4.110', f.bytes, f.info);
    await expect(attempt).rejects.toBeInstanceOf(DelineateError);
    await expect(attempt).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('(JPEG XL Lossless) is not supported') });
  }, 60_000);

  it('decodes in this thread when it has one core', async () => {
    const single = new DecodePool({ size: 1 });
    const f = frameOf(files[0]!);
    expect(await single.decode(f.uid, f.bytes, f.info)).toEqual(await decodeFrame(f.uid, f.bytes, f.info));
    await single.close();
  });
});
