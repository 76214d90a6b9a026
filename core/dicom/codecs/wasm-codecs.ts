// The glue packages ship no types; the reference carries their declarations into every tsconfig that
// compiles this file (core, electron, renderer), which an `import` of a .d.ts cannot do.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./wasm-glue.d.ts" />
import { DelineateError } from '../../errors.ts';

/** The WebAssembly codecs, each loaded once, on first use. */
export type WasmCodecName = 'libjpeg-turbo' | 'charls' | 'openjpeg';

/**
 * Where a codec's .wasm comes from. core/ cannot read files or know URLs, so the host supplies it:
 * bytes (Node: read from node_modules) or a URL the glue fetches (renderer: a Vite `?url` import).
 */
export type WasmSource = ArrayBuffer | Uint8Array | string;

export interface CodecEnvironment {
  wasm(name: WasmCodecName): Promise<WasmSource>;
}

/** What every codec's frame info reports (embind value objects). */
export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** The decoder classes the three packages export through embind; instances live in WASM memory and must be deleted. */
export interface WasmDecoder {
  /** A view of `length` bytes of WASM memory to copy the encoded frame into. */
  getEncodedBuffer(length: number): Uint8Array;
  /** A view of the decoded samples in WASM memory, valid until the next call on this module. */
  getDecodedBuffer(): Uint8Array;
  readHeader?(): void;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getInterleaveMode?(): number;
  delete(): void;
}

interface DecoderModules {
  'libjpeg-turbo': { JPEGDecoder: new () => WasmDecoder };
  charls: { JpegLSDecoder: new () => WasmDecoder };
  openjpeg: { J2KDecoder: new () => WasmDecoder };
}

/** Dynamic imports keep each codec's glue out of the way until a file needs it (and let Vite split it). */
const glue: { [name in WasmCodecName]: () => Promise<{ default: (options: object) => Promise<unknown> }> } = {
  'libjpeg-turbo': () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  charls: () => import('@cornerstonejs/codec-charls/decodewasmjs'),
  openjpeg: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
};

let environment: CodecEnvironment | undefined;
const loaded = new Map<WasmCodecName, Promise<unknown>>();

/** Tells core where the codecs' WebAssembly comes from. Call once per thread before decoding compressed frames. */
export function configureCodecs(env: CodecEnvironment): void {
  environment = env;
  loaded.clear();
}

/** The initialised module of one codec, created on first use and shared after. */
export function wasmModule<Name extends WasmCodecName>(name: Name): Promise<DecoderModules[Name]> {
  let module = loaded.get(name);
  if (!module) {
    module = instantiate(name);
    loaded.set(name, module);
    // A failed load is not cached: the next frame tries again (the host may have been configured since).
    module.catch(() => loaded.delete(name));
  }
  return module as Promise<DecoderModules[Name]>;
}

async function instantiate(name: WasmCodecName): Promise<unknown> {
  if (!environment) {
    throw new DelineateError('internal', `the ${name} codec is not configured: call configureCodecs() with a WebAssembly loader first`);
  }
  const source = await environment.wasm(name);
  const imported = await glue[name]();
  // CommonJS glue arrives as { default: factory } from Node and Vite alike; older bundlers hand over the factory itself.
  const factory = (imported.default ?? imported) as (options: object) => Promise<unknown>;
  // Emscripten takes bytes as `wasmBinary`; a URL is fetched by the glue through `locateFile`. OpenJPEG
  // prints an [INFO] line per header to stdout; failures surface as exceptions, so the chatter is dropped.
  const location = typeof source === 'string' ? { locateFile: () => source } : { wasmBinary: source };
  return factory({ ...location, print: () => undefined, printErr: () => undefined });
}

/**
 * Runs one embind decoder over a frame and returns its decoded bytes copied out of WASM memory (the view
 * is invalidated by the next decode), with the codec's frame info.
 */
export function runWasmDecoder(
  decoder: WasmDecoder,
  encoded: Uint8Array,
): { bytes: Uint8Array; frame: WasmFrameInfo; interleaveMode: number | undefined } {
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const frame = decoder.getFrameInfo();
    const bytes = decoder.getDecodedBuffer().slice();
    return { bytes, frame, interleaveMode: decoder.getInterleaveMode?.() };
  } finally {
    decoder.delete();
  }
}
