import { ipcMain, type IpcMain, type WebContents } from 'electron';
import { channelIds, type Handlers } from '../../core/ipc/contract.ts';
import { dispatch, type WireResult } from '../../core/ipc/dispatch.ts';
import type { CallContext } from '../services/handlers.ts';
import { isTrustedSender } from './security.ts';

/** The only file that touches ipcMain: one handler per contract channel, each checked and validated. */
export function registerIpc(handlers: Handlers<CallContext>): void {
  registerHandlers(ipcMain, handlers);
}

/** registerIpc's logic over any ipcMain-shaped object, so tests can drive it without Electron. */
export function registerHandlers(ipc: Pick<IpcMain, 'handle'>, handlers: Handlers<CallContext>): void {
  for (const channel of channelIds) {
    ipc.handle(channel, (event, input: unknown): Promise<WireResult> => {
      if (!isTrustedSender(event.senderFrame)) {
        return Promise.resolve({ ok: false, error: { code: 'forbidden', message: `${channel}: sender is not the app's own page` } });
      }
      return dispatch(handlers, channel, input, contextFor(event.sender));
    });
  }
}

function contextFor(sender: WebContents): CallContext {
  return {
    emit: (event, payload) => {
      if (!sender.isDestroyed()) sender.send(event, payload);
    },
  };
}
