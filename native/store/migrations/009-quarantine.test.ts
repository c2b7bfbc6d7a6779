import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 009 quarantine', () => {
  it('adds the quarantine to a database that already has events, keeping them', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 7);
    db.prepare("INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash, sig) VALUES ('e1', 'dev_a', 1, 'h', 'fire-1', 'log.entry', 'l1', '{}', '', 'x', NULL)").run();
    expect(migrate(db, migrations, 9)).toBe(9);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    const put = db.prepare("INSERT INTO quarantine (digest, event_id, origin, seq, reason, detail, event, received_at) VALUES (?, 'e2', 'dev_b', 1, ?, 'why', ?, 5)");
    put.run('d1', 'unsigned', '{"id":"e2"}');
    expect(() => put.run('d1', 'unsigned', '{"id":"e2"}')).toThrow(/UNIQUE/);
    expect(() => put.run('d2', 'felt wrong', '{}')).toThrow(/CHECK/);
    expect(() => put.run('d3', 'unsigned', 'not json')).toThrow(/CHECK/);
    expect(db.prepare('SELECT reason, origin FROM quarantine').all()).toEqual([{ reason: 'unsigned', origin: 'dev_b' }]);
  });
});
