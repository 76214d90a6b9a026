// Before onnxruntime-node: no telemetry may leave the machine (telemetry-off.ts).
import './telemetry-off.ts';
import ort from 'onnxruntime-node';
import { probeModelBytes } from './probe-model.ts';

/** Execution providers in the order the app prefers them: a GPU first, the CPU always last. */
export const providerPreference = ['cuda', 'webgpu', 'cpu'] as const;
export type ProviderName = (typeof providerPreference)[number];

export interface ProviderProbe {
  readonly provider: ProviderName;
  readonly loads: boolean;
  /** Why it did not load (first line of onnxruntime's message). */
  readonly reason?: string;
}

/**
 * Creates a session on a tiny model with each provider alone and runs it once. A provider counts as
 * loading only when that run gives the right answer: onnxruntime-node throws (rather than silently
 * falling back to the CPU) when a provider's libraries or device are missing.
 */
export async function probeProviders(): Promise<ProviderProbe[]> {
  const model = probeModelBytes();
  const probes: ProviderProbe[] = [];
  for (const provider of providerPreference) {
    try {
      const session = await ort.InferenceSession.create(model, { executionProviders: [provider] });
      const output = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [4]) });
      await session.release();
      const y = Array.from(output.y?.data as Float32Array);
      probes.push(y.join() === '2,4,6,8' ? { provider, loads: true } : { provider, loads: false, reason: `wrong result ${y.join()}` });
    } catch (error) {
      probes.push({ provider, loads: false, reason: firstLine(error) });
    }
  }
  return probes;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.replace(/^Error: /, '').slice(0, 300);
}
