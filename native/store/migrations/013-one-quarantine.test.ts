import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 013 one-quarantine', () => {
  it('folds the sync link quarantine into the trust check one, keeping every refused event and its receipts', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 12);
    const sync = db.prepare('INSERT INTO sync_quarantine (event_id, hash, origin, seq, reason, raw, received_at, receipts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    sync.run('?', '?', '?', null, 'malformed event: id: not a UUID', '{"id":"nope"}', 5, 1);
    sync.run('e2', 'h2', 'dev_b', 4, 'bad signature', '{"id":"e2"}', 6, 3);
    sync.run('e3', 'h3', 'dev_c', 7, 'police-1 is not on this roster', '{"id":"e3","actor":"police-1","type":"log.entry"}', 7, 2);
    db.prepare("INSERT INTO quarantine (digest, event_id, origin, seq, reason, detail, event, received_at) VALUES ('d2', 'e2', 'dev_b', 4, 'bad_signature', 'not its key', '{\"id\":\"e2\"}', 6)").run();

    expect(migrate(db, migrations, 13)).toBe(13);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sync_quarantine'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT event_id, origin, seq, actor, type, reason, detail, receipts FROM quarantine ORDER BY received_at').all()).toEqual([
      { event_id: null, origin: null, seq: null, actor: null, type: null, reason: 'malformed', detail: 'malformed event: id: not a UUID', receipts: 1 },
      { event_id: 'e2', origin: 'dev_b', seq: 4, actor: null, type: null, reason: 'bad_signature', detail: 'not its key', receipts: 3 },
      { event_id: 'e3', origin: 'dev_c', seq: 7, actor: 'police-1', type: 'log.entry', reason: 'out_of_role', detail: 'police-1 is not on this roster', receipts: 2 },
    ]);
    expect(() => db.prepare("UPDATE quarantine SET receipts = 0 WHERE event_id = 'e2'").run()).toThrow(/CHECK/);
  });
});
