import { DelineateError, toWireError, type WireError } from '../../errors.ts';
import { decodeFrame } from './decode-frame.ts';

// The decode pools of both sides (Node worker threads in electron/services/decode-pool, Web Workers in
// renderer/src/dicom) share this file: the messages, what a worker does with one, and the queue that feeds
// the workers. Only starting a worker differs between the two, so the host passes that in.

export type DecodeArgs = Parameters<typeof decodeFrame>;
export type DecodedFrame = Awaited<ReturnType<typeof decodeFrame>>;

export interface DecodeRequest {
  readonly id: number;
  readonly args: DecodeArgs;
}

export type DecodeReply =
  | { readonly id: number; readonly ok: true; readonly pixels: DecodedFrame }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** What a worker does with one request: decodes it, and names the buffer to hand back without a copy. */
export async function answerDecodeRequest(request: DecodeRequest): Promise<{ reply: DecodeReply; transfer: ArrayBuffer[] }> {
  try {
    const pixels = await decodeFrame(...request.args);
    return { reply: { id: request.id, ok: true, pixels }, transfer: [pixels.buffer as ArrayBuffer] };
  } catch (error) {
    return { reply: { id: request.id, ok: false, error: toWireError(error) }, transfer: [] };
  }
}

/** A started worker as the scheduler drives it. */
export interface DecodeWorker {
  post(request: DecodeRequest, transfer: ArrayBuffer[]): void;
  /** Told when a decode starts (true) and ends (false): a Node worker keeps the process alive only while one is owed. */
  busy?(busy: boolean): void;
  terminate(): unknown;
}

/** Where the host sends what its worker says: every reply, or the error that ended the worker. */
export interface DecodeWorkerEvents {
  reply(reply: DecodeReply): void;
  failed(error: Error): void;
}

export type StartDecodeWorker = (events: DecodeWorkerEvents) => DecodeWorker;

interface Job {
  readonly args: DecodeArgs;
  readonly resolve: (pixels: DecodedFrame) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: DecodeWorker;
  job: Job | undefined;
}

/**
 * Decodes frames on up to `size` workers, started on demand and fed from one queue, one frame each at a
 * time. The input frame's buffer is handed to the worker, not copied, when the view spans it (a view into
 * a bigger buffer, such as a whole file, is copied once so the file stays usable); the decoded array
 * comes back the same way. A worker that fails takes its frame with it and is replaced on the next demand.
 */
export class DecodeScheduler {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly start: StartDecodeWorker,
  ) {}

  /** Workers running now (at most `size`). */
  get started(): number {
    return this.slots.length;
  }

  /** Same contract as core's decodeFrame. */
  decode(...args: DecodeArgs): Promise<DecodedFrame> {
    if (this.closed) return Promise.reject(new DelineateError('cancelled', 'the decode pool is closed'));
    return new Promise<DecodedFrame>((resolve, reject) => {
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
      this.slots.splice(0).map((slot) => {
        slot.job?.reject(cancelled);
        return slot.worker.terminate();
      }),
    );
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.startSlot() : undefined);
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.busy?.(true);
    const [uid, frame, info] = job.args;
    const owned = frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength ? frame : frame.slice();
    slot.worker.post({ id: this.nextId++, args: [uid, owned, info] }, [owned.buffer as ArrayBuffer]);
  }

  private startSlot(): Slot {
    // The events are called later, once the worker answers, so they may name the slot built here.
    const slot: Slot = {
      worker: this.start({ reply: (reply) => this.answered(slot, reply), failed: (error) => this.retire(slot, error) }),
      job: undefined,
    };
    this.slots.push(slot);
    return slot;
  }

  private answered(slot: Slot, reply: DecodeReply): void {
    const job = slot.job;
    slot.job = undefined;
    slot.worker.busy?.(false);
    if (job) {
      if (reply.ok) job.resolve(reply.pixels);
      else job.reject(DelineateError.fromWire(reply.error));
    }
    this.pump();
  }

  private retire(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.job?.reject(new DelineateError('internal', `decode worker failed: ${error.message}`));
    slot.job = undefined;
    if (!this.closed) this.pump();
  }
}
