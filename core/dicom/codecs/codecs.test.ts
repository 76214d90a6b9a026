// Every transfer syntax on real files (../shared/data/transfer_syntaxes, MIT, cornerstone3D test data):
// lossless encodings must give exactly the uncompressed pixels, lossy ones stay within a measured
// tolerance (core/testing/transfer-syntax-cases.ts, shared with e2e/codecs.spec.ts); the last block compares
// with dcmtk's and GDCM's own decoding.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelineateError } from '../../errors.ts';
import {
  encodedFrameOf,
  losslessCt,
  losslessRgb,
  lossyCt,
  lossyYbr,
  nativeRgbPattern,
  sampleDifference,
  uncompressedCt,
} from '../../testing/transfer-syntax-cases.ts';
import type { StoredPixels } from '../pixels.ts';
import {
  configureCodecs,
  decodeFrame,
  frameBytes,
  frameInfoOf,
  isSupportedTransferSyntax,
  transferSyntaxName,
  type WasmCodecName,
} from './index.ts';

const dataDir = fileURLToPath(new URL('../../../../shared/data/transfer_syntaxes/', import.meta.url));

const wasmFiles: Record<WasmCodecName, string> = {
  'libjpeg-turbo': '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
  charls: '@cornerstonejs/codec-charls/decodewasm',
  openjpeg: '@cornerstonejs/codec-openjpeg/decodewasm',
};
const require = createRequire(import.meta.url);
beforeAll(() => configureCodecs({ wasm: async (name) => new Uint8Array(readFileSync(require.resolve(wasmFiles[name]))) }));

/** Parses a file (inflating a deflated dataset) and decodes one frame. */
async function decodeFile(path: string, frame = 0) {
  const encoded = encodedFrameOf(new Uint8Array(readFileSync(path)), path, frame);
  return { ...encoded, pixels: await decodeFrame(encoded.uid, encoded.bytes, encoded.info) };
}

let uncompressed: StoredPixels;
beforeAll(async () => {
  uncompressed = (await decodeFile(`${dataDir}${uncompressedCt}`)).pixels;
});

describe('lossless encodings of CTImage.dcm', () => {
  it('the uncompressed reference is 512x512 signed 16-bit', () => {
    expect(uncompressed).toBeInstanceOf(Int16Array);
    expect(uncompressed.length).toBe(512 * 512);
  });

  it.each(losslessCt.map(({ label, file }) => [label, `${dataDir}${file}`]))('%s decodes to exactly the uncompressed pixels', async (_, path) => {
    const { pixels } = await decodeFile(path);
    expect(pixels).toBeInstanceOf(Int16Array);
    expect(sampleDifference(pixels, uncompressed).max).toBe(0);
  });
});

describe('lossy encodings of CTImage.dcm, in HU against the uncompressed slice', () => {
  it.each(lossyCt.map(({ label, file, maxHu, meanHu }) => [label, `${dataDir}${file}`, maxHu, meanHu] as const))('%s', async (_, path, maxHu, meanHu) => {
    const { pixels, slope, intercept } = await decodeFile(path);
    expect(pixels.length).toBe(512 * 512);
    const { max, mean } = sampleDifference(pixels, uncompressed, (v) => v * slope + intercept, (v) => v - 1024);
    expect(max).toBeLessThanOrEqual(maxHu);
    expect(mean).toBeLessThanOrEqual(meanHu);
  });
});

