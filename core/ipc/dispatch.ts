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
    const parsed = safeParse(def.input, rawInput ?? {});
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

/**
 * zod's safeParse, where a value zod itself chokes on is invalid too: `.readonly()` freezes what it was
 * given even when it failed, and Object.freeze throws on a non-empty typed array (which Electron's
 * structured clone can deliver), so safeParse throws instead of answering.
 */
function safeParse(schema: z.ZodType, value: unknown): ReturnType<z.ZodType['safeParse']> {
  try {
    return schema.safeParse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { success: false, error: new z.ZodError([{ code: 'custom', message: `unreadable value (${reason})`, path: [], input: value }]) };
  }
}

/** The renderer side of a WireResult: the output, or the typed error rebuilt. */
export function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.output;
  throw DelineateError.fromWire(result.error);
}
