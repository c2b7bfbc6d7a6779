import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

const columns = '(id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash)';

describe('migration 005 events-no-overwrite', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 4);
  db.prepare(`INSERT INTO events ${columns} VALUES ('e1','o',1,'h','fire-lead','log.appended','l','{}','','x')`).run();
  // before 005, REPLACE swaps an event for a forged one without firing the DELETE trigger
  db.prepare(`INSERT OR REPLACE INTO events ${columns} VALUES ('e1','o',1,'h','eoc-lead','log.appended','l','{}','','x')`).run();
  expect(db.prepare('SELECT actor FROM events').pluck().get()).toBe('eoc-lead');

  it('refuses REPLACE and any insert over an existing position, id or (origin, seq)', () => {
    expect(migrate(db, migrations, 5)).toBe(5);
    const attempts = [
      `INSERT OR REPLACE INTO events ${columns} VALUES ('e1','o',1,'h','mallory','log.appended','l','{}','','x')`,
      `REPLACE INTO events ${columns} VALUES ('e2','o',1,'h','mallory','log.appended','l','{}','','x')`,
      `INSERT OR REPLACE INTO events (pos, id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES ((SELECT pos FROM events WHERE id = 'e1'),'e3','p',1,'h','mallory','log.appended','l','{}','','x')`,
      `INSERT OR IGNORE INTO events ${columns} VALUES ('e1','q',1,'h','mallory','log.appended','l','{}','','x')`,
      `INSERT INTO events ${columns} VALUES ('e1','o',1,'h','mallory','log.appended','l','{}','','x') ON CONFLICT DO NOTHING`,
    ];
    for (const sql of attempts) expect(() => db.prepare(sql).run(), sql).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(db.prepare('SELECT actor FROM events').pluck().get()).toBe('eoc-lead');
  });

  it('still takes a new event', () => {
    db.prepare(`INSERT INTO events ${columns} VALUES ('e2','o',2,'h','fire-lead','log.appended','l','{}','x','y')`).run();
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(2);
  });
});
