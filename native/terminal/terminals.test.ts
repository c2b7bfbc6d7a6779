import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Push } from '../api/index.ts';
import { repoPaths } from '../paths.ts';
import { createSessionPushes } from '../rpc/session-pushes.ts';
import { polderVersion } from '../version.ts';
import { terminalConfig } from './config.ts';
import { writeCliLauncher } from './launcher.ts';
import { createTerminals, type Terminals } from './terminals.ts';

const dirs: string[] = [];
const opened: Terminals[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.closeAll()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Real shells on real ptys, with what each session hears. */
function setUp(shell = '/bin/sh') {
  const dataDir = mkdtempSync(join(tmpdir(), 'polder-terminal-'));
  dirs.push(dataDir);
  const config = { ...terminalConfig({ env: { PATH: process.env.PATH, HOME: dataDir, SHELL: shell }, dataDir, cli: { node: process.execPath, script: repoPaths.cli, runAsNode: false } }), cwd: dataDir };
  writeCliLauncher(config.launcherDir, config.cli);
  const pushes = createSessionPushes();
  const terminals = createTerminals({ config, pushes });
  opened.push(terminals);
  const heard = (sessionId: string) => {
    const output = new Map<string, string>();
    const exits: Push['terminal.exit'][] = [];
    pushes.listen(sessionId, (event, payload) => {
      if (event === 'terminal.output') {
        const { id, data } = payload as Push['terminal.output'];
        output.set(id, (output.get(id) ?? '') + data);
      } else if (event === 'terminal.exit') exits.push(payload as Push['terminal.exit']);
    });
    return { output, exits };
  };
  return { terminals, heard, dataDir, config };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('terminal sessions on a pty', () => {
  it('runs a shell: what is typed comes back, and its exit code is reported', async () => {
    const { terminals, heard } = setUp();
    const alice = heard('alice');
    const { id, shell } = terminals.open('alice', { cols: 80, rows: 24 });
    expect(shell).toBe('/bin/sh');
    terminals.input('alice', id, 'echo "round-$((20 + 1))-trip"\r');
    await until(() => alice.output.get(id)?.includes('round-21-trip') ?? false, 'the echo');
    terminals.input('alice', id, 'exit 7\r');
    await until(() => alice.exits.length > 0, 'the exit');
    expect(alice.exits).toEqual([{ id, exitCode: 7, signal: null }]);
    expect(terminals.count('alice')).toBe(0);
  });

  it('resizes the pty: the shell sees the new size', async () => {
    const { terminals, heard } = setUp();
    const alice = heard('alice');
    const { id } = terminals.open('alice', { cols: 80, rows: 24 });
    terminals.resize('alice', id, 132, 41);
    terminals.input('alice', id, 'stty size\r');
    await until(() => alice.output.get(id)?.includes('41 132') ?? false, 'stty size');
  });

  it('puts polder on PATH and POLDER_DATA_DIR in the environment', async () => {
    const { terminals, heard, dataDir } = setUp();
    const alice = heard('alice');
    const { id } = terminals.open('alice', { cols: 120, rows: 24 });
    terminals.input('alice', id, 'echo "data=$POLDER_DATA_DIR"; polder --version\r');
    await until(() => alice.output.get(id)?.includes(`data=${dataDir}`) ?? false, 'POLDER_DATA_DIR');
    await until(() => new RegExp(`\\n${polderVersion.replaceAll('.', '\\.')}\\r?\\n`).test(alice.output.get(id) ?? ''), 'polder --version', 20_000);
  });

  it("keeps each session's terminals to itself: output, input and closing", async () => {
    const { terminals, heard } = setUp();
    const alice = heard('alice');
    const bob = heard('bob');
    const { id } = terminals.open('alice', { cols: 80, rows: 24 });
    terminals.input('alice', id, 'echo only-for-alice\r');
    await until(() => alice.output.get(id)?.includes('only-for-alice') ?? false, "alice's echo");
    expect(bob.output.size).toBe(0);
    expect(() => terminals.input('bob', id, 'echo intruder\r')).toThrow(expect.objectContaining({ code: 'not_found' }));
    await expect(terminals.close('bob', id)).rejects.toMatchObject({ code: 'not_found' });
    expect(terminals.count('alice')).toBe(1);
  });

  it('ends the shells of a session that ends, and only those', async () => {
    const { terminals, heard, dataDir } = setUp();
    const alice = heard('alice');
    const bob = heard('bob');
    const first = terminals.open('alice', { cols: 80, rows: 24 });
    const second = terminals.open('alice', { cols: 80, rows: 24 });
    const bobs = terminals.open('bob', { cols: 80, rows: 24 });
    // A shell that would leave a trace if it outlived its session.
    const marker = join(dataDir, 'outlived');
    terminals.input('alice', first.id, `sleep 2; touch ${marker}\r`);
    await terminals.endSession('alice');
    expect(terminals.count('alice')).toBe(0);
    expect(terminals.count('bob')).toBe(1);
    expect(alice.exits.map((e) => e.id).sort()).toEqual([first.id, second.id].sort());
    expect(alice.exits.every((e) => e.signal !== null)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(existsSync(marker)).toBe(false);
    terminals.input('bob', bobs.id, 'echo "still-$((1 + 1))-here"\r');
    await until(() => bob.output.get(bobs.id)?.includes('still-2-here') ?? false, "bob's shell");
  });
});
