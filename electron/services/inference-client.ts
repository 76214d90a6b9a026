import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DelineateError, type ErrorCode } from '../../core/errors.ts';
import type { HostMessage, HostRequest, RunResult, SessionInfo, WireTensor } from '../inference-host/protocol.ts';
import type { ProviderProbe } from '../inference-host/providers.ts';
import { appRoot } from './app-meta.ts';
import { volumeProcessEnv } from './process-env.ts';

/**
 * How the client talks to an inference host process. The services back it with child_process.fork
 * (forkInferenceHost); electron/main backs it with utilityProcess.fork, since only main may import electron.
 */
export interface HostTransport {
  send(message: HostRequest): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** Called once when the process ends, with a reason for people. */
  onExit(listener: (reason: string) => void): void;
  close(): void;
}

/**
 * The host's entry: entry.ts run through tsx when this code runs from sources, or inference-host.mjs beside
 * the bundle when it was bundled into dist/electron (the build emits that entry), so a bundled CLI needs no tsx.
 */
export function inferenceHostEntry(): { file: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return fromSource
    ? { file: join(appRoot(), 'electron', 'inference-host', 'entry.ts'), execArgv: ['--import', 'tsx'] }
    : { file: fileURLToPath(new URL('./inference-host.mjs', import.meta.url)), execArgv: [] };
}

/**
 * The host's environment: huge pages for the megabytes of fresh tensors each run receives and answers, and
 * onnxruntime's telemetry off from the first instruction (telemetry-off.ts).
 */
export function inferenceHostEnv(): NodeJS.ProcessEnv {
  return { ...volumeProcessEnv(), ORT_DISABLE_TELEMETRY: '1' };
}

/** The inference host as a Node child process (browser host, CLI, tests). */
export function forkInferenceHost(): HostTransport {
  const entry = inferenceHostEntry();
  const child = fork(entry.file, {
    execArgv: entry.execArgv,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Structured clone, so Float32Array tensors cross as binary rather than JSON.
    serialization: 'advanced',
    env: inferenceHostEnv(),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  return {
    send: (message) => child.send(message),
    onMessage: (listener) => child.on('message', (m) => listener(m as HostMessage)),
    onExit: (listener) =>
      child.on('exit', (code, signal) => listener(`inference host exited (${signal ?? code})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`)),
    close: () => child.kill(),
  };
}

interface Pending {
  resolve(output: unknown): void;
  reject(error: Error): void;
  onStart?: () => void;
}

/**
 * The main side's handle on the inference host: requests with ids, answers as promises, cancel by
 * AbortSignal. The host starts on first use and again after it dies; every request pending when it dies
 * fails with the reason.
 */
export class InferenceClient {
  #transport: HostTransport | null = null;
  #ready: Promise<HostTransport> | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(private readonly start: () => HostTransport = forkInferenceHost) {}

  #connect(): Promise<HostTransport> {
    this.#ready ??= new Promise<HostTransport>((resolve, reject) => {
      const transport = this.start();
      let ready = false;
      transport.onMessage((message) => {
        if ('ready' in message) {
          ready = true;
          this.#transport = transport;
          resolve(transport);
          return;
        }
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        if ('event' in message) {
          pending.onStart?.();
          return;
        }
        this.#pending.delete(message.id);
        if (message.ok) pending.resolve(message.output);
        else pending.reject(new DelineateError(message.error.code as ErrorCode, message.error.message));
      });
      transport.onExit((reason) => {
        this.#transport = null;
        this.#ready = null;
        if (!ready) reject(new DelineateError('internal', reason));
        for (const [id, pending] of this.#pending) {
          this.#pending.delete(id);
          pending.reject(new DelineateError('internal', reason));
        }
      });
    });
    return this.#ready;
  }

  async #request<T>(make: (id: number) => HostRequest, options: { signal?: AbortSignal; onStart?: () => void } = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) throw new DelineateError('cancelled', 'cancelled');
    const transport = await this.#connect();
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const abort = () => transport.send({ type: 'cancel', id: this.#nextId++, target: id });
      signal?.addEventListener('abort', abort, { once: true });
      const done = () => signal?.removeEventListener('abort', abort);
      this.#pending.set(id, {
        resolve: (output) => (done(), resolve(output as T)),
        reject: (error) => (done(), reject(error)),
        onStart: options.onStart,
      });
      transport.send(make(id));
    });
  }

  probe(): Promise<ProviderProbe[]> {
    return this.#request((id) => ({ type: 'probe', id }));
  }

  /** Creates the model's session (once); `modelKey` names it for later runs. */
  load(modelKey: string, path: string): Promise<SessionInfo> {
    return this.#request((id) => ({ type: 'load', id, modelKey, path }));
  }

  run(modelKey: string, feeds: Record<string, WireTensor>, fetch: string[], options: { signal?: AbortSignal; onStart?: () => void } = {}): Promise<RunResult> {
    return this.#request((id) => ({ type: 'run', id, modelKey, feeds, fetch }), options);
  }

  release(modelKey: string): Promise<unknown> {
    return this.#request((id) => ({ type: 'release', id, modelKey }));
  }

  close(): void {
    this.#transport?.close();
    this.#transport = null;
    this.#ready = null;
  }
}

/** Asks a fresh inference host which execution providers load here (`delineate doctor`), then stops it. */
export async function probeProvidersInChild(timeoutMs = 60_000): Promise<ProviderProbe[]> {
  const client = new InferenceClient();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      client.probe(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`inference host did not answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
    client.close();
  }
}
