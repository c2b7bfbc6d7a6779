import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMsel } from '../exercise/msel.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { injectsFromPlan } from './injects.ts';
import { buildReport } from './report.ts';
import { renderReportHtml } from './render-html.ts';
import { buildTestLog, s, t0 } from './test-log.ts';
import type { AarSource } from './source.ts';

/** An MSEL handed out on paper: each inject counts as delivered at its scenario time. */
const msel = 'Event number,Scenario time,Delivery method,To,Synopsis,Expected action\n1,+01:40,message,Transport,Llewellyn St under water,Close the road\n2,+33:20,message,EOC,Shelter full,Open a second shelter';

let trainee: AarSource;
let historical: AarSource;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  const a = await buildTestLog('reject');
  const b = await buildTestLog('approve');
  cleanups.push(a.cleanup, b.cleanup);
  trainee = a.source;
  historical = b.source;
});
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

describe('the after-action report', () => {
  it('gives each alert the lead time its forecast predicted, and when a gauge near it saw the water', () => {
    const report = buildReport(trainee, { title: 'test' });
    const by = (title: string) => report.alerts.find((a) => a.title.startsWith(title))!;
    expect(report.alerts).toHaveLength(3);
    expect(by('Creekside').leadSeconds).toBe(1140);
    expect(by('Creekside').predictedArrival).toBe(t0 + 1200 * s);
    expect(by('Creekside').observedArrival).toBe(t0 + 900 * s);
    expect(by('Llewellyn').leadSeconds).toBe(540);
    expect(by('Llewellyn').observedArrival).toBeNull();
    expect(by('Mid road').leadSeconds).toBeNull();
  });

  it('times acknowledgement by the acknowledging department and action by the task\'s department', () => {
    const report = buildReport(trainee, { title: 'test' });
    const times = Object.fromEntries(report.departmentTimes.map((d) => [d.department, { ack: d.ack.median, acks: d.ack.count, act: d.act.median, acts: d.act.count }]));
    expect(times).toEqual({
      eoc: { ack: 90, acks: 1, act: 240, acts: 1 },
      transport: { ack: 300, acks: 1, act: null, acts: 0 },
      police: { ack: null, acks: 0, act: 420, acts: 1 },
      works: { ack: 30, acks: 1, act: null, acts: 0 },
    });
  });

  it('counts drafts approved (edited) and rejected, with the reason and the time to decide', () => {
    const report = buildReport(trainee, { title: 'test' });
    expect(report.decisionSummary).toMatchObject({ approved: 1, approvedEdited: 1, rejected: 1, undecided: 0, timeToDecide: { count: 2, median: 420, max: 600 } });
    const rejected = report.decisions.find((d) => d.status === 'rejected')!;
    expect(rejected).toMatchObject({ title: 'Close Llewellyn St', decidedBy: 'transport-lead', reason: 'Police already hold the road', secondsToDecide: 600, edited: false });
    expect(report.decisions.find((d) => d.status === 'approved')).toMatchObject({ title: 'Protect Creekside school', edited: true, secondsToDecide: 240 });
  });

  it('sets the trainees\' decisions beside the recording\'s, and each inject beside its department\'s first action', () => {
    const report = buildReport(trainee, {
      title: 'test',
      historical,
      injects: injectsFromPlan(parseMsel(msel, { departments: demoRoster().departments, sensors: [], start: t0 }).injects),
    });
    const road = report.historical!.decisions.find((d) => d.key === 'closure:road-1')!;
    expect(road).toMatchObject({ historical: 'approved', trainee: 'rejected', same: false, historicalSeconds: 600, traineeSeconds: 600 });
    expect(report.historical!.decisions.find((d) => d.key === 'protection:asset-school')!.same).toBe(true);
    expect(report.historical!.alerts.find((a) => a.key === 'forecast:merewether-2007:road-1')).toMatchObject({ historicalAck: 300, traineeAck: 300 });
    expect(report.injects!.map((r) => [r.inject.number, r.responseSeconds, r.respondedBy])).toEqual([
      ['1', 260, 'transport-1'],
      ['2', null, null],
    ]);
    expect(report.injects![1]!.inject.deliveredAt).toBe(t0 + 2000 * s);
  });

  it('renders the figures into one self-contained page with its charts and a print stylesheet', () => {
    const html = renderReportHtml(buildReport(trainee, { title: 'Test <flood>' }));
    expect(html).toContain('After-action report: Test &lt;flood&gt;');
    expect(html).toContain('@media print');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('19 min 00 s'); // the school alert's lead time
    expect(html).toContain('Police already hold the road');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });
});
