// Attacks on serve mode's WebSocket: each sends what a broken or hostile page could, over a raw
// socket to a real `polder serve` child. The host must close only that socket, with the code
// RFC 6455 gives, and keep answering everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrame, callOver, closeCodeFrom, openAsBrowser, openPageSocket, rawUpgrade, socketPath, type PageCredentials } from './page-client.ts';
import { startServeChild, type ServeChild } from './serve-child.ts';

let served: ServeChild;
let page: PageCredentials;

beforeAll(async () => {
  served = await startServeChild();
  page = await openAsBrowser(served);
}, 30_000);
afterAll(() => served.stop());

async function sendAsPage(bytes: Buffer): Promise<number | null> {
  const upgrade = await rawUpgrade(served.port, socketPath(page.key), { cookie: page.cookie, origin: served.origin });
  expect(upgrade.status).toBe(101);
  const closed = closeCodeFrom(upgrade);
  // The host may hang up before all of a large frame is written: that is its answer, not an error here.
  upgrade.socket.on('error', () => {});
  upgrade.socket.write(bytes);
  return closed;
}

async function expectHostStillServes() {
  expect(await served.alive()).toBe(true);
  const socket = await openPageSocket(served, page);
  expect(await callOver(socket, 1, 'app.info')).toMatchObject({ ok: true, value: { name: 'polder' } });
  socket.close();
}

const text = 0x1;
const call = Buffer.from(JSON.stringify({ t: 'call', id: 1, method: 'app.info', args: {} }));

describe('one bad WebSocket frame closes only its socket', () => {
  it('a well-formed 17 MiB text message: 1009 (too big)', async () => {
    const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
    expect(await sendAsPage(buildFrame({ opcode: text, payload: big }))).toBe(1009);
    await expectHostStillServes();
  }, 60_000);

  it('bad UTF-8 in a text frame: 1007', async () => {
    expect(await sendAsPage(buildFrame({ opcode: text, payload: Buffer.from([0x22, 0xff, 0xfe, 0x22]) }))).toBe(1007);
    await expectHostStillServes();
  }, 30_000);

  it('an opcode RFC 6455 does not define: 1002', async () => {
    expect(await sendAsPage(buildFrame({ opcode: 0x3, payload: call }))).toBe(1002);
    await expectHostStillServes();
  }, 30_000);

  it('RSV1 set without a negotiated extension: 1002', async () => {
    expect(await sendAsPage(buildFrame({ opcode: text, payload: call, rsv1: true }))).toBe(1002);
    await expectHostStillServes();
  }, 30_000);

  it('an unmasked frame from a client: 1002', async () => {
    expect(await sendAsPage(buildFrame({ opcode: text, payload: call, masked: false }))).toBe(1002);
    await expectHostStillServes();
  }, 30_000);

  it('a close frame with a code no endpoint may send (1005): 1002', async () => {
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(1005);
    expect(await sendAsPage(buildFrame({ opcode: 0x8, payload }))).toBe(1002);
    await expectHostStillServes();
  }, 30_000);

  it('a continuation frame with no first frame: 1002', async () => {
    expect(await sendAsPage(buildFrame({ opcode: 0x0, payload: call }))).toBe(1002);
    await expectHostStillServes();
  }, 30_000);

  it('says what happened on its log, one line per socket', () => {
    expect(served.stderr()).toMatch(/WebSocket broke the protocol and was closed: .*Max payload size exceeded/);
  });
});
