import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { polderVersion } from '../version.ts';
import type { CliIo } from './command.ts';
import { runCli } from './main.ts';

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, isTTY: false, stopRequested: Promise.resolve() };
}

describe('polder CLI', () => {
  it('prints help listing its commands', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Usage: polder <command>/);
    expect(io.stdout.join('\n')).toMatch(/\n {2}serve +serve the app/);
  });

  it('prints its version', async () => {
    const io = captureIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdout).toEqual([polderVersion]);
  });

  it('refuses an unknown command with one line and exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toEqual(["polder: unknown command 'frobnicate' (see polder --help)"]);
  });

  it('refuses an unknown flag with one line and exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['serve', '--prot', '8080'], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^polder serve: Unknown option '--prot'/);
  });

  it('refuses a bad port and a non-loopback host without --allow-remote', async () => {
    const badPort = captureIo();
    expect(await runCli(['serve', '--port', 'eighty'], badPort)).toBe(2);
    expect(badPort.stderr[0]).toMatch(/--port must be a whole number from 0 to 65535/);
    const remote = captureIo();
    expect(await runCli(['serve', '--host', '0.0.0.0'], remote)).toBe(2);
    expect(remote.stderr[0]).toMatch(/add --allow-remote/);
  });

  it('refuses --terminal on a non-loopback host, even with --allow-remote', async () => {
    for (const argv of [
      ['serve', '--terminal', '--host', '0.0.0.0', '--allow-remote'],
      ['serve', '--terminal', '--host', '192.168.1.20'],
    ]) {
      const io = captureIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr).toHaveLength(1);
      expect(io.stderr[0]).toMatch(/--terminal gives whoever opens the page a shell on this machine: it is offered only on a loopback --host/);
    }
  });

  it('runs as the `polder` bin under plain Node', () => {
    const bin = fileURLToPath(new URL('../../bin/polder.js', import.meta.url));
    const result = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(polderVersion);
    expect(result.stderr).toBe('');
  });
});
