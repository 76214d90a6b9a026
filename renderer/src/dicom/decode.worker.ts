// A decode worker in the renderer: a thin wrapper over core's answerDecodeRequest, as the main side's
// electron/services/decode-pool/decode-worker.ts is. One request at a time (the scheduler sends no more).
import { answerDecodeRequest, type DecodeReply, type DecodeRequest } from '../../../core/dicom/codecs/index.ts';
import { configureBrowserCodecs } from './browser-codecs.ts';

/** The worker's global scope, as much of it as this file uses (the renderer is typed with the DOM lib). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(reply: DecodeReply, transfer: Transferable[]): void;
};

configureBrowserCodecs();
scope.onmessage = ({ data }) => {
  void answerDecodeRequest(data).then(({ reply, transfer }) => scope.postMessage(reply, transfer));
};
