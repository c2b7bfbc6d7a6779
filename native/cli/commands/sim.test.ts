import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsOfPrj } from '../../../simulation/scenario/prj.ts';
import { baseScenario, writeTestPack } from '../../../simulation/scenario/test-pack.ts';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

describe('polder sim', () => {
  it('runs a pack, prints plain progress lines off a terminal and writes the outputs', async () => {
    const pack = writeTestPack();
    const out = mkdtempSync(join(tmpdir(), 'polder-sim-cli-'));
    const probes = join(out, 'my-probes.csv');
    writeFileSync(probes, 'id,x,y\nlow,300017,6000003\nhigh,300001,6000015\n');
    const rec = recordingIo();
    const code = await runCli(['sim', '--scenario', pack, '--duration', '90', '--threads', '2', '--probes', probes, '--out', out], rec.io);
    expect(rec.err).toEqual([]);
    expect(code).toBe(0);
    expect(rec.out.some((l) => /^t=90\.0s\/90s steps=\d+/.test(l))).toBe(true);
    expect(rec.out.some((l) => /^done: 90\.0 s simulated/.test(l))).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ cells: 80, simulatedSeconds: 90, threads: 2 });
    expect(summary.steps).toBeGreaterThan(5);
    expect(summary.massErrorPercent).toBeLessThan(0.1);
    expect(summary.probes.map((p: { id: string }) => p.id)).toEqual(['low', 'high']);
    const low = summary.probes[0];
    expect(low.maxDepth).toBeGreaterThan(0);
    expect(low.maxStage).toBeCloseTo(low.maxDepth + 10 - 0.5 * 8 + 0.01 * 6, 3);
    const csv = readFileSync(join(out, 'probes.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('time_s,id,x,y,depth_m,stage_m');
    expect(csv.length).toBe(1 + 2 * 10);
    expect(readFileSync(join(out, 'max-depth.asc'), 'utf8')).toMatch(/^ncols\s+10\nnrows\s+8/);
  });

  it('prints one JSON summary with --json', async () => {
    const rec = recordingIo();
    expect(await runCli(['sim', '--scenario', writeTestPack(), '--duration', '30', '--threads', '1', '--json'], rec.io)).toBe(0);
    expect(rec.out).toHaveLength(1);
    expect(JSON.parse(rec.out[0]!)).toMatchObject({ scenario: 'test-pack', simulatedSeconds: 30, probes: [{ id: 'p1' }, { id: 'p2' }] });
  });

  it('refuses bad flags with exit code 2 and a bad pack with exit code 1', async () => {
    for (const argv of [['sim'], ['sim', '--scenario', 'x', '--threads', '0'], ['sim', '--scenario', 'x', '--duration', 'soon'], ['sim', '--scenario', 'x', '--scheme', 'magic'], ['sim', '--bogus']]) {
      const rec = recordingIo();
      expect(await runCli(argv, rec.io)).toBe(2);
      expect(rec.err).toHaveLength(1);
    }
    const rec = recordingIo();
    expect(await runCli(['sim', '--scenario', join(tmpdir(), 'nowhere-pack')], rec.io)).toBe(1);
    expect(rec.err[0]).toMatch(/^polder sim: .*no such folder/);
    const pack = writeTestPack({ files: { 'dem.asc': null } });
    const missing = recordingIo();
    expect(await runCli(['sim', '--scenario', pack], missing.io)).toBe(1);
    expect(missing.err[0]).toMatch(/dem\.asc.*not found/);
  });
});

describe('polder sim --save-state / --resume', () => {
  it('resumes a run from its saved state and ends where the run that did not stop ends', async () => {
    const pack = writeTestPack();
    const dir = mkdtempSync(join(tmpdir(), 'polder-sim-state-'));
    const state = join(dir, 'at-40.state');
    const first = recordingIo();
    expect(await runCli(['sim', '--scenario', pack, '--duration', '40', '--threads', '1', '--save-state', state], first.io)).toBe(0);
    expect(first.out.at(-1)).toMatch(/engine state at 40\.0 s saved to .*at-40\.state/);
    const resumed = recordingIo();
    expect(await runCli(['sim', '--scenario', pack, '--duration', '90', '--threads', '1', '--resume', state, '--json'], resumed.io)).toBe(0);
    const whole = recordingIo();
    expect(await runCli(['sim', '--scenario', pack, '--duration', '90', '--threads', '1', '--json'], whole.io)).toBe(0);
    const a = JSON.parse(resumed.out[0]!);
    const b = JSON.parse(whole.out[0]!);
    expect(a.simulatedSeconds).toBe(90);
    expect(a.massBalance).toEqual(b.massBalance);
    expect(a.probes).toEqual(b.probes);
  });

  it('refuses a state file it could not write before running', async () => {
    const rec = recordingIo();
    expect(await runCli(['sim', '--scenario', writeTestPack(), '--duration', '40', '--save-state', join(tmpdir(), 'no-such-folder-x', 's.state')], rec.io)).toBe(2);
    expect(rec.err[0]).toMatch(/cannot write .*no-such-folder-x.*not writable/);
    expect(rec.out).toEqual([]);
  });
});

