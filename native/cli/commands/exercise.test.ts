import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../mqtt/test-broker.ts';
import { opsDatabasePath } from '../../ops/service.ts';
import { repoPaths } from '../../paths.ts';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

const exampleMsel = join(repoPaths.resources, 'exercises', 'merewether-2007-msel.csv');
const bundledRecording = join(repoPaths.resources, 'recordings', 'merewether-2007.polder-recording.json');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'polder-exercise-cli-'));
  dirs.push(d);
  return d;
}
/** A stand-in renderer build: these tests exercise the command, not the UI. */
function rendererDir(): string {
  const d = tmp();
  writeFileSync(join(d, 'index.html'), '<!doctype html><title>Polder</title>');
  return d;
}

describe('polder exercise', () => {
  it('documents every option in --help', async () => {
    const { io, out } = recordingIo();
    expect(await runCli(['exercise', '--help'], io)).toBe(0);
    for (const flag of ['--msel', '--data-dir', '--scenario', '--recording', '--start', '--speed', '--paused', '--exercise-id', '--join', '--wait', '--port', '--host', '--allow-remote', '--open', '--json', '--broker']) expect(out.join('\n')).toContain(flag);
  });

  it('lists every bad cell of an MSEL, exits 2 and creates nothing', async () => {
    const root = tmp();
    const msel = join(root, 'bad.csv');
    writeFileSync(msel, 'Event number,Scenario time,Delivery method,To,Synopsis\n1,2007-06-08T15:00:00+10:00,message,EOC,Start\n2,00:61,fax,EOC,\n');
    const dataDir = join(root, 'exercise');
    const { io, err } = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--msel', msel, '--data-dir', dataDir], io)).toBe(2);
    expect(err.join('\n')).toMatch(/3 problems; nothing was loaded/);
    expect(err.join('\n')).toMatch(/line 3, column "Scenario time": "00:61" is not a scenario time/);
    expect(err.join('\n')).toMatch(/line 3, column "Delivery method"/);
    expect(err.join('\n')).toMatch(/line 3, column "Synopsis": is empty/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a data folder that holds a live store, and a missing --data-dir', async () => {
    const live = tmp();
    writeFileSync(join(live, 'ops.sqlite'), '');
    const refused = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--msel', exampleMsel, '--data-dir', live], refused.io)).toBe(1);
    expect(refused.err.join('\n')).toMatch(/holds a live operations log/);
    const badId = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--msel', exampleMsel, '--data-dir', join(live, 'drill'), '--exercise-id', 'a/b'], badId.io)).toBe(2);
    expect(existsSync(join(live, 'drill'))).toBe(false);
    const missing = recordingIo({ POLDER_DATA_DIR: live });
    expect(await runCli(['exercise', '--msel', exampleMsel], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toMatch(/--data-dir <path> is required/);
  });

  it('serves the example MSEL in its own data folder, marked with the exercise id', async () => {
    const dataDir = join(tmp(), 'merewether-drill');
    mkdirSync(dataDir);
    const { io, out, stop } = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    const exit = runCli(['exercise', '--msel', exampleMsel, '--data-dir', dataDir, '--paused', '--speed', '60', '--port', '0', '--json', '--exercise-id', 'drill-1'], io);
    for (let i = 0; i < 400 && out.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(JSON.parse(out[0]!)).toMatchObject({ dataDir, exerciseId: 'drill-1', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) });
    stop();
    expect(await exit).toBe(0);
    expect(JSON.parse(readFileSync(join(dataDir, 'exercise.json'), 'utf8'))).toEqual({ exerciseId: 'drill-1' });

    const other = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--msel', exampleMsel, '--data-dir', dataDir, '--exercise-id', 'drill-2'], other.io)).toBe(1);
    expect(other.err.join('\n')).toMatch(/holds exercise drill-1, not drill-2/);
  }, 30_000);

  it('runs the bundled recording with its MSEL, keeping the recording as recording.json, and refuses one that does not verify', async () => {
    const root = tmp();
    const msel = join(repoPaths.resources, 'exercises', 'merewether-2007-recording-msel.csv');
    const dataDir = join(root, 'drill');
    const { io, out, err, stop } = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    const exit = runCli(['exercise', '--recording', bundledRecording, '--msel', msel, '--data-dir', dataDir, '--paused', '--port', '0', '--json'], io);
    for (let i = 0; i < 400 && out.length === 0 && err.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(err).toEqual([]);
    expect(JSON.parse(out[0]!)).toMatchObject({ dataDir });
    stop();
    expect(await exit).toBe(0);
    expect(readFileSync(join(dataDir, 'recording.json'))).toEqual(readFileSync(bundledRecording));
    // the after-action report of the folder sets the recorded decisions beside the trainees' (none yet)
    const report = recordingIo();
    expect(await runCli(['aar', '--json', '--data-dir', dataDir], report.io)).toBe(0);
    const { historical } = JSON.parse(report.out.join('\n')) as { historical: { decisions: { same: boolean }[] } | null };
    expect(historical?.decisions.length).toBeGreaterThan(0);
    expect(historical?.decisions.filter((d) => d.same)).toEqual([]);

    const tampered = join(root, 'tampered.json');
    writeFileSync(tampered, readFileSync(bundledRecording, 'utf8').replace('"Merewether', '"Merewhether'));
    const refused = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--recording', tampered, '--msel', msel, '--data-dir', join(root, 'other')], refused.io)).toBe(1);
    expect(refused.err.join('\n')).toMatch(/tampered\.json does not verify, no exercise was started/);
    expect(existsSync(join(root, 'other'))).toBe(false);
    const both = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--recording', bundledRecording, '--scenario', 'merewether-2007', '--msel', msel, '--data-dir', join(root, 'other')], both.io)).toBe(2);
  }, 30_000);
});

describe('polder exercise --join', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(() => broker?.stop());

  it('needs a broker and takes no MSEL', async () => {
    const noBroker = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--join', 'drill-1', '--data-dir', join(tmp(), 'trainee')], noBroker.io)).toBe(2);
    expect(noBroker.err.join('\n')).toMatch(/--join needs --broker/);
    const withMsel = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    expect(await runCli(['exercise', '--join', 'drill-1', '--msel', exampleMsel, '--data-dir', join(tmp(), 'trainee'), '--broker', broker.url], withMsel.io)).toBe(2);
    expect(withMsel.err.join('\n')).toMatch(/--join takes no --msel/);
  });

  it('starts on the controller node\'s clock and delivers nothing itself', async () => {
    const root = tmp();
    const controller = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    const controlling = runCli(['exercise', '--msel', exampleMsel, '--data-dir', join(root, 'controller'), '--paused', '--port', '0', '--exercise-id', 'cli-drill', '--broker', broker.url, '--org', 'merewether', '--json'], controller.io);
    for (let i = 0; i < 400 && controller.out.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    const trainee = recordingIo({ POLDER_RENDERER_DIR: rendererDir() });
    const joining = runCli(['exercise', '--join', 'cli-drill', '--data-dir', join(root, 'trainee'), '--port', '0', '--broker', broker.url, '--org', 'merewether', '--wait', '10'], trainee.io);
    for (let i = 0; i < 400 && trainee.out.length === 0 && trainee.err.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    // Paused at STARTEX, 15:00 AEST: the MSEL's first time.
    expect(trainee.out[0]).toMatch(/^Joined exercise cli-drill at 2007-06-08T05:00:00\.000Z \(the controller's node delivers the injects\) is being served at http:\/\/127\.0\.0\.1:\d+\//);
    trainee.stop();
    controller.stop();
    expect(await joining).toBe(0);
    expect(await controlling).toBe(0);
    const count = (dir: string) => {
      const db = new Database(opsDatabasePath(join(root, dir)), { readonly: true });
      const n = db.prepare("SELECT count(*) FROM events WHERE type = 'inject.delivered'").pluck().get();
      db.close();
      return n;
    };
    // The STARTEX inject is due at once: the controller delivered it, the joined node delivered none.
    expect(count('controller')).toBe(1);
    expect(count('trainee')).toBe(0);
  }, 60_000);
});

