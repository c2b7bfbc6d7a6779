import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 003 outbox', () => {
  it('adds an outbox whose rows must point at a stored event', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 2);
    db.prepare(
      "INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES ('e1','o',1,'h','a','task.created','t','{}','','x')",
    ).run();
    expect(migrate(db, migrations, 3)).toBe(3);
    db.prepare("INSERT INTO outbox (event_id, enqueued_at) VALUES ('e1', 5)").run();
    expect(() => db.prepare("INSERT INTO outbox (event_id, enqueued_at) VALUES ('missing', 5)").run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT event_id, attempts, sent_at FROM outbox').get()).toEqual({ event_id: 'e1', attempts: 0, sent_at: null });
  });
});
