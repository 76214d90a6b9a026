// A decode worker thread: a thin wrapper over core's answerDecodeRequest (decodeFrame, with its message
// types), so the pool and the function cannot drift apart.
import { parentPort } from 'node:worker_threads';
import { answerDecodeRequest, type DecodeRequest } from '../../../core/dicom/codecs/index.ts';
import { configureNodeCodecs } from './node-wasm.ts';

if (parentPort) {
  const port = parentPort;
  configureNodeCodecs();
  port.on('message', (request: DecodeRequest) => {
    void answerDecodeRequest(request).then(({ reply, transfer }) => port.postMessage(reply, transfer));
  });
}
