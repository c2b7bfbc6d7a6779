// Cookies ignore ports: after a browser opens the serve URL, any other server on 127.0.0.1 that
// the browser talks to receives serve mode's cookie. These attacks replay it from such a server
// (a Node process: no Origin unless it forges one) and check that nothing is read or applied.
import { demoPin } from '../../identity/demo-pin.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrame, callOver, openAsBrowser, openPageSocket, rawUpgrade, socketPath, type PageCredentials } from './page-client.ts';
import { startServeChild, type ServeChild } from './serve-child.ts';

let served: ServeChild;
let page: PageCredentials;
let otherService: Server;
let otherOrigin: string;
/** What the other local service received from the browser. */
let stolenCookie: string;

const raise = { t: 'call', id: 2, method: 'alerts.raise', args: { source: 'field', title: 'Replayed by another local service', severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed' } };

beforeAll(async () => {
  served = await startServeChild();
  page = await openAsBrowser(served);
  const received: string[] = [];
  otherService = createServer((req, res) => {
    received.push(req.headers.cookie ?? '');
    res.end('ok');
  });
  await new Promise<void>((resolve) => otherService.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherService.address() as AddressInfo).port}`;
  // The browser visits the other service: same host, another port, so it sends the cookie along.
  await fetch(otherOrigin, { headers: { cookie: page.cookie } });
  stolenCookie = received[0]!;
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => otherService.close(resolve));
  await served.stop();
});

/** The upgrade with the stolen cookie and the given extra headers; a call is sent if it is taken. */
async function replay(path: string, headers: Record<string, string>): Promise<number> {
  const upgrade = await rawUpgrade(served.port, path, { cookie: stolenCookie, ...headers });
  if (upgrade.status === 101) {
    const login = Buffer.from(JSON.stringify({ t: 'call', id: 1, method: 'session.login', args: { actorId: 'eoc-lead', secret: demoPin } }));
    const call = Buffer.from(JSON.stringify(raise));
    // The sign-in checks the PIN (scrypt, off the event loop), so the call waits for its answer:
    // the host's frames are unmasked, so the result's JSON shows in the raw bytes.
    let heard = '';
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      upgrade.socket.on('data', (chunk: Buffer) => {
        heard += chunk.toString('latin1');
        if (heard.includes('"t":"result"')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    upgrade.socket.write(buildFrame({ opcode: 1, payload: login }));
    await answered;
    upgrade.socket.write(buildFrame({ opcode: 1, payload: call }));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  upgrade.socket.destroy();
  return upgrade.status;
}

async function replayedAlertExists(): Promise<boolean> {
  const socket = await openPageSocket(served, page);
  expect(await callOver(socket, 1, 'session.login', { actorId: 'eoc-lead', secret: demoPin })).toMatchObject({ ok: true });
  const alerts = await callOver(socket, 2, 'alerts.list', { status: 'all' });
  expect(alerts).toMatchObject({ ok: true });
  socket.close();
  return JSON.stringify(alerts.value).includes('Replayed by another local service');
}

async function expectNothingApplied() {
  expect(await replayedAlertExists()).toBe(false);
  expect(await served.alive()).toBe(true);
}

describe('the serve cookie replayed by another local service', () => {
  it('is what the other service received, and it is not the token', () => {
    expect(stolenCookie).toBe(page.cookie);
    expect(stolenCookie).not.toContain(served.token);
  });

  it('without an Origin (a Node client): the WebSocket is refused', async () => {
    expect(await replay('/api', {})).toBe(403);
    await expectNothingApplied();
  }, 30_000);

  it('from the other service’s origin: refused', async () => {
    expect(await replay('/api', { origin: otherOrigin })).toBe(403);
    await expectNothingApplied();
  }, 30_000);

  it('with a forged Origin of the serve page itself: refused without the page key', async () => {
    expect(await replay('/api', { origin: served.origin })).toBe(401);
    await expectNothingApplied();
  }, 30_000);

  it('a page key guessed from the cookie: refused', async () => {
    const cookieValue = stolenCookie.split('=').slice(1).join('=');
    expect(await replay(socketPath(cookieValue), { origin: served.origin })).toBe(401);
    await expectNothingApplied();
  }, 30_000);

  // The control: the same replay with what only the page holds goes through, so the refusals above are what stopped it.
  it('with the page key as well (what only the page holds): taken, and the call applied', async () => {
    expect(await replay(socketPath(page.key), { origin: served.origin })).toBe(101);
    expect(await replayedAlertExists()).toBe(true);
  }, 30_000);
});
