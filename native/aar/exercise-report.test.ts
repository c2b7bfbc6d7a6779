// The report's inject figures are the log's: an exercise run by the real runner on a virtual
// clock (test-exercise-log.ts) gives exact delivery, delay and response times.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoster } from '../identity/demo-roster.ts';
import { defaultDirectory } from '../ops/directory.ts';
import { opsDatabasePath } from '../ops/service.ts';
import { createAarHandlers } from './handlers.ts';
import { rowsFromStore, storeSpan } from './read-store.ts';
import { renderReportHtml } from './render-html.ts';
import { buildReport } from './report.ts';
import { toSource } from './source.ts';
import { buildExerciseLog, minute, startex } from './test-exercise-log.ts';

let log: Awaited<ReturnType<typeof buildExerciseLog>>;
let db: Database.Database;
beforeAll(async () => {
  log = await buildExerciseLog();
  db = new Database(opsDatabasePath(log.dataDir), { readonly: true });
});
afterAll(() => {
  db.close();
  log.cleanup();
});

const reportOf = (window: { from: number; to: number }) => buildReport(toSource(rowsFromStore(db, window, demoRoster())), { title: 'Drill' });
const minutes = (ms: number | null) => (ms === null ? null : (ms - startex) / minute);

describe('an exercise\'s after-action report', () => {
  it('gives each inject its planned and delivered time, and the receiving department\'s first action after delivery', () => {
    const report = reportOf(storeSpan(db)!);
    const rows = report.injects!.map((r) => ({
      number: r.inject.number,
      status: r.inject.status,
      planned: minutes(r.inject.plannedAt),
      due: minutes(r.inject.at),
      delivered: minutes(r.inject.deliveredAt),
      late: r.lateSeconds,
      by: r.respondedBy,
      after: r.responseSeconds,
    }));
    expect(rows).toEqual([
      { number: '1', status: 'delivered', planned: 5, due: 5, delivered: 5, late: 0, by: 'police-lead', after: 150 },
      { number: '2', status: 'delivered', planned: 10, due: 10, delivered: 10, late: 0, by: 'eoc-1', after: 60 },
      { number: '3', status: 'skipped', planned: 15, due: 15, delivered: null, late: null, by: null, after: null },
      { number: '4', status: 'delivered', planned: 20, due: 30, delivered: 30, late: 600, by: 'fire-1', after: 240 },
      { number: '5', status: 'pending', planned: 60, due: 60, delivered: null, late: null, by: null, after: null },
    ]);
    const byNumber = (n: string) => report.injects!.find((r) => r.inject.number === n)!;
    expect(byNumber('4').response).toContain('Send the swift-water crew');
    expect(byNumber('3').inject.skipReason).toBe('Transport desk not staffed');
    expect(byNumber('1').inject).toMatchObject({ expectedAction: 'Police close the bridge', evaluatorNotes: 'Closure within 10 minutes', department: 'police' });
    expect(byNumber('2').inject.notes).toEqual([{ at: startex + 10.5 * minute, by: 'eoc-lead', text: 'EOC slow to see the warning' }]);
  });

  it('shows the injects as they stood at the window\'s end, without those delivered before its start', () => {
    const report = reportOf({ from: startex + 8 * minute, to: startex + 20 * minute });
    expect(report.injects!.map((r) => [r.inject.number, r.inject.status, minutes(r.inject.at)])).toEqual([
      ['2', 'delivered', 10],
      ['3', 'skipped', 15],
      ['4', 'pending', 30],
      ['5', 'pending', 60],
    ]);
  });

  it('folds the controller\'s changes in log order, however the event ids of one instant sort', () => {
    const rows = rowsFromStore(db, storeSpan(db)!, demoRoster());
    // Ids that sort against the log: a skip written at STARTEX comes before the plan it changes.
    const reversed = rows.injectEvents.map((e, i) => ({ ...e, id: String(rows.injectEvents.length - i).padStart(6, '0') }));
    const injects = toSource({ ...rows, injectEvents: reversed }).injects;
    expect(injects.map((i) => [i.number, i.status, minutes(i.at)])).toEqual([
      ['1', 'delivered', 5],
      ['2', 'delivered', 10],
      ['3', 'skipped', 15],
      ['4', 'delivered', 30],
      ['5', 'pending', 60],
    ]);
  });

  it('prints them: delay, lateness, skip reason, response time, expected action and notes', () => {
    const html = renderReportHtml(reportOf(storeSpan(db)!));
    expect(html).toContain('Exercise injects: expected against done');
    expect(html).toContain('3 injects delivered · 1 skipped · 1 not delivered · 3 answered, median response 2 min 30 s');
    expect(html).toContain('08:50:00<br><small>delayed to 09:00:00</small>');
    expect(html).toContain('09:00:00<br><small>10 min 00 s late</small>');
    expect(html).toContain('skipped: Transport desk not staffed');
    expect(html).toContain('Police close the bridge');
    expect(html).toContain('<small>MSEL:</small> Closure within 10 minutes');
    expect(html).toContain('08:40:30 Margaret Okafor: EOC slow to see the warning');
    expect(html).toContain('<span class="num">4 min 00 s</span>');
  });

  it('is what the app\'s aar.report prints in exercise mode, with no inject list handed over', async () => {
    const paper = await createAarHandlers({ db, directory: defaultDirectory(), title: 'Drill' })['aar.report']({}, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(paper.html).toContain('Exercise injects: expected against done');
    expect(paper.html).toContain('Task a swift-water crew');
  });
});
