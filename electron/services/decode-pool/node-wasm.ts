import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { configureCodecs, type WasmCodecName } from '../../../core/dicom/codecs/index.ts';

/** The decode-only .wasm of each codec package, as its `exports` map names it. */
const wasmFiles: Record<WasmCodecName, string> = {
  'libjpeg-turbo': '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
  charls: '@cornerstonejs/codec-charls/decodewasm',
  openjpeg: '@cornerstonejs/codec-openjpeg/decodewasm',
};

// Resolved from this file, so it works from source (tsx) and from the bundle in dist/electron alike.
const require = createRequire(import.meta.url);

/** Reads a codec's WebAssembly from node_modules. */
export async function readCodecWasm(name: WasmCodecName): Promise<Uint8Array> {
  return new Uint8Array(await readFile(require.resolve(wasmFiles[name])));
}

let configured = false;

/** Points core's codecs at node_modules, once per thread (the main thread and each decode worker). */
export function configureNodeCodecs(): void {
  if (configured) return;
  configureCodecs({ wasm: readCodecWasm });
  configured = true;
}
