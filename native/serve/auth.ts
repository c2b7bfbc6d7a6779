import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret for one launch of serve mode; the printed URL carries it. */
export function newLaunchToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenCookieName(port: number): string {
  // Cookies are not isolated by port, so two servers on one host need distinct names.
  return `polder_token_${port}`;
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export type AuthVerdict =
  | { ok: true; viaQuery: boolean }
  | { ok: false; status: 401 | 403; reason: string };

/**
 * Every request must come to a host name we serve (no DNS rebinding), from our own origin when a
 * browser says where it comes from, and carry the launch token in the query or the cookie.
 */
export function checkRequest(req: IncomingMessage, token: string, allowedHosts: ReadonlySet<string>, port: number): AuthVerdict {
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: `host ${host || '(none)'} is not served here` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (sameSecret(url.searchParams.get('token'), token)) return { ok: true, viaQuery: true };
  if (sameSecret(cookieValue(req.headers.cookie, tokenCookieName(port)), token)) return { ok: true, viaQuery: false };
  return { ok: false, status: 401, reason: 'missing or wrong token: open the URL that `polder serve` printed' };
}

/** Host header values a server bound to `host:port` answers to. */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const names = new Set([`${host}:${port}`]);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    names.add(`127.0.0.1:${port}`);
    names.add(`localhost:${port}`);
    names.add(`[::1]:${port}`);
  }
  return names;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
