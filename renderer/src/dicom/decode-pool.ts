import { DecodeScheduler, type DecodeReply, type DecodeWorker, type DecodeWorkerEvents } from '../../../core/dicom/codecs/index.ts';

/**
 * Decodes DICOM frames in the renderer, off the page's thread: core's DecodeScheduler over Web Workers
 * running decode.worker.ts, one per logical core by default. `decode` has core's decodeFrame contract
 * (transfer syntax UID, encoded frame, FrameInfo -> stored values); errors come back as DelineateError.
 */
export function createDecodePool(size = navigator.hardwareConcurrency || 1): DecodeScheduler {
  return new DecodeScheduler(Math.max(1, size), startDecodeWorker);
}

function startDecodeWorker(events: DecodeWorkerEvents): DecodeWorker {
  const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'dicom-decode' });
  worker.onmessage = ({ data }: MessageEvent<DecodeReply>) => events.reply(data);
  // Only a worker that cannot run (its script failed to load or threw outside a decode) gets here: each frame's errors
  // come back as replies. It is dropped and its frame fails; the next frame starts a fresh one.
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    events.failed(new Error(event.message || 'the decode worker could not start'));
  };
  return { post: (request, transfer) => worker.postMessage(request, transfer), terminate: () => worker.terminate() };
}
