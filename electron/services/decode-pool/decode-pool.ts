import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  decodeFrame,
  DecodeScheduler,
  type DecodeArgs,
  type DecodedFrame,
  type DecodeReply,
  type DecodeWorker,
  type DecodeWorkerEvents,
} from '../../../core/dicom/codecs/index.ts';
import { DelineateError } from '../../../core/errors.ts';
import { configureNodeCodecs } from './node-wasm.ts';

export interface DecodePoolOptions {
  /** Worker threads to use; default one per core (os.availableParallelism()). 1 decodes in this thread. */
  readonly size?: number;
  /** Override of the worker entry (tests); default: see defaultWorkerEntry. */
  readonly workerEntry?: URL;
}

/**
 * Decodes frames on all cores: worker threads running decode-worker.ts, fed by core's DecodeScheduler
 * (one queue, buffers handed over rather than copied). With one core there is no worker: frames decode
 * in this thread.
 */
export class DecodePool {
  readonly size: number;
  private readonly scheduler: DecodeScheduler | undefined;
  private closed = false;

  constructor(options: DecodePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    const entry = options.workerEntry ?? defaultWorkerEntry();
    if (this.size === 1) configureNodeCodecs();
    else this.scheduler = new DecodeScheduler(this.size, (events) => startWorkerThread(entry, events));
  }

  /** Same contract as core's decodeFrame. */
  decode(...args: DecodeArgs): Promise<DecodedFrame> {
    if (this.scheduler) return this.scheduler.decode(...args);
    if (this.closed) return Promise.reject(new DelineateError('cancelled', 'the decode pool is closed'));
    return decodeFrame(...args);
  }

  /** Stops the workers; queued and running decodes are rejected as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    await this.scheduler?.close();
  }
}

/** One worker thread, unref'd while idle so an idle pool never keeps the process alive. */
function startWorkerThread(entry: URL, events: DecodeWorkerEvents): DecodeWorker {
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(new URL('./tsx-worker.mjs', import.meta.url), { workerData: { tsxEntry: entry.href } })
    : new Worker(entry);
  worker.unref();
  worker.on('message', (reply: DecodeReply) => events.reply(reply));
  worker.on('error', (error) => events.failed(error));
  worker.on('exit', (code) => events.failed(new Error(`decode worker exited with code ${code}`)));
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    busy: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: () => worker.terminate(),
  };
}

/**
 * The worker's entry: decode-worker.ts beside this file when running from sources (tsx), or
 * decode-worker.mjs beside the bundle when this code was bundled into dist/electron (the build must
 * emit that entry).
 */
export function defaultWorkerEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './decode-worker.ts' : './decode-worker.mjs', import.meta.url);
}
