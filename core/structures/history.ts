/** What every undo memo tells the history: a label for the UI and the bytes it holds (for the budget). */
export interface Memo {
  readonly label: string;
  readonly bytes: number;
}

export interface HistoryLimits {
  /** At most this many undo steps are kept (>= 100 by default). */
  readonly maxSteps: number;
  /** Memos past this many bytes drop the oldest first. */
  readonly byteBudget: number;
}

export const defaultHistoryLimits: HistoryLimits = { maxSteps: 200, byteBudget: 64 * 1024 * 1024 };

/**
 * A linear undo/redo history of memos. A new memo clears the redo side. Memory is bounded twice: by step count
 * and by the memos' bytes, dropping the oldest undo steps first (the newest one is always kept, however big).
 */
export class EditHistory<M extends Memo> {
  readonly limits: HistoryLimits;
  #done: M[] = [];
  #undone: M[] = [];
  #bytes = 0;

  constructor(limits: Partial<HistoryLimits> = {}) {
    this.limits = { ...defaultHistoryLimits, ...limits };
  }

  push(memo: M): void {
    for (const m of this.#undone) this.#bytes -= m.bytes;
    this.#undone = [];
    this.#done.push(memo);
    this.#bytes += memo.bytes;
    this.#trim();
  }

  /** The memo to undo, moved to the redo side; null when there is none. */
  undo(): M | null {
    const memo = this.#done.pop();
    if (!memo) return null;
    this.#undone.push(memo);
    return memo;
  }

  redo(): M | null {
    const memo = this.#undone.pop();
    if (!memo) return null;
    this.#done.push(memo);
    return memo;
  }

  /** Labels, oldest first; `position` is how many of them are done (the rest can be redone). */
  labels(): { labels: string[]; position: number } {
    return {
      labels: [...this.#done.map((m) => m.label), ...this.#undone.map((m) => m.label).reverse()],
      position: this.#done.length,
    };
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Memos in order (done oldest first, then undone newest-undone last) for serialisation. */
  entries(): { done: readonly M[]; undone: readonly M[] } {
    return { done: this.#done, undone: this.#undone };
  }

  restore(done: M[], undone: M[]): void {
    this.#done = done;
    this.#undone = undone;
    this.#bytes = [...done, ...undone].reduce((sum, m) => sum + m.bytes, 0);
    this.#trim();
  }

  #trim(): void {
    while (this.#done.length > 1 && (this.#done.length > this.limits.maxSteps || this.#bytes > this.limits.byteBudget)) {
      this.#bytes -= this.#done.shift()!.bytes;
    }
    // The redo side can only be as long as what fits too.
    while (this.#undone.length > 0 && this.#done.length + this.#undone.length > this.limits.maxSteps) {
      this.#bytes -= this.#undone.shift()!.bytes;
    }
  }
}
