import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { testService } from '../../ops/test-service.ts';
import { recordingIo } from './test-io.ts';

let env: ReturnType<typeof testService> | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

async function incident() {
  env = testService();
  await env.as('eoc-lead')('incidents.create', { name: 'Merewether flood', departments: ['fire'] });
  const tom = env.as('fire-lead');
  const task = await tom('tasks.create', { title: 'Rescue at Glebe Rd', department: 'fire', priority: 'critical' });
  await tom('tasks.assign', { taskId: task.id, unitId: 'unit-fire-swiftwater' });
  await tom('log.append', { text: 'Swift-water team on scene' });
  return env.dir.dir;
}

describe('polder ics', () => {
  it('204 per department as HTML, and as CSV to a file', async () => {
    const dir = await incident();
    const page = recordingIo();
    expect(await runCli(['ics', '204', '--department', 'fire', '--as', 'eoc-lead', '--data-dir', dir], page.io)).toBe(0);
    const html = page.out.join('\n');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<td>Fire &amp; Rescue</td>');
    expect(html).toContain('Rescue at Glebe Rd');
    expect(html).toContain('<td>Swift-water Rescue Team</td>');
    const out = join(dir, 'fire-204.csv');
    const csv = recordingIo();
    expect(await runCli(['ics', '204', '--unit', 'unit-fire-swiftwater', '--format', 'csv', '--out', out, '--as', 'eoc-lead', '--data-dir', dir], csv.io)).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[1]).toMatch(/^Merewether flood,Swift-water Rescue Team,Tom Brennan,Rescue at Glebe Rd,,critical,assigned,Swift-water Rescue Team,,no,$/);
  });

  it('214 per person as CSV: one row per activity', async () => {
    const dir = await incident();
    const rec = recordingIo();
    expect(await runCli(['ics', '214', '--person', 'fire-lead', '--format', 'csv', '--as', 'fire-lead', '--data-dir', dir], rec.io)).toBe(0);
    const rows = rec.out.join('\n').split('\r\n');
    expect(rows[0]).toBe('incident,name,position,agency,time_utc,activity,by');
    expect(rows.slice(1).map((r) => r.split(',')[5])).toEqual(['Task created: Rescue at Glebe Rd', 'Task assigned to Swift-water Rescue Team: Rescue at Glebe Rd', 'Log: Swift-water team on scene']);
  });

  it('says plainly what is wrong with how it was called', async () => {
    const dir = await incident();
    const cases: [string[], number, RegExp][] = [
      [['ics'], 2, /say which form: 204 or 214/],
      [['ics', '209'], 2, /unknown form "209"/],
      [['ics', '204', '--person', 'fire-1', '--as', 'eoc-lead'], 2, /per department or unit/],
      [['ics', '214', '--person', 'fire-1', '--unit', 'u', '--as', 'eoc-lead'], 2, /give one of --person, --unit or --department/],
      [['ics', '214', '--format', 'pdf', '--as', 'eoc-lead'], 2, /--format must be html or csv/],
      [['ics', '214', '--data-dir', dir], 2, /--as <person id>/],
      [['ics', '214', '--unit', 'no-such-unit', '--as', 'eoc-lead', '--data-dir', dir], 1, /No unit with id "no-such-unit"/],
    ];
    for (const [argv, code, message] of cases) {
      const rec = recordingIo();
      expect(await runCli(argv, rec.io), argv.join(' ')).toBe(code);
      expect(rec.err.join('\n'), argv.join(' ')).toMatch(message);
    }
  });
});
