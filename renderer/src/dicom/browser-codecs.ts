// The renderer's side of core's codec environment: the same decode-only .wasm files the main side reads
// from node_modules (electron/services/decode-pool/node-wasm.ts), emitted by Vite as assets of the build
// and fetched by each codec's glue from its URL. Compiling them needs 'wasm-unsafe-eval' in script-src
// (electron/services/content-security.ts), nothing looser.
import libjpegTurbo from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charls from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpeg from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import { configureCodecs, type WasmCodecName } from '../../../core/dicom/codecs/index.ts';

const wasmUrls: Record<WasmCodecName, string> = { 'libjpeg-turbo': libjpegTurbo, charls, openjpeg };

/** Points core's codecs at the built renderer's .wasm assets; call once in each thread that decodes. */
export function configureBrowserCodecs(): void {
  configureCodecs({ wasm: async (name) => wasmUrls[name] });
}
