import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServedApp {
  /** The URL `polder serve` printed, token included. */
  url: string;
  /** The same server without the token. */
  origin: string;
  dataDir: string;
}

const root = resolve(import.meta.dirname, '..');

/**
 * A real `polder <args>` that serves the app (serve, replay, exercise) and prints where as JSON
 * (`--json`) on its first line; fails when the command exits before it says.
 */
export async function startServing(args: string[], extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'polder.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    child.once('exit', (code) => reject(new Error(`polder ${args[0]} exited with ${code} before printing its URL`)));
    createInterface({ input: child.stdout! }).once('line', resolveLine);
  });
  return { child, url: (JSON.parse(firstLine) as { url: string }).url };
}

/** Stops what startServing started, and waits until it has gone. */
export async function stopServing(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
}

/** A real `polder serve` on `dataDir`; `portArgs` [] lets it reuse the port it had last time on that data. */
export async function startServe(dataDir: string, portArgs = ['--port', '0'], extraArgs: string[] = [], extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; served: ServedApp }> {
  const { child, url } = await startServing(['serve', ...portArgs, '--json', '--data-dir', dataDir, ...extraArgs], extraEnv);
  return { child, served: { url, origin: new URL(url).origin, dataDir } };
}

/**
 * One `polder serve` per test, on a random port with its own data directory, so no test sees
 * another's alerts or tasks. `test.use({ serveArgs: ['--terminal'], serveEnv: { … } })` adds
 * flags and environment variables to it.
 */
export const test = base.extend<{ serveArgs: string[]; serveEnv: Record<string, string>; served: ServedApp }>({
  serveArgs: [[], { option: true }],
  serveEnv: [{}, { option: true }],
  served: [
    async ({ serveArgs, serveEnv }, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'polder-e2e-'));
      const { child, served } = await startServe(dataDir, ['--port', '0'], serveArgs, serveEnv);
      await use(served);
      await stopServing(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'test' },
  ],
});

export { expect };
