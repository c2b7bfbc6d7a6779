import { demoPin } from '../identity/demo-pin.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../api/wire.ts';
import { createApp, nodeRuntime, type PolderApp } from '../app.ts';
import { manualClock } from '../clock/clock.ts';
import { silentLogger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import { terminalConfig } from '../terminal/config.ts';
import { credentialsFor } from './auth.ts';
import { startServer, type ServeHandle } from './server.ts';

const token = 'test-token-terminal-0123';
let dataDir: string;
let app: PolderApp;
let server: ServeHandle;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'polder-serve-terminal-'));
  writeFileSync(join(dataDir, 'index.html'), '<!doctype html><title>Polder</title>');
  app = await createApp({
    dataDir,
    resourcesDir: repoPaths.resources,
    clock: manualClock(Date.UTC(2007, 5, 8, 12), 'exercise'),
    logger: silentLogger(),
    host: 'serve',
    runtime: nodeRuntime(),
    terminal: { ...terminalConfig({ env: { PATH: process.env.PATH, SHELL: '/bin/sh' }, dataDir, cli: { node: process.execPath, script: repoPaths.cli, runAsNode: false } }), cwd: dataDir },
  });
  server = await startServer({ app, staticDir: dataDir, host: '127.0.0.1', port: 0, token, logger: silentLogger() });
});

afterAll(async () => {
  await server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-in socket: calls by id, and the terminal output it hears. */
async function signedInSocket(actorId: string) {
  const { cookie, pageKey } = credentialsFor(token);
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?key=${pageKey}`, { headers: { cookie: `polder_token_${server.port}=${cookie}`, origin: `http://127.0.0.1:${server.port}` } });
  const results = new Map<number, (frame: ServerFrame) => void>();
  let output = '';
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.t === 'result') results.get(frame.id)?.(frame);
    else if (frame.t === 'push' && frame.event === 'terminal.output') output += (frame.payload as { data: string }).data;
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const call = (method: string, args: unknown) =>
    new Promise<ServerFrame>((resolve) => {
      const id = nextId++;
      results.set(id, resolve);
      socket.send(JSON.stringify({ t: 'call', id, method, args }));
    });
  await call('session.login', { actorId, secret: demoPin });
  return { socket, call, output: () => output };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('serve mode with the terminal', () => {
  it("sends a terminal's output to its own socket only, and ends the shell when the socket closes", async () => {
    const owner = await signedInSocket('fire-1');
    const other = await signedInSocket('works-lead');
    const opened = (await owner.call('terminal.open', { cols: 80, rows: 24 })) as Extract<ServerFrame, { t: 'result'; ok: true }>;
    const { id } = opened.value as { id: string };
    await owner.call('terminal.input', { id, data: 'echo "pid=$$"\r' });
    await until(() => /pid=\d+/.test(owner.output()), 'the shell pid');
    const pid = Number(/pid=(\d+)/.exec(owner.output())![1]);
    expect(alive(pid)).toBe(true);
    expect(other.output()).toBe('');

    owner.socket.close();
    await until(() => !alive(pid), 'the shell to end with its socket');
    other.socket.close();
  });
});
