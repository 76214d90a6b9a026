import type { ChannelId, EventName } from '../../../core/ipc/contract.ts';
import type { WireResult } from '../../../core/ipc/dispatch.ts';

/** The transport under the renderer's api: Electron's preload or the browser host's WebSocket. */
export interface Bridge {
  readonly host: 'electron' | 'browser';
  invoke(channel: ChannelId, input: unknown): Promise<WireResult>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
