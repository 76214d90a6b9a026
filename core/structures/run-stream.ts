import { DelineateError } from '../errors.ts';

/**
 * Streams through MaskPatch runs (0s first, see core/mask/patch.ts) a slab at a time, so an edit over a
 * whole 512x512x200 box never needs a 52 MB temporary: buffers the size of one slice are reused instead.
 */
export class RunReader {
  readonly #runs: ArrayLike<number>;
  readonly #total: number;
  readonly #source: string;
  #next = 0;
  #left = 0;
  #value = 1;
  #consumed = 0;

  constructor(runs: ArrayLike<number>, total: number, source: string) {
    this.#runs = runs;
    this.#total = total;
    this.#source = source;
  }

  /** Writes the next `count` voxels (0/1) into out[0 .. count). */
  read(out: Uint8Array, count: number): void {
    this.#walk(count, (at, take, value) => out.fill(value, at, at + take));
  }

  skip(count: number): void {
    this.#walk(count, () => undefined);
  }

  /** Throws unless the runs covered exactly `total` voxels. */
  finish(): void {
    let extra = this.#left;
    for (let r = this.#next; r < this.#runs.length; r++) extra += this.#runs[r]!;
    if (extra !== 0 || this.#consumed !== this.#total) {
      throw new DelineateError('bad-data', `${this.#source}: runs cover ${this.#consumed + extra} of ${this.#total} voxels`);
    }
  }

  #walk(count: number, take: (at: number, length: number, value: number) => void): void {
    let at = 0;
    while (at < count) {
      if (this.#left === 0) {
        if (this.#next >= this.#runs.length) {
          throw new DelineateError('bad-data', `${this.#source}: runs cover ${this.#consumed + at} of ${this.#total} voxels`);
        }
        const length = this.#runs[this.#next]!;
        if (!Number.isInteger(length) || length < 0) throw new DelineateError('bad-data', `${this.#source}: run ${this.#next} (${length}) is not a count`);
        this.#left = length;
        this.#value = this.#next % 2;
        this.#next++;
        continue;
      }
      const length = Math.min(this.#left, count - at);
      take(at, length, this.#value);
      at += length;
      this.#left -= length;
    }
    this.#consumed += count;
  }
}

/** Collects runs from 0/1 values pushed piece by piece (runs continue across pieces). */
export class RunWriter {
  #runs = new Uint32Array(64);
  #count = 0;
  #value = 0;
  #length = 0;

  push(values: Uint8Array, from: number, to: number): void {
    // A bounded view: indexOf on the whole buffer would scan past `to` when the value is absent.
    const view = values.subarray(from, to);
    let at = 0;
    while (at < view.length) {
      const found = view.indexOf(this.#value === 0 ? 1 : 0, at);
      const end = found < 0 ? view.length : found;
      this.#length += end - at;
      at = end;
      if (found >= 0) {
        this.#emit();
        this.#value ^= 1;
      }
    }
  }

  finish(): Uint32Array {
    this.#emit();
    return this.#runs.slice(0, this.#count);
  }

  #emit(): void {
    if (this.#count === this.#runs.length) {
      const grown = new Uint32Array(this.#runs.length * 2);
      grown.set(this.#runs);
      this.#runs = grown;
    }
    this.#runs[this.#count++] = this.#length;
    this.#length = 0;
  }
}
