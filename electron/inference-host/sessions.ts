import { availableParallelism } from 'node:os';
// Before onnxruntime-node: no telemetry may leave the machine (telemetry-off.ts).
import './telemetry-off.ts';
import ort from 'onnxruntime-node';
import { DelineateError } from '../../core/errors.ts';
import type { ProviderAttempt, RunResult, SessionInfo, TensorInfo, WireTensor } from './protocol.ts';
import { providerPreference, type ProviderName } from './providers.ts';

interface Entry {
  session: ort.InferenceSession;
  info: SessionInfo;
  path: string;
}

/**
 * Threads for the CPU provider's operators: every logical processor. onnxruntime's default is the number of
 * physical cores, which it counts as one on the 2-vCPU build machine: the bundled click model's run took
 * 179 ms there with the default and 125 ms with 2 threads (docs/PERFORMANCE.md). The host is its own process,
 * so the main and renderer event loops still get the CPU from the OS between its threads' slices.
 */
const cpuThreads = Math.max(1, Math.min(availableParallelism(), 32));

function tensorInfo(meta: readonly ort.InferenceSession.ValueMetadata[]): TensorInfo[] {
  return meta.map((m) => (m.isTensor ? { name: m.name, shape: [...m.shape], type: m.type } : { name: m.name, shape: [], type: 'non-tensor' }));
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.replace(/^Error: /, '').slice(0, 300);
}

/**
 * One onnxruntime session per model, created on first use and kept. Providers are tried in preference
 * order (CUDA, WebGPU, CPU); each one that fails is recorded with its reason, so the app can say why it
 * runs on the CPU. A run that fails on a GPU provider moves that model to the next provider and retries.
 */
export class SessionPool {
  readonly #sessions = new Map<string, Entry>();
  readonly #providers: readonly ProviderName[];

  constructor(providers: readonly ProviderName[] = providerPreference) {
    this.#providers = providers;
  }

  async load(key: string, path: string): Promise<SessionInfo> {
    const existing = this.#sessions.get(key);
    if (existing && existing.path === path) return existing.info;
    if (existing) await this.release(key);
    const entry = await this.#create(path, this.#providers, []);
    this.#sessions.set(key, entry);
    return entry.info;
  }

  async #create(path: string, providers: readonly ProviderName[], skipped: ProviderAttempt[]): Promise<Entry> {
    for (const provider of providers) {
      try {
        const session = await ort.InferenceSession.create(path, { executionProviders: [provider], graphOptimizationLevel: 'all', intraOpNumThreads: cpuThreads });
        const info: SessionInfo = { provider, skipped: [...skipped], inputs: tensorInfo(session.inputMetadata), outputs: tensorInfo(session.outputMetadata) };
        return { session, info, path };
      } catch (error) {
        skipped.push({ provider, reason: reason(error) });
      }
    }
    throw new DelineateError('unsupported', `${path}: no execution provider could load the model (${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')})`);
  }

  async run(key: string, feeds: Record<string, WireTensor>, fetch: readonly string[]): Promise<RunResult> {
    const entry = this.#sessions.get(key);
    if (!entry) throw new DelineateError('not-found', `model ${key} is not loaded in the inference host`);
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) inputs[name] = new ort.Tensor('float32', t.data, t.dims);
    const started = performance.now();
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = await entry.session.run(inputs, [...fetch]);
    } catch (error) {
      const next = this.#providers.slice(this.#providers.indexOf(entry.info.provider) + 1);
      if (next.length === 0) throw new DelineateError('internal', `${entry.path}: run failed on ${entry.info.provider}: ${reason(error)}`);
      // The GPU provider loaded but cannot run this model: fall back for good, and say so in `skipped`.
      await entry.session.release();
      const moved = await this.#create(entry.path, next, [...entry.info.skipped, { provider: entry.info.provider, reason: `run failed: ${reason(error)}` }]);
      this.#sessions.set(key, moved);
      return this.run(key, feeds, fetch);
    }
    const runMs = performance.now() - started;
    const outputs: Record<string, WireTensor> = {};
    for (const name of fetch) {
      const value = result[name];
      if (!value) throw new DelineateError('internal', `${entry.path}: the model gave no output "${name}"`);
      outputs[name] = { data: value.data as Float32Array<ArrayBuffer>, dims: value.dims.map(Number) };
    }
    return { outputs, provider: entry.info.provider, runMs };
  }

  async release(key: string): Promise<void> {
    const entry = this.#sessions.get(key);
    this.#sessions.delete(key);
    await entry?.session.release();
  }
}
