import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenCookie = 'delineate-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Why a request is refused, or null when it may go on. */
export function refusal(request: IncomingMessage, token: string, port: number): string | null {
  if (!loopbackAddresses.has(request.socket.remoteAddress ?? '')) return 'not from this machine';
  // A Host check stops DNS rebinding: a web page on evil.example resolving to 127.0.0.1 sends its own Host.
  const host = request.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return `unexpected Host ${JSON.stringify(host)}`;
  const offered = requestToken(request);
  if (!offered || !sameSecret(offered, token)) return 'missing or wrong token';
  return null;
}

/** The token from ?token=, the cookie the first page load sets, or an Authorization: Bearer header. */
export function requestToken(request: IncomingMessage): string | undefined {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
