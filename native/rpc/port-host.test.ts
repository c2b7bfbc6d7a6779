import { demoPin } from '../identity/demo-pin.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../api/wire.ts';
import { createApp, nodeRuntime, type PolderApp } from '../app.ts';
import { manualClock } from '../clock/clock.ts';
import { silentLogger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import { terminalConfig } from '../terminal/config.ts';
import { createPortHost, type PortHost, type RpcPort } from './port-host.ts';

/** A node:worker_threads MessagePort as an RpcPort: the plain-Node twin of Electron's MessagePortMain. */
function nodeRpcPort(port: MessagePort): RpcPort {
  return {
    listen(onMessage, onClose) {
      port.on('message', onMessage);
      port.once('close', onClose);
      port.start();
    },
    post: (frame: ServerFrame) => port.postMessage(frame),
    close: () => port.close(),
  };
}

/** A window's side of its port: calls by id, and every push it hears. */
function windowEnd(port: MessagePort) {
  const results = new Map<number, (frame: ServerFrame) => void>();
  const pushes: { event: string; payload: unknown; ack?: true }[] = [];
  let nextId = 1;
  port.on('message', (frame: ServerFrame) => {
    if (frame.t === 'result') results.get(frame.id)?.(frame);
    else if (frame.t === 'push') pushes.push({ event: frame.event, payload: frame.payload, ...(frame.ack ? { ack: frame.ack } : {}) });
  });
  return {
    pushes,
    call(method: string, args: unknown = {}) {
      const id = nextId++;
      return new Promise<ServerFrame>((resolve) => {
        results.set(id, resolve);
        port.postMessage({ t: 'call', id, method, args });
      });
    },
    /** What the preload does once it has handed a latest-only push to its listeners. */
    ack: (event: string) => port.postMessage({ t: 'ack', event }),
    close: () => port.close(),
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let dataDir: string;
let app: PolderApp;
let host: PortHost;

function openWindow(windowId: string, on: PortHost = host) {
  const { port1, port2 } = new MessageChannel();
  on.connect(windowId, nodeRpcPort(port2));
  return windowEnd(port1);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'polder-ports-'));
  app = await createApp({
    dataDir,
    resourcesDir: repoPaths.resources,
    clock: manualClock(Date.UTC(2007, 5, 8, 12), 'exercise'),
    logger: silentLogger(),
    host: 'electron',
    runtime: nodeRuntime(),
    terminal: { ...terminalConfig({ env: { PATH: process.env.PATH, SHELL: '/bin/sh' }, dataDir, cli: { node: process.execPath, script: repoPaths.cli, runAsNode: false } }), cwd: dataDir },
  });
  host = createPortHost(app);
});

