import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock/clock.ts';
import { openOpsService } from '../../ops/service.ts';
import { smallRecording } from '../../replay/test-replay-app.ts';
import { quietLogger, tempDir } from '../../store/test-helpers.ts';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

let dir: ReturnType<typeof tempDir>;
let file: string;
let renderer: string;
beforeAll(async () => {
  dir = tempDir('polder-cli-replay-');
  file = join(dir.dir, 'flood.polder-recording.json');
  writeFileSync(file, JSON.stringify(await smallRecording(join(dir.dir, 'source'))));
  renderer = join(dir.dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Polder</title>');
});
afterAll(() => dir.cleanup());

/** Every file under a folder with the hash of its bytes and its modification time. */
function fingerprint(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p] = `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`;
    }
  };
  walk(folder);
  return out;
}

/** Runs `polder replay …` until it serves, then stops it; returns its exit code and output. */
async function replay(args: string[], env: NodeJS.ProcessEnv = {}) {
  const rec = recordingIo({ POLDER_RENDERER_DIR: renderer, ...env });
  const run = runCli(['replay', ...args], rec.io);
  for (let i = 0; i < 400 && rec.out.length === 0; i++) {
    const settled = await Promise.race([run.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 25))]);
    if (settled) break;
  }
  rec.stop();
  return { code: await run, out: rec.out, err: rec.err };
}

describe('polder replay', () => {
  it('serves a recording from its own folder, again from the same folder, and never from a live one, which it leaves untouched', async () => {
    const live = join(dir.dir, 'live');
    const ops = openOpsService({ dataDir: live, clock: manualClock(0), push: { emit() {} }, logger: quietLogger, backupEveryMs: 0 });
    await ops.close();
    const before = fingerprint(live);

    const own = join(dir.dir, 'replay-1');
    const first = await replay([file, '--data-dir', own, '--paused', '--json'], { POLDER_DATA_DIR: live });
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out[0]!)).toMatchObject({ dataDir: own, folder: 'imported' });
    const again = await replay([file, '--data-dir', own, '--paused', '--json']);
    expect(JSON.parse(again.out[0]!)).toMatchObject({ folder: 'reused' });

    const refused = await replay([file, '--data-dir', live]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('already holds an operations store: a recording is imported into a new, empty data folder only (a replay never runs in a live data folder)');
    expect(fingerprint(live)).toEqual(before);
  });

  it('refuses --broker and ignores POLDER_BROKERS: nothing connects to the broker named there', async () => {
    const rejected = await replay([file, '--data-dir', join(dir.dir, 'replay-2'), '--broker', 'mqtt://127.0.0.1:1883']);
    expect(rejected.code).toBe(2);
    expect(rejected.err.join('\n')).toContain('--broker: a replay never connects to a broker');

    // A listener where POLDER_BROKERS points: any connection at all (MQTT or not) is counted.
    let connections = 0;
    const listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as { port: number }).port;
    try {
      const served = await replay([file, '--data-dir', join(dir.dir, 'replay-3'), '--speed', '60'], { POLDER_BROKERS: `mqtt://127.0.0.1:${port}` });
      expect(served.code).toBe(0);
      expect(served.err).toContain('warning: POLDER_BROKERS is ignored: a replay never connects to a broker');
      await new Promise((r) => setTimeout(r, 300));
      expect(connections).toBe(0);
    } finally {
      listener.close();
    }
  });

  it('explains bad calls in one line', async () => {
    expect((await replay([file])).err[0]).toBe('polder replay: replay needs --data-dir <new empty folder>: a replay never runs in the live data folder (see polder replay --help)');
    expect((await replay([file, '--data-dir', join(dir.dir, 'x'), '--speed', '61'])).err[0]).toContain('--speed must be a whole number from 1 to 60, got "61"');
    expect((await replay([file, '--data-dir', join(dir.dir, 'x'), '--at', '1999-01-01T00:00:00Z'])).err[0]).toContain('--at must be an ISO time within the recording, 2007-06-08T06:00:00.000Z to 2007-06-08T07:00:00.000Z');
    const tampered = join(dir.dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('Close the crossing #2', 'Close the crossing #9'));
    const refused = await replay([tampered, '--data-dir', join(dir.dir, 'x')]);
    expect(refused.code).toBe(1);
    expect(refused.err.at(-1)).toBe(`${tampered} does not verify: it is not replayed`);
  });
});
