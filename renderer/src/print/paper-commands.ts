import type { PrintJob } from '../../../native/api/desktop.ts';
import type { Command } from '../shell/commands.ts';

interface Paper {
  print(job: PrintJob): void;
  savePdf(job: PrintJob, label: string): void;
}

/** The palette's paper commands: print the board shown, the activity log (ICS 214) of the board's
 * department or of the person signed in, the assignment list (ICS 204), the open alert and the
 * after-action report of the whole log; in the desktop app, save each as PDF too. */
export function paperCommands({ department, departmentName, me, alert, desktop, paper }: { department: string | null; departmentName(id: string): string; me: { id: string; name: string } | null; alert: { id: string; title: string } | null; desktop: boolean; paper: Paper }): Command[] {
  const about = department ? departmentName(department) : 'All departments';
  const papers: { id: string; what: string; job: PrintJob; label: string }[] = [
    { id: 'board', what: 'the board shown (table)', job: { kind: 'board', department }, label: about },
    { id: 'ics214', what: 'the activity log (ICS 214)', job: { kind: 'ics214', department }, label: about },
    ...(me ? [{ id: 'ics214-me', what: 'my activity log (ICS 214)', job: { kind: 'ics214' as const, department: null, actorId: me.id }, label: me.name }] : []),
    { id: 'ics204', what: 'the assignment list (ICS 204)', job: { kind: 'ics204', department }, label: about },
    ...(alert ? [{ id: 'alert', what: 'the open alert', job: { kind: 'alert' as const, alertId: alert.id }, label: alert.title }] : []),
    { id: 'aar', what: 'the after-action report', job: { kind: 'aar' }, label: 'operations log' },
  ];
  return papers.flatMap(({ id, what, job, label }) => [
    { id: `print-${id}`, group: 'Print', label: `Print ${what}`, run: () => paper.print(job) },
    ...(desktop ? [{ id: `pdf-${id}`, group: 'Print', label: `Save ${what} as PDF`, run: () => paper.savePdf(job, label) }] : []),
  ]);
}
