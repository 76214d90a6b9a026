/**
 * The only file that touches ipcRenderer. It exposes `window.api`: one function per contract channel,
 * built from the contract's channel list, each returning the WireResult; plus event subscription for the
 * contract's events only. No Electron or Node object reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, listedChannelIds as channelIds, type ListedEventName as EventName } from '../../core/ipc/channel-names.ts';
import type { WireResult } from '../../core/ipc/dispatch.ts';

const api: Record<string, Record<string, (input: unknown) => Promise<WireResult>>> = {};
for (const id of channelIds) {
  const [ns, name] = id.split('.') as [string, string];
  (api[ns] ??= {})[name] = (input: unknown) => ipcRenderer.invoke(id, input) as Promise<WireResult>;
}

const knownEvents = new Set<string>(eventNames);

contextBridge.exposeInMainWorld('api', {
  ...api,
  $on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!knownEvents.has(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
});
