// The renderer's codecs in Chromium: one frame of every file in ../shared/data/transfer_syntaxes, parsed
// here (parsing stays on the main side) and decoded by the renderer's Web Worker pool on the codec check
// page (renderer/codec-check.html), whose own thread never configures the codecs. Every frame must come
// back exactly as core's decodeFrame gives it in Node; lossless encodings exactly the uncompressed pixels,
// lossy ones within the limits the Node codec tests use (core/testing/transfer-syntax-cases.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeFrame, type DecodedFrame, type DecodeScheduler, type FrameInfo } from '../core/dicom/codecs/index.ts';
import {
  encodedFrameOf,
  losslessCt,
  losslessRgb,
  lossyCt,
  lossyYbr,
  nativeRgbPattern,
  sampleDifference,
  uncompressedCt,
} from '../core/testing/transfer-syntax-cases.ts';
import { configureNodeCodecs } from '../electron/services/decode-pool/node-wasm.ts';
import { launchApp, sharedData, target, type LaunchedApp } from './launch.ts';

const dataDir = join(sharedData, 'transfer_syntaxes');
/** A syntax the codecs do not decode: its refusal must name it. */
const unsupportedUid = '1.2.840.10008.1.2.4.201';
/** Lossy files, whose pixels come back whole for the tolerance checks; the others come back as a SHA-256. */
const lossyFiles = new Set([...lossyCt, ...lossyYbr].map(({ file }) => file));

/**
 * A frame as it crosses into the page. Bytes travel as base64 strings: Playwright's own typed array
 * serialisation walks byte by byte in Node 20 and took ~18 s for these frames on a busy machine.
 */
interface FrameRequest {
  readonly uid: string;
  readonly base64: string;
  readonly info: FrameInfo;
  readonly wantPixels: boolean;
}
/** What the page says of one frame: the decoded array's type, length and SHA-256, or the worker's error. */
type PageAnswer =
  | { readonly type: string; readonly length: number; readonly sha256: string; readonly base64?: string }
  | { readonly error: { readonly code: string; readonly message: string } };

test.skip(target === 'electron', 'the codec check page is opened through the browser host; the Electron target loads only the app');

let app: LaunchedApp;
const frames = new Map<string, ReturnType<typeof encodedFrameOf>>();
/** Files this side refuses before any decoding, with the reason. */
const refused = new Map<string, string>();
const inBrowser = new Map<string, PageAnswer>();
let unsupported: PageAnswer;
let pool: { size: number; started: number; cores: number };

test.beforeAll(async () => {
  for (const name of readdirSync(dataDir).sort()) {
    try {
      frames.set(name, encodedFrameOf(new Uint8Array(readFileSync(join(dataDir, name))), name));
    } catch (error) {
      refused.set(name, error instanceof Error ? error.message : String(error));
    }
  }
  app = await launchApp({ open: join(dataDir, uncompressedCt), page: 'codec-check.html' });
  await expect(app.page.locator('body')).toHaveAttribute('data-state', 'ready');
  const request = (uid: string, bytes: Uint8Array, info: FrameInfo, wantPixels = false): FrameRequest => ({
    uid,
    base64: Buffer.from(bytes).toString('base64'),
    info,
    wantPixels,
  });
  const requests = [...frames].map(([name, { uid, bytes, info }]) => request(uid, bytes, info, lossyFiles.has(name)));
  const ct = frames.get(uncompressedCt)!;
  requests.push(request(unsupportedUid, ct.bytes, ct.info));
  const answers = await app.page.evaluate(async (all) => {
    // Uint8Array.fromBase64 and toBase64: Chromium 140 and later (not yet in TypeScript's lib).
    type Base64 = { fromBase64(text: string): Uint8Array };
    const hex = (digest: ArrayBuffer) => [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const decodePool = (window as unknown as { decodePool: DecodeScheduler }).decodePool;
    const started = performance.now();
    const decoded = await Promise.all(
      all.map(({ uid, base64, info, wantPixels }) =>
        decodePool.decode(uid, (Uint8Array as unknown as Base64).fromBase64(base64), info).then(
          async (pixels): Promise<PageAnswer> => {
            const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) as Uint8Array<ArrayBuffer> & { toBase64(): string };
            const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
            return { type: pixels.constructor.name, length: pixels.length, sha256, base64: wantPixels ? bytes.toBase64() : undefined };
          },
          (error: { code: string; message: string }): PageAnswer => ({ error: { code: error.code, message: error.message } }),
        ),
      ),
    );
    const ms = Math.round(performance.now() - started);
    return { decoded, ms, size: decodePool.size, started: decodePool.started, cores: navigator.hardwareConcurrency };
  }, requests);
  console.log(`decoded ${requests.length} frames in ${answers.ms} ms on ${answers.started} workers in Chromium`);
  [...frames.keys()].forEach((name, index) => inBrowser.set(name, answers.decoded[index]!));
  unsupported = answers.decoded.at(-1)!;
  pool = answers;
});
test.afterAll(async () => {
  await app?.close();
});

