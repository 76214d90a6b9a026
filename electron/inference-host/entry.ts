/**
 * The inference host process: an Electron utilityProcess in the app, a plain child process under the
 * browser host and the CLI. It is the only code that imports onnxruntime-node, because a session's run()
 * blocks the thread that calls it.
 */
import { z } from 'zod';
import { probeProviders } from './providers.ts';

const Request = z.discriminatedUnion('type', [z.object({ type: z.literal('probe'), id: z.number() })]);

interface Port {
  on(event: 'message', listener: (message: unknown) => void): void;
  postMessage(message: unknown): void;
}

/** Electron's utilityProcess exposes process.parentPort (messages wrapped in {data}); fork() uses process.send. */
function parentPort(): Port {
  const electronPort = (process as unknown as { parentPort?: { on(e: 'message', l: (m: { data: unknown }) => void): void; postMessage(m: unknown): void } }).parentPort;
  if (electronPort) {
    return { on: (_event, listener) => electronPort.on('message', (m) => listener(m.data)), postMessage: (m) => electronPort.postMessage(m) };
  }
  if (!process.send) throw new Error('inference host must be started as a child process');
  return { on: (_event, listener) => process.on('message', listener), postMessage: (m) => process.send!(m) };
}

const port = parentPort();
port.on('message', async (message) => {
  const request = Request.safeParse(message);
  if (!request.success) {
    port.postMessage({ id: -1, ok: false, error: { code: 'invalid-input', message: 'Malformed inference request' } });
    return;
  }
  port.postMessage({ id: request.data.id, ok: true, output: await probeProviders() });
});
port.postMessage({ ready: true });
