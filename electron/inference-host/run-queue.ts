import { DelineateError } from '../../core/errors.ts';

interface Job {
  readonly id: number;
  readonly work: () => Promise<unknown>;
  readonly settle: (result: { ok: true; output: unknown } | { ok: false; error: unknown }) => void;
}

/**
 * Runs jobs one at a time, in arrival order (onnxruntime uses every core for one run; two at once only
 * slow each other). Cancel drops a queued job; a running one finishes, but its answer is discarded and
 * the caller gets 'cancelled'.
 */
export class RunQueue {
  readonly #waiting: Job[] = [];
  #running: Job | null = null;
  #discard = false;

  constructor(private readonly onStart: (id: number) => void = () => {}) {}

  push(id: number, work: () => Promise<unknown>, settle: Job['settle']): void {
    this.#waiting.push({ id, work, settle });
    if (!this.#running) void this.#next();
  }

  cancel(id: number): boolean {
    const at = this.#waiting.findIndex((j) => j.id === id);
    if (at >= 0) {
      const [job] = this.#waiting.splice(at, 1);
      job!.settle({ ok: false, error: new DelineateError('cancelled', 'cancelled before it ran') });
      return true;
    }
    if (this.#running?.id === id) {
      this.#discard = true;
      return true;
    }
    return false;
  }

  get length(): number {
    return this.#waiting.length + (this.#running ? 1 : 0);
  }

  async #next(): Promise<void> {
    const job = this.#waiting.shift();
    if (!job) return;
    this.#running = job;
    this.#discard = false;
    this.onStart(job.id);
    let result: Parameters<Job['settle']>[0];
    try {
      result = { ok: true, output: await job.work() };
    } catch (error) {
      result = { ok: false, error };
    }
    if (this.#discard) result = { ok: false, error: new DelineateError('cancelled', 'cancelled while running; its answer was discarded') };
    this.#running = null;
    job.settle(result);
    void this.#next();
  }
}
