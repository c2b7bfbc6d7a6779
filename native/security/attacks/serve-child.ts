// A real `polder serve` child process for the attack tests: its own data directory, its own
// static folder (so no test needs the renderer built), a random loopback port, killed by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..', '..', '..');

export interface ServeChild {
  /** The printed URL, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** The folder served as the renderer: tests may put files (or links) in it. */
  staticDir: string;
  child: ChildProcess;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  /** True while the process runs and answers HTTP with the token. */
  alive(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface ServeChildOptions {
  args?: string[];
  /** A data directory to reuse (a restart); a fresh one otherwise. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

export async function startServeChild(options: ServeChildOptions = {}): Promise<ServeChild> {
  const work = mkdtempSync(join(tmpdir(), 'polder-attack-'));
  const dataDir = options.dataDir ?? join(work, 'data');
  const staticDir = join(work, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Polder</title><p>attack test page</p>\n');
  const child = spawn(process.execPath, [join(root, 'bin', 'polder.js'), 'serve', '--port', '0', '--json', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: root,
    env: { ...process.env, ...options.env, POLDER_RENDERER_DIR: staticDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`polder serve printed no URL within 20 s: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`polder serve exited with ${code} before printing its URL: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line);
    });
  });
  const { url, port } = JSON.parse(firstLine) as { url: string; port: number };
  const parsed = new URL(url);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    origin: parsed.origin,
    port,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    staticDir,
    child,
    stderr: () => stderr,
    async alive() {
      if (child.exitCode !== null || child.signalCode !== null) return false;
      try {
        const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
        return res.status === 303 || res.status === 200;
      } catch {
        return false;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
