import { randomBytes } from 'node:crypto';
import { DelineateError } from '../../../core/errors.ts';
import type { ScanResult, ScannedSeries } from './scan.ts';

/** Recent scans, so the study browser can load or preview a series without scanning again. */
export class ScanStore {
  readonly #scans = new Map<string, ScanResult>();

  constructor(private readonly keep = 4) {}

  add(result: ScanResult): string {
    const id = `scan-${randomBytes(8).toString('hex')}`;
    this.#scans.set(id, result);
    // Maps iterate in insertion order: the first key is the oldest scan.
    while (this.#scans.size > this.keep) this.#scans.delete(this.#scans.keys().next().value!);
    return id;
  }

  series(scanId: string, key: string): ScannedSeries {
    const scan = this.#scans.get(scanId);
    if (!scan) throw new DelineateError('not-found', 'That folder listing is no longer held: scan the folder again');
    const series = scan.series.find((s) => s.key === key);
    if (!series) throw new DelineateError('not-found', `No series ${key} in ${scan.root}`);
    return series;
  }
}
