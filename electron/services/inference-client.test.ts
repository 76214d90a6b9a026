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
});
