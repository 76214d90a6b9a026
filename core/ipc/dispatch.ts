import { z } from 'zod';
import { DelineateError, toWireError, type WireError } from '../errors.ts';
import { channelDef, isChannelId, type Handlers, type Namespace } from './contract.ts';

/** What crosses the bridge for every request: never a thrown exception, never an unvalidated value. */
export type WireResult<T = unknown> = { ok: true; output: T } | { ok: false; error: WireError };

/**
 * Validates a request from an untrusted renderer, runs its handler and validates the answer. Shared by
 * Electron's register.ts and the browser host, so both transports enforce the same contract.
 */
export async function dispatch<Ctx>(handlers: Handlers<Ctx>, channel: unknown, rawInput: unknown, context: Ctx): Promise<WireResult> {
  try {
    if (!isChannelId(channel)) throw new DelineateError('invalid-input', `Unknown channel ${JSON.stringify(channel)}`);
    const def = channelDef(channel);
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new DelineateError('invalid-input', `${channel}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
    }
    const [ns, name] = channel.split('.') as [Namespace, string];
    const handler = (handlers[ns] as Record<string, (input: unknown, ctx: Ctx) => Promise<unknown>>)[name]!;
    const output = def.output.parse(await handler(parsed.data, context));
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}

/** The renderer side of a WireResult: the output, or the typed error rebuilt. */
export function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.output;
  throw DelineateError.fromWire(result.error);
}
