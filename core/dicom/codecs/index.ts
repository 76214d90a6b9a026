// Pixel decoding for every transfer syntax Delineate reads. Pure: the WebAssembly codecs' bytes come
// from the host through configureCodecs (electron/services/decode-pool/node-wasm.ts on the main side,
// renderer/src/dicom/browser-codecs.ts in the renderer).
export { decodeFrame } from './decode-frame.ts';
export { encapsulatedFrame, type EncapsulatedPixelData, type PixelFragment } from './encapsulated.ts';
export { inflateDeflatedDataset } from './deflate.ts';
export type { FrameInfo } from './frame-info.ts';
export { isEncapsulated, isSupportedTransferSyntax, transferSyntaxName, type SupportedTransferSyntax } from './syntaxes.ts';
export { configureCodecs, type CodecEnvironment, type WasmCodecName, type WasmSource } from './wasm-codecs.ts';
export { frameBytes, frameInfoOf } from './frame-source.ts';
export {
  answerDecodeRequest,
  DecodeScheduler,
  type DecodeArgs,
  type DecodedFrame,
  type DecodeReply,
  type DecodeRequest,
  type DecodeWorker,
  type DecodeWorkerEvents,
} from './decode-scheduler.ts';