describe('multi-frame and colour', () => {
  it('splits the fragmented 2-frame JPEG file without a Basic Offset Table', async () => {
    const path = `${dataDir}CT0012.fragmented_no_bot_jpeg_baseline.51.dcm`;
    const first = await decodeFile(path, 0);
    const second = await decodeFile(path, 1);
    expect(first.pixels.length).toBe(512 * 512);
    expect(second.pixels.length).toBe(512 * 512);
    expect(sampleDifference(first.pixels, second.pixels).max).toBeGreaterThan(0);
    await expect(decodeFile(path, 2)).rejects.toThrow(/frame 2 asked for, the file has 2/);
  });

  it.each(losslessRgb.map(({ label, file }) => [label, file]))('%s equals the native RGB test pattern', async (_, name) => {
    const native = await decodeFile(`${dataDir}${nativeRgbPattern}`);
    const { pixels } = await decodeFile(`${dataDir}${name}`);
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect(sampleDifference(pixels, native.pixels).max).toBe(0);
  });

  it.each(lossyYbr.map(({ label, file, meanLimit }) => [label, file, meanLimit] as const))('JPEG baseline %s comes back as RGB close to the native pattern', async (_, name, meanLimit) => {
    const native = await decodeFile(`${dataDir}${nativeRgbPattern}`);
    const { pixels } = await decodeFile(`${dataDir}${name}`);
    expect(sampleDifference(pixels, native.pixels).mean).toBeLessThanOrEqual(meanLimit);
  });

  it('expands native YBR_FULL_422 to 3 RGB samples per pixel', async () => {
    const { pixels, info } = await decodeFile(`${dataDir}US-YBR_FULL_422-EVRLE.dcm`);
    expect(pixels.length).toBe(info.rows * info.columns * 3);
  });

  it('returns palette indices as stored (RLE, 8-bit)', async () => {
    const { pixels } = await decodeFile(`${dataDir}no-pixel-spacing.dcm`);
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect(pixels.length).toBe(800 * 600);
  });
});

describe('our DCT decoder (jpeg/) against libjpeg-turbo on 8-bit baseline files', () => {
  // The same codestream through both: decodeFrame picks libjpeg-turbo for .50 and our decoder for .51.
  it.each([
    // Measured: grey max 1 / mean 0.010; YBR_FULL max 2 / mean 0.006 (float vs integer IDCT);
    // YBR_FULL_422 max 61 / mean 0.25: we replicate subsampled chroma, libjpeg interpolates it.
    ['CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm', 1, 0.011],
    ['TestPattern_JPEG-Baseline_YBRFull.dcm', 2, 0.007],
    ['TestPattern_JPEG-Baseline_YBR422.dcm', 61, 0.25],
  ])('%s: max %i, mean <= %f', async (name, maxLimit, meanLimit) => {
    const bytes = new Uint8Array(readFileSync(`${dataDir}${name}`));
    const ds = dicomParser.parseDicom(bytes);
    const info = frameInfoOf(ds, name);
    const frame = frameBytes(bytes, ds, info, 0);
    const wasm = await decodeFrame('1.2.840.10008.1.2.4.50', frame, info);
    const ours = await decodeFrame('1.2.840.10008.1.2.4.51', frame, info);
    const { max, mean } = sampleDifference(ours, wasm);
    expect(max).toBeLessThanOrEqual(maxLimit);
    expect(mean).toBeLessThanOrEqual(meanLimit);
  });
});

describe('transfer syntax names and refusals', () => {
  it('names syntaxes and knows which it decodes', () => {
    expect(transferSyntaxName('1.2.840.10008.1.2.4.55')).toMatch(/Full Progression/);
    expect(isSupportedTransferSyntax('1.2.840.10008.1.2.4.201')).toBe(false);
    expect(transferSyntaxName('1.2.3.4')).toBe('unknown transfer syntax');
  });

  it('refuses an unsupported syntax with the file, the UID and its name', async () => {
    const info = frameInfoOf(dicomParser.parseDicom(new Uint8Array(readFileSync(`${dataDir}CTImage.dcm`))), 'scan.dcm');
    const attempt = decodeFrame('1.2.840.10008.1.2.4.201', new Uint8Array(4), info);
    await expect(attempt).rejects.toBeInstanceOf(DelineateError);
    await expect(attempt).rejects.toMatchObject({
      code: 'unsupported',
      message: 'scan.dcm: transfer syntax 1.2.840.10008.1.2.4.201 (High-Throughput JPEG 2000 (Lossless Only)) is not supported',
    });
  });

  it('refuses corrupt JPEG data as bad data, naming the file', async () => {
    const info = frameInfoOf(dicomParser.parseDicom(new Uint8Array(readFileSync(`${dataDir}CTImage.dcm`))), 'broken.dcm');
    await expect(decodeFrame('1.2.840.10008.1.2.4.70', new Uint8Array([1, 2, 3]), info)).rejects.toMatchObject({
      code: 'bad-data',
      message: expect.stringMatching(/^broken\.dcm: /),
    });
  });
});

