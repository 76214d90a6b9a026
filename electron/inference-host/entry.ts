/**
 * The inference host process: an Electron utilityProcess in the app, a plain child process under the
 * browser host and the CLI. It is the only code that imports onnxruntime-node, because a session's run()
 * blocks the thread that calls it. Requests: see protocol.ts.
 */
import { toWireError } from '../../core/errors.ts';
import { HostRequest, type HostMessage } from './protocol.ts';
import { probeProviders } from './providers.ts';
import { RunQueue } from './run-queue.ts';
import { SessionPool } from './sessions.ts';

interface Port {
  on(event: 'message', listener: (message: unknown) => void): void;
  postMessage(message: HostMessage): void;
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
const sessions = new SessionPool();
const queue = new RunQueue((id) => port.postMessage({ id, event: 'started' }));
const reply = (id: number) => (result: { ok: true; output: unknown } | { ok: false; error: unknown }) =>
  port.postMessage(result.ok ? { id, ok: true, output: result.output as never } : { id, ok: false, error: toWireError(result.error) });

port.on('message', (message) => {
  const parsed = HostRequest.safeParse(message);
  if (!parsed.success) {
    port.postMessage({ id: -1, ok: false, error: { code: 'invalid-input', message: `Malformed inference request: ${parsed.error.issues[0]?.message}` } });
    return;
  }
  const request = parsed.data;
  switch (request.type) {
    case 'probe':
      queue.push(request.id, () => probeProviders(), reply(request.id));
      return;
    case 'load':
      queue.push(request.id, () => sessions.load(request.modelKey, request.path), reply(request.id));
      return;
    case 'run':
      queue.push(request.id, () => sessions.run(request.modelKey, request.feeds, request.fetch), reply(request.id));
      return;
    case 'release':
      queue.push(request.id, async () => (await sessions.release(request.modelKey), {}), reply(request.id));
      return;
    case 'cancel':
      port.postMessage({ id: request.id, ok: true, output: { cancelled: queue.cancel(request.target) } as never });
      return;
  }
});
port.postMessage({ ready: true });