const sha256 = (pixels: DecodedFrame) => createHash('sha256').update(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength)).digest('hex');

/** What the renderer's pool gave for a file, failing with the worker's message when it gave no pixels. */
function decodedInBrowser(name: string): Exclude<PageAnswer, { error: unknown }> {
  const answer = inBrowser.get(name);
  if (!answer) throw new Error(`${name} was not decoded in the browser`);
  if ('error' in answer) throw new Error(`${name}: ${answer.error.code}: ${answer.error.message}`);
  return answer;
}

const typedArrays: Record<string, new (buffer: ArrayBuffer) => DecodedFrame> = { Int8Array, Uint8Array, Int16Array, Uint16Array };

/** A lossy file's pixels as the renderer decoded them. */
function browserPixels(name: string): DecodedFrame {
  const { type, base64 } = decodedInBrowser(name);
  // A copy into a buffer of its own: aligned for 16-bit views, and not a slice of Node's shared pool.
  return new typedArrays[type]!(new Uint8Array(Buffer.from(base64!, 'base64')).buffer);
}

/** A reference decoded in Node: the test above proves the renderer gives the same bytes. */
async function nodePixels(name: string): Promise<DecodedFrame> {
  configureNodeCodecs();
  const { uid, bytes, info } = frames.get(name)!;
  return decodeFrame(uid, bytes, info);
}

test('the pool runs one worker per core, and only a licence and a file without pixel data are not frames', () => {
  expect(pool.size).toBe(pool.cores);
  expect(pool.started).toBeGreaterThanOrEqual(1);
  expect(pool.started).toBeLessThanOrEqual(pool.size);
  expect(Object.fromEntries(refused)).toEqual({
    LICENSE: expect.stringContaining('not a valid DICOM P10 file'),
    'no-pixel-data.dcm': 'no-pixel-data.dcm: the file has no pixel data',
  });
});

test('every frame decodes in the renderer to exactly the bytes core decodes in Node', async () => {
  for (const name of frames.keys()) {
    const inNode = await nodePixels(name);
    expect.soft(decodedInBrowser(name), name).toMatchObject({ type: inNode.constructor.name, length: inNode.length, sha256: sha256(inNode) });
  }
});

test('lossless encodings give exactly the uncompressed pixels', async () => {
  const ct = await nodePixels(uncompressedCt);
  expect(ct).toBeInstanceOf(Int16Array);
  for (const { label, file } of losslessCt) expect.soft(decodedInBrowser(file).sha256, label).toBe(sha256(ct));
  const rgb = await nodePixels(nativeRgbPattern);
  for (const { label, file } of losslessRgb) expect.soft(decodedInBrowser(file).sha256, label).toBe(sha256(rgb));
});

test('lossy encodings stay within the Node tests\' limits', async () => {
  const ct = await nodePixels(uncompressedCt);
  for (const { label, file, maxHu, meanHu } of lossyCt) {
    const { slope, intercept } = frames.get(file)!;
    const { max, mean } = sampleDifference(browserPixels(file), ct, (v) => v * slope + intercept, (v) => v - 1024);
    expect.soft(max, label).toBeLessThanOrEqual(maxHu);
    expect.soft(mean, label).toBeLessThanOrEqual(meanHu);
  }
  const rgb = await nodePixels(nativeRgbPattern);
  for (const { label, file, meanLimit } of lossyYbr) {
    expect.soft(sampleDifference(browserPixels(file), rgb).mean, label).toBeLessThanOrEqual(meanLimit);
  }
});

test('an unsupported syntax comes back from a worker as a refusal naming it', () => {
  expect(unsupported).toEqual({
    error: {
      code: 'unsupported',
      message: `${uncompressedCt}: transfer syntax ${unsupportedUid} (High-Throughput JPEG 2000 (Lossless Only)) is not supported`,
    },
  });
});
