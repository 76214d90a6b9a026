/**
 * Work in progress that the user waits for (a smoothing, a 3D region grow, a margin), named in the status bar
 * while it runs. The work itself runs off the page's thread (tools/mask-worker-client.ts), so the page keeps
 * drawing and answering meanwhile.
 */
export class BusyState {
  #labels = $state<string[]>([]);

  /** What is running now (the latest started), or null. */
  get label(): string | null {
    return this.#labels.at(-1) ?? null;
  }

  async during<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.#labels.push(label);
    try {
      return await work();
    } finally {
      this.#labels.splice(this.#labels.indexOf(label), 1);
    }
  }
}

export const busy = new BusyState();
