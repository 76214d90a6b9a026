import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { sampleStudyPath } from '../services/app-meta.ts';
import { createHandlers } from '../services/handlers.ts';
import { VolumeStore, volumeBytes } from '../services/volume-store.ts';
import { refusal } from './auth.ts';
import { startWebHost, type WebHost } from './server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends `text` as is on a fresh connection and returns all the host answers until it closes the connection. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.once('close', () => resolve(answer));
    socket.once('error', reject);
    socket.write(text);
  });
}

function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.on('message', function listen(data) {
      const reply = JSON.parse(String(data)) as Record<string, unknown>;
      if ('event' in reply) return;
      socket.off('message', listen);
      resolve(reply);
    });
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('browser host', () => {
  const staticRoot = mkdtempSync(join(tmpdir(), 'delineate-static-'));
  const store = new VolumeStore();
  let host: WebHost;
  let handlers: ReturnType<typeof createHandlers>;
  let auth: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(join(staticRoot, 'assets'));
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(staticRoot, 'assets', 'app.js'), 'export {}');
    handlers = createHandlers({ store, host: 'browser', initialStudyPath: sampleStudyPath() });
    host = await startWebHost({ handlers, store, staticRoot });
    auth = { Authorization: `Bearer ${host.token}` };
  });
  afterAll(async () => {
    await host.close();
    rmSync(staticRoot, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, on a free port, with a long random token', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await get(host.port, '/')).status).toBe(403);
    expect((await get(host.port, '/assets/app.js')).status).toBe(403);
    expect((await get(host.port, '/', { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await get(host.port, '/?token=wrong')).status).toBe(403);
  });

  it('refuses a request whose Host is not loopback (DNS rebinding), even with the token', async () => {
    expect((await get(host.port, '/', { ...auth, Host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('refuses connections from other machines', async () => {
    const fake = { socket: { remoteAddress: '192.168.1.20' }, headers: { host: `127.0.0.1:${host.port}` }, url: `/?token=${host.token}` };
    expect(refusal(fake as never, host.token, host.port)).toBe('not from this machine');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        const socket = connect({ host: external.address, port: host.port });
        socket.once('connect', () => resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' })));
        socket.once('error', resolve);
      });
      expect(error.code).toBe('ECONNREFUSED');
    }
  });

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie, then serves the page with a CSP', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(new RegExp(`^delineate-token-${host.port}=`));
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get(host.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'none'; script-src 'self'/);
  });

  it('names its cookie after its port, so that two hosts on 127.0.0.1 each keep their own', async () => {
    // A browser sends a host's cookies to every port of it and keeps one cookie per name, host and path:
    // with one name for all, the second host's cookie replaced the first's, whose page then got 403.
    const second = await startWebHost({ handlers, store, staticRoot });
    try {
      const jar = new Map<string, string>();
      for (const each of [host, second]) {
        const setCookie = String((await get(each.port, `/?token=${each.token}`)).headers['set-cookie']).split(';')[0]!;
        const equals = setCookie.indexOf('=');
        jar.set(setCookie.slice(0, equals), setCookie.slice(equals + 1));
      }
      expect([...jar.keys()].sort()).toEqual([`delineate-token-${host.port}`, `delineate-token-${second.port}`].sort());
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      for (const each of [host, second]) expect((await get(each.port, '/', { Cookie: cookie })).status).toBe(200);
      // A cookie of the other port opens nothing here.
      expect((await get(host.port, '/', { Cookie: `delineate-token-${second.port}=${second.token}` })).status).toBe(403);
    } finally {
      await second.close();
    }
  });

  it('answers a request target that is not a URL with 400 or 403, as a WebSocket upgrade too, and keeps serving', async () => {
    // Node passes `http://[x/ws` through and `new URL` throws on it; in the upgrade handler, before the
    // token check, that throw went uncaught and ended the host: any local process could stop it.
    const upgrade = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const head = `Host: 127.0.0.1:${host.port}\r\n`;
    const bearer = `Authorization: Bearer ${host.token}\r\n`;
    expect(await rawExchange(host.port, `GET http://[x/ws HTTP/1.1\r\n${head}${upgrade}\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawExchange(host.port, `GET http://[x/ws HTTP/1.1\r\n${head}${bearer}${upgrade}\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawExchange(host.port, `GET http://[x/ HTTP/1.1\r\n${head}Connection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
    expect(await rawExchange(host.port, `GET http://[x/ HTTP/1.1\r\n${head}${bearer}Connection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect((await get(host.port, '/', auth)).status).toBe(200);
    const socket = await openSocket(host.port, auth);
    expect(await call(socket, { id: 1, channel: 'app.info', input: {} })).toMatchObject({ ok: true });
    socket.close();
  });

  it('answers the token from a page elsewhere (the launch page) with a page that moves on to / itself, which gets the SameSite=Strict cookie', async () => {
    // Chromium withholds SameSite=Strict cookies from a navigation another site started, redirects included:
    // after a 303, / came without the cookie. A navigation from this origin to itself carries it.
    const first = await get(host.port, `/?token=${host.token}`, { 'Sec-Fetch-Site': 'cross-site' });
    expect(first.status).toBe(200);
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(String(first.headers['content-security-policy'])).toBe("default-src 'none'");
    expect(first.body.toString()).toContain('<meta http-equiv="refresh" content="0; url=/">');
    expect(first.body.toString()).not.toContain(host.token);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/package.json', '/assets/..%5c..%5cpackage.json']) {
      expect((await get(host.port, path, auth)).status).toBe(404);
    }
  });

  it('answers IPC over the WebSocket and rejects a malformed payload with a validation error', async () => {
    const socket = await openSocket(host.port, { ...auth, Origin: `http://127.0.0.1:${host.port}` });
    expect(await call(socket, { id: 1, channel: 'app.info', input: {} })).toMatchObject({ id: 1, ok: true, output: { host: 'browser' } });
    expect(await call(socket, { id: 2, channel: 'study.open', input: { path: 7 } })).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call(socket, 'not json')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    socket.close();
  });

  it('refuses a WebSocket without the token or from a foreign origin', async () => {
    await expect(openSocket(host.port, {})).rejects.toThrow(/403/);
    await expect(openSocket(host.port, { ...auth, Origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });

  it('streams a loaded volume through the bulk path, byte for byte, and only for known ids', async () => {
    const socket = await openSocket(host.port, auth);
    const reply = (await call(socket, { id: 1, channel: 'study.initial', input: {} })) as { output: { id: string; byteLength: number } };
    socket.close();
    const bulk = await get(host.port, `/bulk/volume/${reply.output.id}`, auth);
    expect(bulk.status).toBe(200);
    expect(bulk.body.byteLength).toBe(reply.output.byteLength);
    expect(Buffer.compare(bulk.body, Buffer.from(volumeBytes(store.get(reply.output.id)!)))).toBe(0);
    expect((await get(host.port, '/bulk/volume/vol-0000000000000000', auth)).status).toBe(404);
    expect((await get(host.port, `/bulk/volume/${reply.output.id}`)).status).toBe(403);
  });
});
