import { demoPin } from '../identity/demo-pin.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, nodeRuntime, type PolderApp } from '../app.ts';
import { manualClock } from '../clock/clock.ts';
import { silentLogger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import type { SimFrame } from '../api/sim.ts';
import type { BinaryHeader, ServerFrame } from '../api/wire.ts';
import { credentialsFor } from './auth.ts';
import { startServer, type ServeHandle } from './server.ts';

const token = 'test-token-0123456789';
const { cookie: cookieValue, pageKey } = credentialsFor(token);
let staticDir: string;
let app: PolderApp;
let server: ServeHandle;

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function cookie() {
  return `polder_token_${server.port}=${cookieValue}`;
}

function openSocket(headers: Record<string, string>, key: string | null = pageKey) {
  return new WebSocket(`ws://127.0.0.1:${server.port}/api${key === null ? '' : `?key=${key}`}`, { headers });
}

/** A server frame from text, or from a binary message as native/api/wire.ts lays it out. */
function decode(data: Buffer, isBinary: boolean): ServerFrame {
  if (!isBinary) return JSON.parse(data.toString()) as ServerFrame;
  const length = data.readUInt32LE(0);
  const { bin, ...frame } = JSON.parse(data.subarray(4, 4 + length).toString()) as BinaryHeader;
  const body = (frame.t === 'push' ? frame.payload : (frame as { value: unknown }).value) as Record<string, unknown>;
  let offset = 4 + length;
  for (const [field, bytes] of bin) {
    body[field] = new Uint8Array(data.subarray(offset, offset + bytes));
    offset += bytes;
  }
  expect(offset).toBe(data.length);
  return frame;
}

function nextFrame(socket: WebSocket, match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      const frame = decode(data, isBinary);
      if (match(frame)) {
        socket.off('message', onMessage);
        resolve(frame);
      }
    };
    socket.on('message', onMessage);
  });
}

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'polder-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Polder</title>');
  app = await createApp({
    dataDir: mkdtempSync(join(tmpdir(), 'polder-data-')),
    resourcesDir: repoPaths.resources,
    clock: manualClock(Date.UTC(2007, 5, 8, 12), 'exercise'),
    logger: silentLogger(),
    host: 'serve',
    runtime: nodeRuntime(),
    tickMs: 20,
  });
  server = await startServer({ app, staticDir, host: '127.0.0.1', port: 0, token, logger: silentLogger(), heartbeatMs: 50 });
});

