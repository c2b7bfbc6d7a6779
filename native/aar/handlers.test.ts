import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDirectory } from '../ops/directory.ts';
import { opsDatabasePath } from '../ops/service.ts';
import { createAarHandlers } from './handlers.ts';
import { buildTestLog, s, t0 } from './test-log.ts';

let log: Awaited<ReturnType<typeof buildTestLog>>;
let db: Database.Database;
beforeAll(async () => {
  log = await buildTestLog('reject');
  db = new Database(opsDatabasePath(log.dataDir), { readonly: true });
});
afterAll(() => {
  db.close();
  log.cleanup();
});

const ctx = { session: { id: 's', actorId: 'eoc-lead' } };

describe('aar.report', () => {
  it('reports on the whole log by default, and on the window asked for', async () => {
    const report = createAarHandlers({ db, directory: defaultDirectory(), title: 'Drill 3' })['aar.report'];
    const all = await report({}, ctx);
    expect(all.window).toEqual({ from: log.source.events[0]!.at, to: log.source.events.at(-1)!.at + 1 });
    expect(all.html).toContain('After-action report: Drill 3');
    expect(all.html).toContain('3 alerts, 2 recommended tasks');
    const late = await report({ from: t0 + 600 * s, to: t0 + 3600 * s }, ctx);
    expect(late.window).toEqual({ from: t0 + 600 * s, to: t0 + 3600 * s });
    expect(late.html).toContain('1 alert, 0 recommended tasks');
    expect(late.html).toContain('Mid road gauge');
    expect(late.html).not.toContain('Creekside school: 0.40 m');
  });
});
