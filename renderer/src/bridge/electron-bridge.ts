import type { ChannelId, EventName } from '../../../core/ipc/contract.ts';
import type { WireResult } from '../../../core/ipc/dispatch.ts';
import type { Bridge } from './bridge.ts';

/** What electron/preload exposes as window.api. */
export interface PreloadApi {
  readonly [namespace: string]: unknown;
  $on(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function electronBridge(preload: PreloadApi): Bridge {
  return {
    host: 'electron',
    invoke(channel: ChannelId, input: unknown): Promise<WireResult> {
      const [ns, name] = channel.split('.') as [string, string];
      const call = (preload[ns] as Record<string, (input: unknown) => Promise<WireResult>> | undefined)?.[name];
      if (!call) return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: `No channel ${channel}` } });
      return call(input);
    },
    on: (event, listener) => preload.$on(event, listener),
  };
}
