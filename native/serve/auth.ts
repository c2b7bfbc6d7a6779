import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pageKeyParam } from '../api/wire.ts';

/** A fresh secret for serve mode; the printed URL carries it (kept across restarts, see link-file.ts). */
export function newLaunchToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenCookieName(port: number): string {
  // Cookies are not isolated by port, so two servers on one host need distinct names.
  return `polder_token_${port}`;
}

/**
 * What the launch token is traded for. Cookies are sent to every port of a host, so the cookie
 * alone only fetches the (public) renderer files; the WebSocket — every read of data and every
 * change — also needs the page key, which reaches the page in a URL fragment (never sent to any
 * server) and lives in that origin's storage, which another port cannot read.
 */
export interface Credentials {
  token: string;
  cookie: string;
  pageKey: string;
}

function derive(token: string, purpose: string): string {
  return createHmac('sha256', token).update(purpose).digest('base64url');
}

export function credentialsFor(token: string): Credentials {
  return { token, cookie: derive(token, 'polder serve cookie'), pageKey: derive(token, 'polder serve page key') };
}


function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
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
 * Every HTTP request must come to a host name we serve (no DNS rebinding), from our own origin
 * when a browser says where it comes from, and carry the launch token in the query or the cookie.
 */
export function checkRequest(req: IncomingMessage, credentials: Credentials, allowedHosts: ReadonlySet<string>, port: number): AuthVerdict {
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: `host ${host || '(none)'} is not served here` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (sameSecret(url.searchParams.get('token'), credentials.token)) return { ok: true, viaQuery: true };
  if (sameSecret(cookieValue(req.headers.cookie, tokenCookieName(port)), credentials.cookie)) return { ok: true, viaQuery: false };
  return { ok: false, status: 401, reason: 'missing or wrong token: open the URL that `polder serve` printed' };
}

/**
 * The WebSocket carries every call, so it asks for more than a file does: our own Origin (a
 * browser always sends it; a replaying process must forge it), the cookie, and the page key.
 */
export function checkSocket(req: IncomingMessage, credentials: Credentials, allowedHosts: ReadonlySet<string>, port: number): AuthVerdict {
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: `host ${host || '(none)'} is not served here` };
  const origin = req.headers.origin;
  if (origin !== `http://${host}`) return { ok: false, status: 403, reason: origin ? `origin ${origin} is not allowed` : 'a call must say its origin' };
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (!sameSecret(cookieValue(req.headers.cookie, tokenCookieName(port)), credentials.cookie)) return { ok: false, status: 401, reason: 'missing or wrong cookie' };
  if (!sameSecret(url.searchParams.get(pageKeyParam), credentials.pageKey)) return { ok: false, status: 401, reason: 'missing or wrong page key' };
  return { ok: true, viaQuery: false };
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
