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

  it('gives the host a temporary folder of its own and removes it when the host exits (onnxruntime writes a file there)', async () => {
    const saved = process.env.TMPDIR;
    const machineTemp = mkdtempSync(join(tmpdir(), 'machine-tmp-'));
    process.env.TMPDIR = machineTemp;
    let exited!: Promise<unknown>;
    const client = new InferenceClient(() => {
      const host = forkInferenceHost();
      exited = new Promise((resolve) => host.onExit(resolve));
      return host;
    });
    try {
      expect((await client.probe()).at(-1)).toMatchObject({ provider: 'cpu', loads: true });
      const [own] = readdirSync(machineTemp);
      expect(own).toMatch(/^delineate-inference-/);
      // onnxruntime has loaded in the host, and what it wrote went into the host's folder.
      expect(readdirSync(join(machineTemp, own!)).some((f) => f.startsWith('mat-debug-'))).toBe(true);
      client.close();
      await exited;
      expect(readdirSync(machineTemp)).toEqual([]);
    } finally {
      client.close();
      process.env.TMPDIR = saved;
      if (saved === undefined) delete process.env.TMPDIR;
      rmSync(machineTemp, { recursive: true, force: true });
    }
  });
});
