import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thresholdModelBytes } from '../../core/inference/testing/threshold-model.ts';
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

  it("starts the host with onnxruntime's telemetry off: a probe, a load and a run leave nothing in the home or temporary folder", async () => {
    // onnxruntime 1.30 with telemetry on stores a device id and queued events under ~/.cache/Microsoft and a
    // mat-debug log in the temporary folder (telemetry-off.ts). The host inherits this environment.
    const saved = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
    const home = mkdtempSync(join(tmpdir(), 'machine-home-'));
    const temp = mkdtempSync(join(tmpdir(), 'machine-tmp-'));
    const modelDir = mkdtempSync(join(tmpdir(), 'model-'));
    const modelPath = join(modelDir, 'threshold.onnx');
    writeFileSync(modelPath, thresholdModelBytes());
    Object.assign(process.env, { HOME: home, TMPDIR: temp });
    const host = forkInferenceHost();
    const exited = new Promise((resolve) => host.onExit(resolve));
    const client = new InferenceClient(() => host);
    try {
      expect((await client.probe()).at(-1)).toMatchObject({ provider: 'cpu', loads: true });
      await client.load('threshold', modelPath);
      const image = { type: 'float32' as const, dims: [1, 1, 1, 1, 2], data: new Float32Array([-1, 2]) };
      const { outputs } = await client.run('threshold', { image }, ['scores']);
      expect(Array.from(outputs.scores!.data as Float32Array)).toEqual([1, -2, -1, 2]);
      client.close();
      await exited;
      expect(readdirSync(home, { recursive: true })).toEqual([]);
      // tsx, which runs the host's TypeScript here (the app runs a bundle), keeps its compile cache there.
      expect(readdirSync(temp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    } finally {
      client.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      for (const dir of [home, temp, modelDir]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
