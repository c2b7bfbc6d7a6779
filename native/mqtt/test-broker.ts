import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPort } from './free-port.ts';

export { startEmbeddedBroker as startAedes } from './embedded-broker.ts';
export { startProxy, type TcpProxy, type ProxyMode } from './tcp-proxy.ts';

const mosquittoBinary = process.env.POLDER_MOSQUITTO ?? '/usr/sbin/mosquitto';

export interface MosquittoOptions {
  /** Keep state on disk across restarts (default false: a restart loses sessions and retained messages). */
  persistence?: boolean;
  /** Per-client queue limit for offline persistent sessions; mosquitto's default is 1000. */
  maxQueuedMessages?: number;
  /** A TLS listener instead of plain TCP: PEM file paths. */
  tls?: { cafile: string; certfile: string; keyfile: string; requireCertificate?: boolean };
  /** Extra mosquitto.conf lines. */
  extra?: readonly string[];
}

export interface Mosquitto {
  url: string;
  port: number;
  readonly pid: number | undefined;
  /** SIGKILL: the broker loses whatever it did not persist. */
  kill9(): Promise<void>;
  /** Starts it again on the same port with the same configuration. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real mosquitto for tests: its own config in a temp folder, a free loopback port, killed by its
 * PID. Binds 127.0.0.1 only.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'polder-mosquitto-'));
  const port = await freeLoopbackPort();
  const lines = [
    // Run as whoever started it: mosquitto started as root otherwise becomes `mosquitto`, which cannot read the temp folder.
    `user ${userInfo().username}`,
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    `persistence ${options.persistence ? 'true' : 'false'}`,
    ...(options.persistence ? [`persistence_location ${dir}/`, 'autosave_interval 1'] : []),
    `max_queued_messages ${options.maxQueuedMessages ?? 1000}`,
    'max_inflight_messages 100',
    'log_dest none',
    ...(options.tls
      ? [`cafile ${options.tls.cafile}`, `certfile ${options.tls.certfile}`, `keyfile ${options.tls.keyfile}`, `require_certificate ${options.tls.requireCertificate ? 'true' : 'false'}`]
      : []),
    ...(options.extra ?? []),
  ];
  const configFile = join(dir, 'mosquitto.conf');
  writeFileSync(configFile, `${lines.join('\n')}\n`);
  const state = { child: null as ChildProcess | null, stderr: '' };

  const start = async () => {
    const child = spawn(mosquittoBinary, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    state.child = child;
    state.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (state.stderr += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`mosquitto exited (${code}) before listening: ${state.stderr.trim()}`))),
    );
    exited.catch(() => {});
    await Promise.race([waitForPort(port, 10_000), exited]);
  };
  const killWith = async (signal: NodeJS.Signals) => {
    const child = state.child;
    state.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await gone;
  };

  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get pid() {
      return state.child?.pid;
    },
    kill9: () => killWith('SIGKILL'),
    start,
    async stop() {
      await killWith('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `check` holds (what a broker carries arrives when it arrives); fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 25) {
    if (check()) return;
    await sleep(25);
  }
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** Resolves once something accepts TCP connections on the loopback port. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 25) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(25);
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}
