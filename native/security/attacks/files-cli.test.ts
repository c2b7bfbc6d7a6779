// Issue 11 item 7: damaged files, hostile scenario packs and odd command lines, each replayed
// against real `node bin/polder.js` children (killed after a bounded time) and real files.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseScenario, writeTestPack, type PackOptions } from '../../../simulation/scenario/test-pack.ts';
import { runPolder } from './polder-cli.ts';
import { startServeChild, type ServeChild } from './serve-child.ts';

let work: string;
let host: ServeChild;
const packs: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'polder-files-'));
  // a host that must keep answering while the attacks below run beside it
  host = await startServeChild({ dataDir: join(work, 'host') });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
  for (const dir of packs) rmSync(dir, { recursive: true, force: true });
});

function pack(options: PackOptions): string {
  const dir = writeTestPack(options);
  packs.push(dir);
  return dir;
}

/** `polder sim` on a pack; the child is killed after 30 s so a spin fails the test instead of hanging it. */
function simOn(dir: string, ...args: string[]) {
  const run = runPolder(['sim', '--scenario', dir, '--duration', '1', '--threads', '1', ...args]);
  expect(run.signal, 'polder sim had to be killed').toBeNull();
  return run;
}

const demHeader = (nx: number, ny: number) => `ncols ${nx}\nnrows ${ny}\nxllcorner 300000\nyllcorner 6000000\ncellsize 2\nNODATA_value -9999\n`;

describe('damaged database files', () => {
  it('attack: a 0-byte ops.sqlite beside a good backup is reported as damaged, not seeded as a new log', async () => {
    const dataDir = join(work, 'emptied');
    const first = await startServeChild({ dataDir });
    await first.stop();
    const backup = runPolder(['db', 'backup', '--json', '--data-dir', dataDir]);
    expect(backup.code).toBe(0);
    for (const extra of ['-wal', '-shm']) rmSync(join(dataDir, `ops.sqlite${extra}`), { force: true });
    truncateSync(join(dataDir, 'ops.sqlite'), 0);

    await expect(startServeChild({ dataDir })).rejects.toThrow(/damaged \(the file is empty[^)]*\)[\s\S]*newest good backup is .*backups.*polder db restore/);
    expect(statSync(join(dataDir, 'ops.sqlite')).size).toBe(0);

    expect(runPolder(['db', 'restore', '--data-dir', dataDir]).code).toBe(0);
    const restored = await startServeChild({ dataDir });
    try {
      expect(await restored.alive()).toBe(true);
    } finally {
      await restored.stop();
    }
    expect(JSON.parse(runPolder(['db', 'check', '--json', '--data-dir', dataDir]).stdout)).toMatchObject({ ok: true, chain: { events: 16 } });
  }, 90_000);

  it('attack: a data folder and its files are readable by their owner only', async () => {
    if (process.platform === 'win32') return;
    const dataDir = join(work, 'private', 'data');
    const served = await startServeChild({ dataDir });
    await served.stop();
    expect(runPolder(['db', 'backup', '--data-dir', dataDir]).code).toBe(0);
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'ops.sqlite'))).toBe(0o600);
    expect(mode(join(dataDir, 'chain-head.json'))).toBe(0o600);
    for (const extra of ['-wal', '-shm']) if (existsSync(join(dataDir, `ops.sqlite${extra}`))) expect(mode(join(dataDir, `ops.sqlite${extra}`))).toBe(0o600);
    expect(mode(join(dataDir, 'backups'))).toBe(0o700);
    const backups = JSON.parse(runPolder(['db', 'backup', '--json', '--data-dir', dataDir]).stdout) as { path: string };
    expect(mode(backups.path)).toBe(0o600);
  }, 60_000);
});

describe('the command line', () => {
  it('attack: --out /proc/x fails at once with a clear message instead of spinning', () => {
    if (process.platform !== 'linux') return;
    const run = simOn(pack({}), '--out', '/proc/x');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write results to \/proc\/x: cannot create the folder \/proc\/x/);
  });

  it('attack: --out naming a file fails with a clear message', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'keep me\n');
    const run = simOn(pack({}), '--out', join(file, 'results'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write results to .*a-file is not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('attack: a negative --duration is explained, not "ambiguous"', () => {
    const run = runPolder(['sim', '--scenario', pack({}), '--duration', '-5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--duration must be a positive number of seconds, got "-5"/);
  });

  it('SIGTERM stops a long run', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'bin', 'polder.js'), 'sim', '--scenario', 'merewether-2007', '--duration', '36000', '--threads', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    await new Promise<void>((started) => child.stdout.once('data', () => started()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
    expect(child.signalCode === 'SIGKILL', 'polder sim ignored SIGTERM and had to be killed').toBe(false);
  }, 60_000);
});

describe('hostile scenario packs', () => {
  it('attack: a DEM header of 100000 × 100000 is refused before allocating, naming the file', () => {
    const run = simOn(pack({ files: { 'dem.asc': demHeader(100_000, 100_000) + '1 2 3\n' } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/dem\.asc: 100000 × 100000 = 10,000,000,000 cells is more than Polder models/);
    expect(run.stderr).not.toMatch(/allocation failed/i);
  });

  it('attack: a pack naming a file outside itself is refused without quoting that file', () => {
    const run = simOn(pack({ scenario: { ...baseScenario(), dem: '../../../../../../../../etc/passwd' } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/scenario\.json: "\.\.\/.*etc\/passwd" is outside the pack folder/);
    expect(run.stderr).not.toMatch(/root:/);
  });

  it('attack: a pack file that links outside the pack is refused without quoting the target', () => {
    const dir = pack({ scenario: { ...baseScenario(), dem: 'dem-link.asc' } });
    symlinkSync('/etc/passwd', join(dir, 'dem-link.asc'));
    const run = simOn(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"dem-link\.asc" links to a file outside the pack folder/);
    expect(run.stderr).not.toMatch(/root:/);
  });

  it('attack: a file in the pack that is not a grid is reported without quoting its contents', () => {
    const run = simOn(pack({ files: { 'dem.asc': 'root:x:0:0:root:/root:/bin/bash\n' } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/dem\.asc: line 1: not an ESRI ASCII grid header line/);
    expect(run.stderr).not.toMatch(/root:/);
  });

  it('attack: Manning n of 1e6 is refused with the file and the value', () => {
    const run = simOn(pack({ scenario: { ...baseScenario(), manning: { default: 1e6 } } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/scenario\.json: manning\.default: Manning n must be at most 1/);
  });

  it('attack: elevations of 1e30 are refused with the file and the value', () => {
    const values = Array.from({ length: 8 }, (_, row) => Array.from({ length: 10 }, (_, col) => (row === 3 && col === 4 ? '1e30' : String(10 - 0.5 * col))).join(' ')).join('\n');
    const run = simOn(pack({ files: { 'dem.asc': demHeader(10, 8) + values + '\n' } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/dem\.asc: cell 34: elevation 1(\.\d+)?e\+30 m is outside -11000\.\.9000 m/);
  });

  it('attack: an inflow of 1e9 m³/s is refused with the file and the value', () => {
    const run = simOn(pack({ files: { 'inflow.csv': 'time_s,discharge_m3s\n0,0\n60,1e9\n' } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/inflow\.csv: line 3: discharge_m3s 1000000000 is above 300000/);
  });
});

describe('after every attack', () => {
  it('the host still answers', async () => {
    expect(await host.alive()).toBe(true);
  });
});
