/**
 * The renderer's one door to the main side. Picks Electron's preload (window.api) or the browser host's
 * WebSocket; nothing else in the renderer knows which. Calls resolve to validated outputs or throw
 * DelineateError rebuilt from the wire.
 */
import { channelIds, type Api, type EventName, type EventPayload } from '../../core/ipc/contract.ts';
import { unwrap } from '../../core/ipc/dispatch.ts';
import type { Bridge } from './bridge/bridge.ts';
import { electronBridge, type PreloadApi } from './bridge/electron-bridge.ts';
import { wsBridge } from './bridge/ws-bridge.ts';

const preload = (globalThis as { api?: PreloadApi }).api;
export const bridge: Bridge = preload ? electronBridge(preload) : wsBridge(`ws://${location.host}/ws`);

export const api = Object.fromEntries(
  [...new Set(channelIds.map((id) => id.split('.')[0]!))].map((ns) => [
    ns,
    Object.fromEntries(
      channelIds
        .filter((id) => id.startsWith(`${ns}.`))
        .map((id) => [id.slice(ns.length + 1), async (input: unknown) => unwrap(await bridge.invoke(id, input))]),
    ),
  ]),
) as Api;

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge.on(event, listener as (payload: unknown) => void);
}

/** The bulk path for a volume's voxels: relative, so it resolves on delineate://app/ and on the browser host. */
export function volumeUrl(id: string): string {
  return `bulk/volume/${encodeURIComponent(id)}`;
}