afterAll(async () => {
  await server.close();
  await app.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('serve mode over HTTP', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('refuses requests without the token with 401', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/index.html')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { cookie: `polder_token_${server.port}=wrong` })).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly cookie and a page key in the fragment, neither of them the token', async () => {
    const response = await get(`/?token=${token}`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/#polder-key=${pageKey}`);
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`^polder_token_${server.port}=${cookieValue}; Path=/; HttpOnly; SameSite=Strict`));
    expect(new Set([token, cookieValue, pageKey]).size).toBe(3);
  });

  it('does not take the token itself as the cookie', async () => {
    expect((await get('/', { cookie: `polder_token_${server.port}=${token}` })).status).toBe(401);
  });

  it('serves the renderer with a strict CSP to a request with the cookie', async () => {
    const response = await get('/', { cookie: cookie() });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Polder</title>');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/object-src 'none'/);
  });

  it('refuses a foreign origin or host with 403, even with the token', async () => {
    expect((await get('/', { cookie: cookie(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/', { cookie: cookie(), host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await get('/../../package.json', { cookie: cookie() })).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json', { cookie: cookie() })).status).toBe(404);
  });
});

describe('serve mode over WebSocket', () => {
  it('refuses a socket without the token', async () => {
    const socket = openSocket({ origin: `http://127.0.0.1:${server.port}` });
    const status = await new Promise<number>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    expect(status).toBe(401);
  });

  it('refuses a socket with the cookie but without the page key, or without an origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    for (const socket of [openSocket({ cookie: cookie(), origin }, null), openSocket({ cookie: cookie(), origin }, 'wrong'), openSocket({ cookie: cookie() })]) {
      const status = await new Promise<number>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
      expect(status).toBeGreaterThanOrEqual(401);
    }
  });

  it('refuses a socket from a foreign origin', async () => {
    const socket = openSocket({ cookie: cookie(), origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    expect(status).toBe(403);
  });

  it('round-trips app.info, answers errors as { code, message } and pushes the clock', async () => {
    const socket = openSocket({ cookie: cookie(), origin: `http://127.0.0.1:${server.port}` });
    await new Promise((resolve) => socket.once('open', resolve));

    const info = nextFrame(socket, (f) => f.t === 'result' && f.id === 1);
    socket.send(JSON.stringify({ t: 'call', id: 1, method: 'app.info', args: {} }));
    const result = await info;
    expect(result).toMatchObject({ ok: true, value: { name: 'polder', host: 'serve', runtime: { node: process.versions.node } } });

    const unknown = nextFrame(socket, (f) => f.t === 'result' && f.id === 2);
    socket.send(JSON.stringify({ t: 'call', id: 2, method: 'no.such', args: {} }));
    expect(await unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const invalid = nextFrame(socket, (f) => f.t === 'result' && f.id === 3);
    socket.send(JSON.stringify({ t: 'call', id: 3, method: 'app.info', args: { surprise: true } }));
    expect(await invalid).toMatchObject({ ok: false, error: { code: 'invalid_args' } });

    const malformed = nextFrame(socket, (f) => f.t === 'error');
    socket.send('not json');
    expect(await malformed).toMatchObject({ error: { code: 'invalid_args' } });

    const tick = await nextFrame(socket, (f) => f.t === 'push' && f.event === 'app.clock');
    expect(tick).toEqual({ t: 'push', event: 'app.clock', payload: { now: Date.UTC(2007, 5, 8, 12), mode: 'exercise' } });
    socket.close();
  });

  it('beats: a page hears the host at least once per heartbeat, calls or not', async () => {
    const socket = openSocket({ cookie: cookie(), origin: `http://127.0.0.1:${server.port}` });
    const beats: number[] = [];
    socket.on('message', (data: Buffer) => JSON.parse(data.toString()).t === 'beat' && beats.push(beats.length));
    await new Promise((resolve) => socket.once('open', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(beats.length).toBeGreaterThanOrEqual(3);
    socket.close();
  });

  it('keeps the sign-in per socket: session.logout signs out only that socket', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const [a, b] = [openSocket({ cookie: cookie(), origin }), openSocket({ cookie: cookie(), origin })];
    await Promise.all([a, b].map((s) => new Promise((resolve) => s.once('open', resolve))));
    let id = 10;
    const call = async (socket: WebSocket, method: string, args: unknown = {}) => {
      const mine = ++id;
      const answer = nextFrame(socket, (f) => f.t === 'result' && f.id === mine);
      socket.send(JSON.stringify({ t: 'call', id: mine, method, args }));
      return answer;
    };
    for (const s of [a, b]) expect(await call(s, 'session.login', { actorId: 'fire-1', secret: demoPin })).toMatchObject({ ok: true });
    expect(await call(a, 'session.logout')).toMatchObject({ ok: true, value: null });
    expect(await call(a, 'session.current')).toMatchObject({ ok: true, value: null });
    expect(await call(a, 'board.query')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call(b, 'session.current')).toMatchObject({ ok: true, value: { id: 'fire-1' } });
    a.close();
    b.close();
  });

  it('sends map frames as binary messages, latest-only: one on its way until the page acks it, a burst reaching it as its first and its last', async () => {
    const socket = openSocket({ cookie: cookie(), origin: `http://127.0.0.1:${server.port}` });
    await new Promise((resolve) => socket.once('open', resolve));
    // Frames go to signed-in pages only.
    const signedIn = nextFrame(socket, (f) => f.t === 'result' && f.id === 1);
    socket.send(JSON.stringify({ t: 'call', id: 1, method: 'session.login', args: { actorId: 'fire-1', secret: demoPin } }));
    expect(await signedIn).toMatchObject({ ok: true });
    const received: { frame: ServerFrame; isBinary: boolean }[] = [];
    let acking = false;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = decode(data, isBinary);
      if (frame.t !== 'push' || frame.event !== 'sim.frame') return;
      received.push({ frame, isBinary });
      if (acking) socket.send(JSON.stringify({ t: 'ack', event: 'sim.frame' }));
    });
    const frame = (time: number): SimFrame => ({
      runId: 'r1',
      time,
      durationSeconds: 100,
      width: 2,
      height: 1,
      cellsPerPixel: 1,
      depthMetersPerUnit: 0.001,
      arrivalSecondsPerUnit: 1,
      wetCells: 1,
      maxDepth: 0.5,
      probes: [],
      assets: [],
      grids: Uint8Array.from([time, 1, 2, 3, 255]),
    });
    // Not acked: the next frame waits (up to the host's 2 s), the newest replacing the waiting one.
    for (let time = 1; time <= 30; time++) app.pushes.emit('sim.frame', frame(time));
    await expect.poll(() => received.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toHaveLength(1);
    await expect.poll(() => received.length, { timeout: 3000 }).toBe(2);
    expect(received.map((r) => r.isBinary)).toEqual([true, true]);
    expect(received.map((r) => (r.frame as { payload: SimFrame }).payload)).toEqual([frame(1), frame(30)]);
    // Acked as they arrive: a burst is its first and its last, at once.
    acking = true;
    socket.send(JSON.stringify({ t: 'ack', event: 'sim.frame' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let time = 31; time <= 60; time++) app.pushes.emit('sim.frame', frame(time));
    await expect.poll(() => received.length).toBe(4);
    expect(received.slice(2).map((r) => (r.frame as { payload: SimFrame }).payload.time)).toEqual([31, 60]);
    socket.close();
  });
});
