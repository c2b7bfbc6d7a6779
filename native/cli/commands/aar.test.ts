import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { repoPaths } from '../../paths.ts';
import { buildExerciseLog, testMsel } from '../../aar/test-exercise-log.ts';
import { buildTestLog, s, t0 } from '../../aar/test-log.ts';
import { recordingIo } from './test-io.ts';

let log: Awaited<ReturnType<typeof buildTestLog>>;
beforeAll(async () => (log = await buildTestLog('reject')));
afterAll(() => log.cleanup());

async function polder(...args: string[]) {
  const rec = recordingIo();
  const code = await runCli(args, rec.io);
  return { code, out: rec.out, err: rec.err };
}

describe('polder aar', () => {
  it('prints the figures of the log as JSON, for the whole log when no window is given', async () => {
    const { code, out, err } = await polder('aar', '--json', '--data-dir', log.dataDir);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const report = JSON.parse(out.join('\n'));
    expect(report.decisionSummary).toMatchObject({ approved: 1, approvedEdited: 1, rejected: 1 });
    expect(report.alerts.map((a: { leadSeconds: number | null }) => a.leadSeconds)).toEqual([540, 1140, null]);
  });

  it('writes an HTML page with the injects of an MSEL run outside the folder beside what was done', async () => {
    const msel = join(log.dataDir, 'msel.csv');
    writeFileSync(msel, 'Event number,Scenario time,Delivery method,To,Synopsis,Expected action\n1,+01:40,message,Transport,Llewellyn St under water,Close the road\n');
    const out = join(log.dataDir, 'report.html');
    const from = new Date(t0).toISOString();
    const to = new Date(t0 + 3600 * s).toISOString();
    const run = await polder('aar', '--from', from, '--to', to, '--msel', msel, '--start', from, '--title', 'Drill 3', '--out', out, '--data-dir', log.dataDir);
    expect(run).toMatchObject({ code: 0, err: [], out: [`wrote the after-action report (3 alerts, 2 recommended tasks, ${log.source.events.filter((e) => e.at >= t0).length} events) to ${out}`] });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('After-action report: Drill 3');
    expect(html).toContain('Close the road');
    expect(html).toContain('<span class="num">4 min 20 s</span>'); // delivered at t0 + 100 s, transport acknowledged at t0 + 360 s
  });

  it('reads an exercise folder\'s injects from its log with no flag, and refuses an --msel there', async () => {
    const exercise = await buildExerciseLog();
    try {
      const { code, out } = await polder('aar', '--json', '--data-dir', exercise.dataDir);
      expect(code).toBe(0);
      const { injects } = JSON.parse(out.join('\n')) as { injects: { inject: { number: string; status: string }; responseSeconds: number | null }[] };
      expect(injects.map((r) => [r.inject.number, r.inject.status, r.responseSeconds])).toEqual([
        ['1', 'delivered', 150],
        ['2', 'delivered', 60],
        ['3', 'skipped', null],
        ['4', 'delivered', 240],
        ['5', 'pending', null],
      ]);
      const msel = join(exercise.dataDir, 'msel.csv');
      writeFileSync(msel, testMsel);
      const refused = await polder('aar', '--msel', msel, '--data-dir', exercise.dataDir);
      expect(refused).toMatchObject({ code: 2, err: [expect.stringContaining('ran an exercise: the report reads its injects from its log, so drop --msel')] });
    } finally {
      exercise.cleanup();
    }
  });

  it('sets a replay of the bundled recording beside the recording: the same decisions, the same times', async () => {
    const bundled = join(repoPaths.resources, 'recordings', 'merewether-2007.polder-recording.json');
    const replay = join(log.dataDir, 'replay');
    expect((await polder('record', 'import', bundled, '--data-dir', replay)).code).toBe(0);
    const { code, out } = await polder('aar', '--recording', bundled, '--json', '--data-dir', replay);
    expect(code).toBe(0);
    const { historical, decisionSummary } = JSON.parse(out.join('\n'));
    expect(historical.decisions.length).toBe(decisionSummary.approved + decisionSummary.rejected + decisionSummary.undecided + decisionSummary.superseded);
    expect(historical.decisions.filter((d: { same: boolean }) => !d.same)).toEqual([]);
    expect(historical.alerts.filter((a: { historicalAck: number | null; traineeAck: number | null }) => a.historicalAck !== a.traineeAck)).toEqual([]);
    expect(decisionSummary.rejected).toBeGreaterThan(0);
  });

  it('refuses a bad MSEL, naming each bad cell', async () => {
    const msel = join(log.dataDir, 'bad.csv');
    writeFileSync(msel, 'Event number,Scenario time,Delivery method,To,Synopsis\n1,soon,message,Transport,Road under water\n2,+05:00,pigeon,Police,Crowd\n');
    const run = await polder('aar', '--msel', msel, '--start', new Date(t0).toISOString(), '--data-dir', log.dataDir);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toMatch(/bad\.csv has 2 problems:\nline 2, column "Scenario time": "soon" is not a scenario time.*\nline 3, column "Delivery method": "pigeon" is not a delivery method/s);
  });
});
