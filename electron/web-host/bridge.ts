import type { WebSocket } from 'ws';
import { z } from 'zod';
import { dispatch } from '../../core/ipc/dispatch.ts';
import type { Handlers } from '../../core/ipc/contract.ts';
import type { CallContext } from '../services/handlers.ts';

/** One request over the browser host's WebSocket; the same shape the renderer's ws-bridge sends. */
const RequestFrame = z.object({ id: z.number().int().nonnegative(), channel: z.string().max(100), input: z.unknown() });

/** Frames larger than this are refused before parsing: no IPC input is ever that big. */
export const maxFrameBytes = 1 << 20;

export function serveBridge(socket: WebSocket, handlers: Handlers<CallContext>): void {
  const context: CallContext = {
    emit: (event, payload) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
    },
  };
  socket.on('message', async (data) => {
    let frame: z.infer<typeof RequestFrame>;
    try {
      frame = RequestFrame.parse(JSON.parse(String(data)));
    } catch {
      socket.send(JSON.stringify({ id: -1, ok: false, error: { code: 'invalid-input', message: 'Malformed request frame' } }));
      return;
    }
    const result = await dispatch(handlers, frame.channel, frame.input, context);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: frame.id, ...result }));
  });
}
