import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The cookie that carries the token after the first page load. Browsers send a cookie to every port of a
 * host (cookies ignore ports), so a fixed name would let two hosts on 127.0.0.1 overwrite each other's
 * cookie and each lock the other's page out; one name per port keeps them apart.
 */
export function tokenCookie(port: number): string {
  return `delineate-token-${port}`;
}

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
  const offered = requestToken(request, port);
  if (!offered || !sameSecret(offered, token)) return 'missing or wrong token';
  return null;
}

/**
 * The request's path and query, or null when its target is not a URL. Node's parser passes request
 * targets such as `http://[x/ws` through, and `new URL` throws on them: this runs before the token is
 * checked, so a throw here would let any local process crash the host without a token.
 */
export function requestUrl(request: IncomingMessage, port: number): URL | null {
  try {
    return new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** The token from ?token=, this port's cookie (set by the first page load), or an Authorization: Bearer header. */
export function requestToken(request: IncomingMessage, port: number): string | undefined {
  const fromQuery = requestUrl(request, port)?.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const cookie = tokenCookie(port);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
