/**
 * Messages between the main side (InferenceClient) and the inference host. Typed arrays travel as they are
 * (structured clone: Electron's utilityProcess, or fork() with serialization 'advanced').
 */
import { z } from 'zod';
import type { ProviderName, ProviderProbe } from './providers.ts';

const tensor = z.object({ data: z.custom<Float32Array>((v) => v instanceof Float32Array, 'not a Float32Array'), dims: z.array(z.number().int().nonnegative()) });
export type WireTensor = z.infer<typeof tensor>;

export const HostRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('probe'), id: z.number() }),
  /** Creates (once) the session for a model file; answers which provider runs it and the model's tensors. */
  z.object({ type: z.literal('load'), id: z.number(), modelKey: z.string(), path: z.string() }),
  z.object({ type: z.literal('run'), id: z.number(), modelKey: z.string(), feeds: z.record(z.string(), tensor), fetch: z.array(z.string()) }),
  /** Drops a queued request, or discards the answer of the one running. */
  z.object({ type: z.literal('cancel'), id: z.number(), target: z.number() }),
  z.object({ type: z.literal('release'), id: z.number(), modelKey: z.string() }),
]);
export type HostRequest = z.infer<typeof HostRequest>;

export interface TensorInfo {
  readonly name: string;
  /** Numbers for fixed sizes, strings for symbolic ones; empty when the model does not say. */
  readonly shape: readonly (number | string)[];
  readonly type: string;
}

/** A provider tried before the one in use, and why it was not used. */
export interface ProviderAttempt {
  readonly provider: ProviderName;
  readonly reason: string;
}

export interface SessionInfo {
  readonly provider: ProviderName;
  readonly skipped: readonly ProviderAttempt[];
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
}

export interface RunResult {
  readonly outputs: Record<string, WireTensor>;
  readonly provider: ProviderName;
  /** Time inside onnxruntime's run(), ms. */
  readonly runMs: number;
}

export type HostOutput = ProviderProbe[] | SessionInfo | RunResult | Record<string, never>;

export type HostMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: true; readonly output: HostOutput }
  | { readonly id: number; readonly ok: false; readonly error: { code: string; message: string } }
  /** A queued request began running. */
  | { readonly id: number; readonly event: 'started' };
