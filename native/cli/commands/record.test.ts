import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { demoRoster } from '../../identity/demo-roster.ts';
import { heldRosterPath, loadHeldRoster } from '../../identity/held-roster.ts';
import { manualClock } from '../../clock/clock.ts';
import { openOpsService, opsDatabasePath } from '../../ops/service.ts';
import type { Recording } from '../../record/format.ts';
import { makeSource, sourceWindow } from '../../record/test-source.ts';
import { quietLogger, tempDir } from '../../store/test-helpers.ts';
import { recordingIo } from './test-io.ts';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.cleanup());

async function polder(...args: string[]) {
  const rec = recordingIo();
  const code = await runCli(args, rec.io);
  return { code, out: rec.out, err: rec.err };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('polder record', () => {
  it('exports a window, verifies it and imports it into a new data folder only', async () => {
    dir = tempDir('polder-cli-record-');
    const live = join(dir.dir, 'live');
    mkdirSync(live);
    await makeSource(live);
    const file = join(dir.dir, 'flood.polder-recording.json');

    const exported = await polder('record', 'export', '--from', iso(sourceWindow.from), '--to', iso(sourceWindow.to), '--out', file, '--json', '--data-dir', live);
    expect(exported.err).toEqual([]);
    expect(JSON.parse(exported.out[0]!)).toMatchObject({ file, events: 4, origins: 2, forecasts: 1, simRuns: 1, packs: [expect.stringMatching(/^merewether-2007 sha256:[0-9a-f]{64}$/)] });

    const verified = await polder('record', 'verify', file);
    expect(verified).toMatchObject({ code: 0, err: [] });
    expect(verified.out[0]).toMatch(/^ok: 4 events of 2 devices, 1 forecasts, 1 simulation runs, 2007-06-08T07:30:00.000Z to 2007-06-08T09:30:00.000Z, signed by dev_a under roster test-org v1/);

    const replayDir = join(dir.dir, 'replay');
    expect(await polder('record', 'import', file, '--data-dir', replayDir)).toMatchObject({ code: 0, out: [`imported 4 events into ${replayDir}`] });
    const db = new Database(opsDatabasePath(replayDir), { readonly: true });
    try {
      const source = new Database(opsDatabasePath(live), { readonly: true });
      const hashes = (d: Database.Database) => d.prepare("SELECT origin || '#' || seq || ' ' || hash FROM events WHERE seq IN (2, 3) ORDER BY origin, seq").pluck().all();
      expect(hashes(db)).toEqual(hashes(source));
      const forecast = (d: Database.Database) => d.prepare("SELECT * FROM forecasts WHERE id = 'fc-1'").get();
      expect(forecast(db)).toEqual(forecast(source));
      source.close();
      expect(db.prepare('SELECT count(*) FROM timeline').pluck().get()).toBe(4);
      expect(db.prepare('SELECT count(*) FROM sim_run_edits').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
    expect(loadHeldRoster(replayDir)).toEqual(loadHeldRoster(live));
    const opened = openOpsService({ dataDir: replayDir, clock: manualClock(sourceWindow.to), push: { emit() {} }, logger: quietLogger, backupEveryMs: 0 });
    try {
      expect(['dev_a', 'dev_b']).not.toContain(opened.deviceId);
      expect(opened.verifyChain()).toMatchObject({ ok: true, events: 4, origins: 2 });
    } finally {
      await opened.close();
    }

    const again = await polder('record', 'import', file, '--data-dir', replayDir);
    expect(again).toMatchObject({ code: 1, err: [expect.stringMatching(/replay already holds an operations store: a recording is imported into a new, empty data folder only$/)] });
    expect((await polder('record', 'import', file, '--data-dir', live)).code).toBe(1);
  });

  it('refuses a tampered recording with one reason per line, and imports nothing from it', async () => {
    dir = tempDir('polder-cli-record-');
    const live = join(dir.dir, 'live');
    mkdirSync(live);
    await makeSource(live);
    const file = join(dir.dir, 'flood.json');
    expect((await polder('record', 'export', '--from', iso(sourceWindow.from), '--to', iso(sourceWindow.to), '--out', file, '--data-dir', live)).code).toBe(0);
    const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
    recording.events[2]!.payload = recording.events[2]!.payload.replace('Crew 2', 'Crew 7');
    writeFileSync(file, JSON.stringify(recording));

    const verified = await polder('record', 'verify', file);
    expect(verified.code).toBe(1);
    expect(verified.err).toEqual([
      "the recording's signature by dev_a does not match its content (altered after export)",
      'event dev_b#2: content does not match its hash (altered)',
      "event dev_b#2: bad signature: event dev_b#2: the signature is not device dev_b's over this content",
    ]);
    const replayDir = join(dir.dir, 'replay');
    const imported = await polder('record', 'import', file, '--data-dir', replayDir);
    expect(imported.code).toBe(1);
    expect(imported.err.at(-1)).toBe(`${file} does not verify: nothing was imported`);
    expect(existsSync(replayDir)).toBe(false);
  });

  it('explains bad calls in one line', async () => {
    dir = tempDir('polder-cli-record-');
    expect(await polder('record', 'export', '--from', 'yesterday', '--to', '2007-06-08T10:00:00Z', '--data-dir', dir.dir)).toMatchObject({ code: 2, err: [expect.stringMatching(/--from must be an ISO 8601 time/)] });
    expect(await polder('record', 'export', '--from', '2007-06-08T10:00:00Z', '--to', '2007-06-08T09:00:00Z', '--data-dir', dir.dir)).toMatchObject({ code: 2, err: [expect.stringMatching(/--to must be after --from/)] });
    expect(await polder('record', 'export', '--from', '2007-06-08T09:00:00Z', '--to', '2007-06-08T10:00:00Z', '--data-dir', dir.dir)).toMatchObject({ code: 1, err: [expect.stringMatching(/holds no operations store to record from/)] });
    await makeSource(dir.dir);
    writeFileSync(heldRosterPath(dir.dir), JSON.stringify(demoRoster()));
    expect(await polder('record', 'export', '--from', '2007-06-08T09:00:00Z', '--to', '2007-06-08T10:00:00Z', '--data-dir', dir.dir)).toMatchObject({ code: 1, err: [expect.stringMatching(/this device \(dev_a\) is not enrolled with this key in roster .*: enrol it/)] });
    expect(await polder('record', 'import', join(dir.dir, 'none.json'))).toMatchObject({ code: 1, err: [expect.stringMatching(/none.json does not exist/)] });
  });
});