describe('polder sim outputs', () => {
  it('runs a pack in the British grid (EPSG:27700) and writes its grids with a .prj that reads back', async () => {
    const pack = writeTestPack({
      scenario: { ...baseScenario(), crs: 'EPSG:27700', extent: undefined, manning: { default: 0.04 }, buildings: undefined },
      files: { 'dem.prj': null },
    });
    const out = mkdtempSync(join(tmpdir(), 'polder-sim-bng-'));
    const rec = recordingIo();
    expect(await runCli(['sim', '--scenario', pack, '--duration', '30', '--threads', '1', '--out', out], rec.io)).toBe(0);
    expect(rec.err).toEqual([]);
    const prj = readFileSync(join(out, 'max-depth.prj'), 'utf8');
    expect(prj).toMatch(/^PROJCS\["British_National_Grid"/);
    expect(crsOfPrj(prj, 'max-depth.prj')).toBe('EPSG:27700');
  });

  it('refuses an --out it cannot write before the run starts', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'polder-sim-out-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const rec = recordingIo();
    expect(await runCli(['sim', '--scenario', writeTestPack(), '--duration', '30', '--out', join(blocker, 'results')], rec.io)).toBe(2);
    expect(rec.err[0]).toMatch(/cannot write results to .*a-file\/results: .*a-file is not a folder/);
    // nothing ran: not even the first line of the run was printed
    expect(rec.out).toEqual([]);
  });

  it('takes engine settings, grid times and a probe interval, and records them in summary.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'polder-sim-set-'));
    const rec = recordingIo();
    const argv = ['sim', '--scenario', writeTestPack(), '--duration', '90', '--threads', '1', '--out', out, '--set', 'theta=0.8', '--set', 'maxStep=0.5', '--set', 'friction=face', '--snapshots', '60,30', '--probe-interval', '15'];
    expect(await runCli(argv, rec.io)).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.engine).toMatchObject({ scheme: 'inertial', theta: 0.8, maxStep: 0.5, friction: 'face', cfl: 0.7 });
    expect(summary.sampleIntervalSeconds).toBe(15);
    expect(summary.snapshots).toEqual([
      { time: 30, depth: 'depth-30s.asc', speed: 'speed-30s.asc' },
      { time: 60, depth: 'depth-60s.asc', speed: 'speed-60s.asc' },
    ]);
    expect(readFileSync(join(out, 'depth-30s.asc'), 'utf8')).toMatch(/^ncols\s+10\nnrows\s+8/);
    // at most 0.5 s per step: 90 s take at least 180
    expect(summary.steps).toBeGreaterThanOrEqual(180);
    const csv = readFileSync(join(out, 'probes.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(1 + 2 * 7);
  });

  it('refuses bad --set, --snapshots and --probe-interval values, naming them', async () => {
    const pack = writeTestPack();
    const cases: [string[], RegExp][] = [
      [['--set', 'theta=2'], /--set: theta: .*1/],
      [['--set', 'speed=fast'], /--set: .*speed/],
      [['--set', 'theta'], /--set takes key=value/],
      [['--snapshots', '10,soon', '--out', tmpdir()], /--snapshots takes positive seconds/],
      [['--snapshots', '10'], /--snapshots writes grids into the --out folder/],
      [['--snapshots', '500', '--out', mkdtempSync(join(tmpdir(), 'polder-sim-late-'))], /--snapshots: 500 s is after the end of the run \(90 s\)/],
      [['--probe-interval', '0'], /--probe-interval must be a positive number of seconds/],
    ];
    for (const [flags, message] of cases) {
      const rec = recordingIo();
      expect(await runCli(['sim', '--scenario', pack, '--duration', '90', ...flags], rec.io), flags.join(' ')).toBe(2);
      expect(rec.err[0]).toMatch(message);
    }
  });
});
