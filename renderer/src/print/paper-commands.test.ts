import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../native/api/desktop.ts';
import { paperCommands } from './paper-commands.ts';

function recorder() {
  const done: [string, PrintJob, string?][] = [];
  return { done, paper: { print: (job: PrintJob) => done.push(['print', job]), savePdf: (job: PrintJob, label: string) => done.push(['pdf', job, label]) } };
}
const departmentName = (id: string) => ({ fire: 'Fire & Rescue' })[id] ?? id;

describe('paper commands', () => {
  it('offer Save as PDF only in the desktop app, for the board, the ICS 214 log, the ICS 204 list, the open alert and the after-action report', () => {
    const { paper } = recorder();
    const browser = paperCommands({ department: 'fire', departmentName, me: null, alert: { id: 'a1', title: 'Water over Glebe Rd' }, desktop: false, paper });
    expect(browser.map((c) => c.label)).toEqual(['Print the board shown (table)', 'Print the activity log (ICS 214)', 'Print the assignment list (ICS 204)', 'Print the open alert', 'Print the after-action report']);
    const desktop = paperCommands({ department: 'fire', departmentName, me: null, alert: null, desktop: true, paper });
    expect(desktop.map((c) => c.label)).toEqual([
      'Print the board shown (table)',
      'Save the board shown (table) as PDF',
      'Print the activity log (ICS 214)',
      'Save the activity log (ICS 214) as PDF',
      'Print the assignment list (ICS 204)',
      'Save the assignment list (ICS 204) as PDF',
      'Print the after-action report',
      'Save the after-action report as PDF',
    ]);
  });

  it('save the view the command names, labelled for its file name', () => {
    const { done, paper } = recorder();
    const commands = paperCommands({ department: null, departmentName, me: { id: 'fire-lead', name: 'Tom Brennan' }, alert: { id: 'a1', title: 'Water over Glebe Rd' }, desktop: true, paper });
    for (const id of ['pdf-board', 'pdf-ics214', 'pdf-ics214-me', 'pdf-ics204', 'pdf-alert', 'print-alert', 'pdf-aar']) commands.find((c) => c.id === id)!.run();
    expect(done).toEqual([
      ['pdf', { kind: 'board', department: null }, 'All departments'],
      ['pdf', { kind: 'ics214', department: null }, 'All departments'],
      ['pdf', { kind: 'ics214', department: null, actorId: 'fire-lead' }, 'Tom Brennan'],
      ['pdf', { kind: 'ics204', department: null }, 'All departments'],
      ['pdf', { kind: 'alert', alertId: 'a1' }, 'Water over Glebe Rd'],
      ['print', { kind: 'alert', alertId: 'a1' }],
      ['pdf', { kind: 'aar' }, 'operations log'],
    ]);
  });
});
