import type { ChannelId, EventName } from '../../../core/ipc/contract.ts';
import type { WireResult } from '../../../core/ipc/dispatch.ts';
import type { Bridge } from './bridge.ts';

type Frame = ({ id: number } & WireResult) | { event: EventName; payload: unknown };

/**
 * The browser host's transport: one WebSocket to /ws on the page's own origin (the HttpOnly cookie set
 * by the first page load authenticates it), request ids matched to answers, events fanned out.
 */
export function wsBridge(url: string): Bridge {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`Cannot connect to ${url}`)), { once: true });
  });
  const pending = new Map<number, (result: WireResult) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(String(message.data)) as Frame;
    if ('event' in frame) {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      return;
    }
    const resolve = pending.get(frame.id);
    pending.delete(frame.id);
    resolve?.(frame);
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'io', message: 'Connection to the host was lost' } });
    pending.clear();
  });

  return {
    host: 'browser',
    async invoke(channel: ChannelId, input: unknown): Promise<WireResult> {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
