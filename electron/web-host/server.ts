import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer } from 'ws';
import type { Handlers } from '../../core/ipc/contract.ts';
import { contentSecurityPolicy } from '../services/content-security.ts';
import type { CallContext } from '../services/handlers.ts';
import type { VolumeStore } from '../services/volume-store.ts';
import { newToken, refusal, requestUrl, tokenCookie } from './auth.ts';
import { maxFrameBytes, serveBridge } from './bridge.ts';
import { bulkVolumePattern, streamVolume } from './bulk.ts';
import { mimeType, openStaticFile, resolveStaticFile } from './static-files.ts';

export interface WebHostOptions {
  readonly handlers: Handlers<CallContext>;
  readonly store: VolumeStore;
  /** The built renderer (dist/renderer). */
  readonly staticRoot: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed only in tests; a fresh random token per launch otherwise. */
  readonly token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The URL to open: carries the token once; the page then holds it as an HttpOnly cookie. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The browser host: the same handlers as Electron's IPC, over HTTP + WebSocket, bound to 127.0.0.1 only,
 * and every request (page, assets, bulk bytes, WebSocket) must carry the per-launch token.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refused = refusal(request, token, port);
    if (refused) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end(`Forbidden: ${refused}`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = requestUrl(request, port);
    if (!url) {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request target');
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address bar for a cookie, so it is not left in history or screenshots.
      // A leading '//' would make the next address another host's.
      const next = `/${url.pathname.replace(/^\/+/, '')}`;
      const cookie = `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      const fetchSite = request.headers['sec-fetch-site'];
      if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
        // Opened by another page, as by `delineate start`'s launch page (a file:// page, which keeps the token
        // off Chromium's command line): Chromium withholds SameSite=Strict cookies from that navigation and
        // from its redirects, so a 303 would land on / without the cookie (403). This page's own navigation
        // to / is same-origin and carries it.
        response
          .writeHead(200, {
            'Content-Type': 'text/html; charset=utf-8',
            'Set-Cookie': cookie,
            'Content-Security-Policy': "default-src 'none'",
            'Referrer-Policy': 'no-referrer',
            'Cache-Control': 'no-store',
          })
          .end(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${next.replaceAll('&', '&amp;')}"><title>Delineate</title>\n`);
        return;
      }
      response.writeHead(303, { Location: next, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' }).end();
      return;
    }
    const bulk = bulkVolumePattern.exec(url.pathname);
    if (bulk) return streamVolume(options.store, bulk[1]!, response);
    const file = await resolveStaticFile(options.staticRoot, url.pathname);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': mimeType(file),
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else await pipeline(openStaticFile(file), response);
  }

  server.on('upgrade', (request, socket, head) => {
    // Node leaves an upgrade socket without an error listener: a peer that resets it would otherwise throw.
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(request, port);
      if (!url) return refuseUpgrade(socket, '400 Bad Request');
      const origin = request.headers.origin;
      const refused =
        refusal(request, token, port) ??
        (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`
          ? `foreign origin ${origin}`
          : null);
      if (refused || url.pathname !== '/ws') return refuseUpgrade(socket, '403 Forbidden');
      sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws, options.handlers));
    } catch {
      // Nothing a peer sends may end the host: whatever this handler did not foresee is a bad request.
      refuseUpgrade(socket, '400 Bad Request');
    }
  });

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers a refused upgrade and closes the socket once the answer is out, so a peer that stays silent holds nothing. */
function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
