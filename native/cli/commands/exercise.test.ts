import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoPaths } from '../../paths.ts';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

const exampleMsel = join(repoPaths.resources, 'exercises', 'merewether-2007-msel.csv');
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
    for (const flag of ['--msel', '--data-dir', '--scenario', '--start', '--speed', '--paused', '--exercise-id', '--port', '--host', '--allow-remote', '--open', '--json', '--broker']) expect(out.join('\n')).toContain(flag);
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
});
