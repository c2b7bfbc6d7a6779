// Runs `node bin/polder.js …` as a real child process for the attack tests, bounded in time.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Kills the child with SIGKILL after `timeoutMs` (its `signal` then says so). */
export function runPolder(args: string[], timeoutMs = 30_000, env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'polder.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}
