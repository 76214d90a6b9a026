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
  let auth: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(join(staticRoot, 'assets'));
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(staticRoot, 'assets', 'app.js'), 'export {}');
    const handlers = createHandlers({ store, host: 'browser', initialStudyPath: sampleStudyPath() });
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
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get(host.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'none'; script-src 'self'/);
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
