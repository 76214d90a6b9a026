import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkInferenceHost, InferenceClient, type HostTransport } from './inference-client.ts';

describe('InferenceClient', () => {
  it('fails the requests in flight when the host dies, with the reason, and starts a new host on the next request', async () => {
    let started = 0;
    let current: HostTransport | undefined;
    const client = new InferenceClient(() => {
      started++;
      current = forkInferenceHost();
      return current;
    });
    try {
      expect((await client.probe()).at(-1)).toMatchObject({ provider: 'cpu', loads: true });
      const inFlight = client.probe();
      current!.close();
      await expect(inFlight).rejects.toThrow(/inference host exited \(SIGTERM\)/);
      expect((await client.probe()).at(-1)).toMatchObject({ provider: 'cpu', loads: true });
      expect(started).toBe(2);
      // The new host knows no model yet, and says so.
      await expect(client.run('nothing', {}, ['y'])).rejects.toMatchObject({ code: 'not-found', message: 'model nothing is not loaded in the inference host' });
    } finally {
      client.close();
    }
  });

  it('leaves no onnxruntime log in the temporary folder when the host ends, closed or killed', async () => {
    const saved = process.env.TMPDIR;
    const machineTemp = mkdtempSync(join(tmpdir(), 'machine-tmp-'));
    // The host inherits this environment, so onnxruntime writes its mat-debug-<pid>.log here.
    process.env.TMPDIR = machineTemp;
    const logs = () => readdirSync(machineTemp).filter((f) => f.startsWith('mat-debug-'));
    try {
      for (const ending of ['close', 'SIGKILL'] as const) {
        const host = forkInferenceHost();
        const exited = new Promise((resolve) => host.onExit(resolve));
        const client = new InferenceClient(() => host);
        expect((await client.probe()).at(-1)).toMatchObject({ provider: 'cpu', loads: true });
        const [log] = logs();
        expect(log).toMatch(/^mat-debug-\d+\.log$/);
        // close: SIGTERM, and the host removes its log; SIGKILL: the host cannot, the parent does.
        if (ending === 'close') client.close();
        else process.kill(Number(/\d+/.exec(log!)![0]), 'SIGKILL');
        await exited;
        expect(logs(), ending).toEqual([]);
        client.close();
      }
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(machineTemp, { recursive: true, force: true });
    }
  });
});