/**
 * The same files decoded by dcmtk (dcmdjpeg, dcm2pnm) and GDCM (gdcmconv --raw) at test time, where those
 * tools are installed (Debian: dcmtk, libgdcm-tools); skipped otherwise. Their output is native explicit
 * VR little endian, read back through the native path proved exact above.
 */
describe('against dcmtk and GDCM', () => {
  const has = (tool: string) => spawnSync(tool, ['--version']).status === 0;
  const scratch = mkdtempSync(join(tmpdir(), 'delineate-codecs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let outputs = 0;
  const convert = (tool: string, args: (input: string, output: string) => string[], name: string) => {
    const output = join(scratch, `${outputs++}.out`);
    const run = spawnSync(tool, args(`${dataDir}${name}`, output));
    if (run.status !== 0) throw new Error(`${tool} failed on ${name}: ${String(run.stderr)}`);
    return output;
  };

  it.skipIf(!has('dcmdjpeg')).each([
    ['CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm', 0],
    ['CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm', 0],
    ['CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm', 0],
    ['CT0012.fragmented_no_bot_jpeg_baseline.51.dcm', 0],
    ['CT0012.fragmented_no_bot_jpeg_baseline.51.dcm', 1],
  ])('12-bit %s frame %i is within 1 of dcmdjpeg (measured mean 0.01-0.03)', async (name, frame) => {
    const ours = await decodeFile(`${dataDir}${name}`, frame);
    const theirs = await decodeFile(convert('dcmdjpeg', (i, o) => [i, o], name), frame);
    const { max, mean } = sampleDifference(ours.pixels, theirs.pixels);
    expect(max).toBeLessThanOrEqual(1);
    expect(mean).toBeLessThan(0.03);
  });

  it.skipIf(!has('dcmdjpeg')).each([
    'CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm',
    'TestPattern_JPEG-Baseline_YBRFull.dcm',
    'TestPattern_JPEG-Baseline_YBR422.dcm',
  ])('JPEG baseline %s equals dcmdjpeg exactly (RGB for colour)', async (name) => {
    const ours = await decodeFile(`${dataDir}${name}`);
    const theirs = await decodeFile(convert('dcmdjpeg', (i, o) => [i, o], name));
    expect(theirs.info.photometricInterpretation).toMatch(/^(MONOCHROME2|RGB)$/);
    expect(sampleDifference(ours.pixels, theirs.pixels).max).toBe(0);
  });

  it.skipIf(!has('gdcmconv')).each([
    'CT1_J2KR',
    'CT2_J2KR',
    'CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm',
    'CTImage.dcm_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm',
    'CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm',
    'CTImage.dcm_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm',
    'CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm',
    'TestPattern_JPEG-LS-Lossless.dcm',
    'TestPattern_JPEG-LS-NearLossless.dcm',
    'TestPattern_JPEG-Lossless_RGB.dcm',
    'no-pixel-spacing.dcm',
  ])('%s equals gdcmconv --raw exactly', async (name) => {
    const ours = await decodeFile(`${dataDir}${name}`);
    const theirs = await decodeFile(convert('gdcmconv', (i, o) => ['--raw', i, o], name));
    expect(ours.pixels.length).toBe(theirs.pixels.length);
    expect(sampleDifference(ours.pixels, theirs.pixels).max).toBe(0);
  });

  it.skipIf(!has('dcm2pnm'))('native YBR_FULL_422 converts to within 1 of dcm2pnm\'s RGB (measured mean 0.23)', async () => {
    const name = 'US-YBR_FULL_422-EVRLE.dcm';
    const ours = await decodeFile(`${dataDir}${name}`);
    const ppm = new Uint8Array(readFileSync(convert('dcm2pnm', (i, o) => ['--write-raw-pnm', i, o], name)));
    const rgb = ppm.subarray(ppm.length - ours.pixels.length); // binary P6 body after the text header
    const { max, mean } = sampleDifference(ours.pixels, rgb);
    expect(max).toBeLessThanOrEqual(1);
    expect(mean).toBeLessThan(0.25);
  });
});
