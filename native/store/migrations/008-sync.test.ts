import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 008 sync', () => {
  it('adds the quarantine and the peers to a database that already has events', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 7);
    expect(migrate(db, migrations, 8)).toBe(8);
    const put = db.prepare("INSERT INTO sync_quarantine (event_id, hash, origin, seq, reason, raw, received_at) VALUES ('e1', 'h', 'dev_a', 3, 'bad signature', ?, 5)");
    put.run('{"id":"e1"}');
    expect(() => put.run('{"id":"e1"}')).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO sync_peers (node, online, last_seen) VALUES ('dev_b', 1, 9)").run();
    expect(db.prepare('SELECT q.reason, p.node FROM sync_quarantine q, sync_peers p').get()).toEqual({ reason: 'bad signature', node: 'dev_b' });
  });

  it('refuses a quarantined message whose raw text is not JSON', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 8);
    expect(() => db.prepare("INSERT INTO sync_quarantine (event_id, hash, origin, reason, raw, received_at) VALUES ('e', 'h', 'o', 'r', 'not json', 1)").run()).toThrow(/CHECK/);
  });
});
