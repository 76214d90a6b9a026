import type { IpcMain, WebContents } from 'electron';
import { channelIds, type Handlers } from '../../core/ipc/contract.ts';
import { dispatch, type WireResult } from '../../core/ipc/dispatch.ts';
import type { CallContext } from '../services/handlers.ts';
import { isTrustedSender } from './security.ts';

/** The only file that touches ipcMain: one handler per contract channel, each checked and validated. */
export function registerHandlers(ipcMain: IpcMain, handlers: Handlers<CallContext>): void {
  for (const channel of channelIds) {
    ipcMain.handle(channel, (event, input: unknown): Promise<WireResult> => {
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
