import { describe, expect, it } from 'vitest';
import { RunQueue } from './run-queue.ts';

type Settled = { ok: true; output: unknown } | { ok: false; error: unknown };

describe('RunQueue', () => {
  it('runs one job at a time in order; cancel drops a queued job and discards a running one', async () => {
    const started: number[] = [];
    const queue = new RunQueue((id) => started.push(id));
    const results = new Map<number, Settled>();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done = [1, 2, 3, 4].map(
      (id) =>
        new Promise<void>((resolve) =>
          queue.push(id, async () => (id === 1 ? (await gate, 'first') : `job ${id}`), (r) => (results.set(id, r), resolve())),
        ),
    );
    expect(queue.length).toBe(4);
    expect(queue.cancel(3)).toBe(true);
    expect(queue.cancel(1)).toBe(true);
    expect(queue.cancel(99)).toBe(false);
    release();
    await Promise.all(done);
    expect(started).toEqual([1, 2, 4]);
    expect(results.get(1)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(results.get(2)).toEqual({ ok: true, output: 'job 2' });
    expect(results.get(3)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(results.get(4)).toEqual({ ok: true, output: 'job 4' });
  });
});
