// A decode worker: a thin wrapper over core's pure decodeFrame. Its message types come from `typeof
// decodeFrame`, so the pool and the function cannot drift apart.
import { parentPort } from 'node:worker_threads';
import { decodeFrame } from '../../../core/dicom/codecs/index.ts';
import { toWireError, type WireError } from '../../../core/errors.ts';
import { configureNodeCodecs } from './node-wasm.ts';

export interface DecodeRequest {
  readonly id: number;
  readonly args: Parameters<typeof decodeFrame>;
}

export type DecodeReply =
  | { readonly id: number; readonly ok: true; readonly pixels: Awaited<ReturnType<typeof decodeFrame>> }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

if (parentPort) {
  const port = parentPort;
  configureNodeCodecs();
  port.on('message', (request: DecodeRequest) => {
    decodeFrame(...request.args).then(
      (pixels) => port.postMessage({ id: request.id, ok: true, pixels } satisfies DecodeReply, [pixels.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: toWireError(error) } satisfies DecodeReply),
    );
  });
}
