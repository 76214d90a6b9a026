import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decodeFrame } from '../../../core/dicom/codecs/index.ts';
import { DelineateError } from '../../../core/errors.ts';
import type { DecodeReply, DecodeRequest } from './decode-worker.ts';
import { configureNodeCodecs } from './node-wasm.ts';

type DecodeArgs = Parameters<typeof decodeFrame>;
type Decoded = Awaited<ReturnType<typeof decodeFrame>>;

interface Job {
  readonly args: DecodeArgs;
  readonly resolve: (pixels: Decoded) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  job: Job | undefined;
}

export interface DecodePoolOptions {
  /** Worker threads to use; default one per core (os.availableParallelism()). 1 decodes in this thread. */
  readonly size?: number;
  /** Override of the worker entry (tests); default: see defaultWorkerEntry. */
  readonly workerEntry?: URL;
}

/**
 * Decodes frames on all cores: a fixed set of worker threads, started on demand, each running
 * decode-worker.ts, fed from one queue. The input frame's buffer is handed to the worker, not copied,
 * when the view spans it (a view into a bigger buffer, such as a whole file, is copied once so the file
 * stays usable); the decoded array comes back the same way. With one core there is no worker: frames
 * decode in this thread.
 */
export class DecodePool {
  readonly size: number;
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private readonly entry: URL;
  private nextId = 1;
  private closed = false;

  constructor(options: DecodePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.entry = options.workerEntry ?? defaultWorkerEntry();
    if (this.size === 1) configureNodeCodecs();
  }

  /** Same contract as core's decodeFrame. */
  decode(...args: DecodeArgs): Promise<Decoded> {
    if (this.closed) return Promise.reject(new DelineateError('cancelled', 'the decode pool is closed'));
    if (this.size === 1) return decodeFrame(...args);
    return new Promise<Decoded>((resolve, reject) => {
      this.queue.push({ args, resolve, reject });
      this.pump();
    });
  }

  /** Stops the workers; queued and running decodes are rejected as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    const cancelled = new DelineateError('cancelled', 'the decode pool was closed');
    for (const job of this.queue.splice(0)) job.reject(cancelled);
    await Promise.all(
      this.workers.splice(0).map((slot) => {
        slot.job?.reject(cancelled);
        return slot.worker.terminate();
      }),
    );
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.workers.find((w) => !w.job) ?? (this.workers.length < this.size ? this.startWorker() : undefined);
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: PoolWorker, job: Job): void {
    slot.job = job;
    slot.worker.ref(); // keep the process alive while a decode is owed
    const [uid, frame, info] = job.args;
    const owned = frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength ? frame : frame.slice();
    const request: DecodeRequest = { id: this.nextId++, args: [uid, owned, info] };
    slot.worker.postMessage(request, [owned.buffer as ArrayBuffer]);
  }

  private startWorker(): PoolWorker {
    const source = this.entry.pathname.endsWith('.ts');
    const worker = source
      ? new Worker(new URL('./tsx-worker.mjs', import.meta.url), { workerData: { tsxEntry: this.entry.href } })
      : new Worker(this.entry);
    const slot: PoolWorker = { worker, job: undefined };
    worker.unref();
    worker.on('message', (reply: DecodeReply) => {
      const job = slot.job;
      slot.job = undefined;
      worker.unref();
      if (job) {
        if (reply.ok) job.resolve(reply.pixels);
        else job.reject(DelineateError.fromWire(reply.error));
      }
      this.pump();
    });
    worker.on('error', (error) => this.retire(slot, error));
    worker.on('exit', (code) => this.retire(slot, new Error(`decode worker exited with code ${code}`)));
    this.workers.push(slot);
    return slot;
  }

  /** A worker that crashed fails its job and is replaced on the next demand. */
  private retire(slot: PoolWorker, error: Error): void {
    const index = this.workers.indexOf(slot);
    if (index < 0) return;
    this.workers.splice(index, 1);
    slot.job?.reject(new DelineateError('internal', `decode worker failed: ${error.message}`));
    slot.job = undefined;
    if (!this.closed) this.pump();
  }
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