afterAll(async () => {
  host.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one port per window, one session per port', () => {
  it('serves two windows signed in as two different people at once, and pushes reach both', async () => {
    const fire = openWindow('1');
    const works = openWindow('2');
    const [fireSession, worksSession] = [host.sessionOf('1'), host.sessionOf('2')];
    expect(fireSession).not.toBe(worksSession);
    expect([host.windowOf(fireSession!), host.windowOf(worksSession!), host.windowOf('no-such-session')]).toEqual(['1', '2', null]);
    expect(await fire.call('session.login', { actorId: 'fire-1', secret: demoPin })).toMatchObject({ ok: true, value: { id: 'fire-1' } });
    expect(await works.call('session.login', { actorId: 'works-lead', secret: demoPin })).toMatchObject({ ok: true, value: { id: 'works-lead' } });
    expect(await fire.call('session.current')).toMatchObject({ ok: true, value: { id: 'fire-1' } });
    expect(await works.call('session.current')).toMatchObject({ ok: true, value: { id: 'works-lead' } });

    const created = await fire.call('tasks.create', { title: 'Sandbag Scott St', department: 'fire' });
    expect(created).toMatchObject({ ok: true });
    await until(() => works.pushes.some((p) => p.event === 'tasks.changed'), 'tasks.changed at the second window');
    expect(fire.pushes.some((p) => p.event === 'tasks.changed')).toBe(true);

    fire.close();
    works.close();
    await until(() => host.size() === 0, 'both sessions to end');
    expect(host.windowOf(fireSession!)).toBeNull();
  });

  it('answers an unknown method, and a shell asked for before signing in, with an error', async () => {
    const window = openWindow('1');
    expect(await window.call('nope.nothing')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await window.call('terminal.open', { cols: 80, rows: 24 })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    window.close();
    await until(() => host.size() === 0, 'the session to end');
  });

  it("ends a window's session and its terminals when its port closes, and only that window's", async () => {
    const first = openWindow('1');
    const second = openWindow('2');
    await first.call('session.login', { actorId: 'fire-1', secret: demoPin });
    await second.call('session.login', { actorId: 'works-lead', secret: demoPin });
    const opened = await first.call('terminal.open', { cols: 80, rows: 24 });
    expect(opened).toMatchObject({ ok: true });
    const id = (opened as { value: { id: string } }).value.id;

    // The terminal's output goes to the window that opened it, and to no other.
    await first.call('terminal.input', { id, data: 'echo "pty-$((40 + 2))"\r' });
    await until(() => first.pushes.some((p) => p.event === 'terminal.output' && String((p.payload as { data: string }).data).includes('pty-42')), 'terminal output');
    expect(second.pushes.filter((p) => p.event.startsWith('terminal.'))).toEqual([]);
    expect(await second.call('terminal.input', { id, data: 'echo intruder\r' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    first.close();
    await until(() => host.size() === 1, "the first window's session to end");
    // The shell is gone: even a new window of the same person cannot reach it.
    const again = openWindow('1');
    await again.call('session.login', { actorId: 'fire-1', secret: demoPin });
    expect(await again.call('terminal.close', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await second.call('session.current')).toMatchObject({ ok: true, value: { id: 'works-lead' } });
    again.close();
    second.close();
    await until(() => host.size() === 0, 'every session to end');
  });

  it('a window that reconnects (reload) gets a new session, and its old port is closed', async () => {
    const before = openWindow('1');
    await before.call('session.login', { actorId: 'fire-1', secret: demoPin });
    const after = openWindow('1');
    expect(host.size()).toBe(1);
    expect(await after.call('session.current')).toMatchObject({ ok: true, value: null });
    after.close();
    await until(() => host.size() === 0, 'the session to end');
  });
});

describe('map frames over a port are latest-only, as in serve mode', () => {
  const frame = (n: number) => app.pushes.emit('sim.frame', { n } as never);
  const frameNumbers = (pushes: { event: string; payload: unknown }[]) => pushes.filter((p) => p.event === 'sim.frame').map((p) => (p.payload as { n: number }).n);

  it('sends one frame until the window acks it, keeps only the newest waiting, and lets other pushes through', async () => {
    const window = openWindow('1');
    await window.call('session.login', { actorId: 'fire-1', secret: demoPin });
    for (let n = 1; n <= 50; n++) frame(n);
    await window.call('tasks.create', { title: 'Pump out Scott St', department: 'fire' });
    await until(() => window.pushes.some((p) => p.event === 'tasks.changed'), 'tasks.changed behind the frames');
    // Only the first frame came; a burst of 49 more is one waiting frame, the last.
    expect(frameNumbers(window.pushes)).toEqual([1]);
    expect(window.pushes.find((p) => p.event === 'sim.frame')?.ack).toBe(true);
    expect(window.pushes.find((p) => p.event === 'tasks.changed')?.ack).toBeUndefined();

    window.ack('sim.frame');
    await until(() => frameNumbers(window.pushes).length === 2, 'the waiting frame after the ack');
    expect(frameNumbers(window.pushes)).toEqual([1, 50]);
    frame(51);
    window.ack('sim.frame');
    await until(() => frameNumbers(window.pushes).length === 3, 'the next frame after the second ack');
    expect(frameNumbers(window.pushes)).toEqual([1, 50, 51]);
    window.close();
    await until(() => host.size() === 0, 'the session to end');
  });

  it('sends the next frame anyway once a window has not acked for the ack wait', async () => {
    const patient = createPortHost(app, { ackWaitMs: 150 });
    const window = openWindow('1', patient);
    await window.call('session.login', { actorId: 'fire-1', secret: demoPin });
    frame(1);
    frame(2);
    frame(3);
    await until(() => frameNumbers(window.pushes).length === 2, 'the waiting frame after the ack wait');
    expect(frameNumbers(window.pushes)).toEqual([1, 3]);
    patient.close();
  });

  it('sends no frame to a window that has not signed in', async () => {
    const window = openWindow('1');
    frame(1);
    expect(await window.call('session.current')).toMatchObject({ ok: true, value: null });
    expect(frameNumbers(window.pushes)).toEqual([]);
    window.close();
    await until(() => host.size() === 0, 'the session to end');
  });
});
