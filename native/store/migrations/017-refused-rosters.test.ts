import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 017 refused-rosters', () => {
  it('adds the table of refused rosters, one row per distinct copy with its receipts', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations, 17)).toBe(17);
    const put = db.prepare("INSERT INTO refused_rosters (digest, org, version, source, problem, roster, received_at) VALUES (?, 'nsw', 3, 'broker', 'not newer', ?, 5) ON CONFLICT (digest) DO UPDATE SET receipts = receipts + 1");
    put.run('d1', '{"version":3}');
    put.run('d1', '{"version":3}');
    expect(db.prepare('SELECT org, version, problem, receipts FROM refused_rosters').all()).toEqual([{ org: 'nsw', version: 3, problem: 'not newer', receipts: 2 }]);
    expect(() => put.run('d2', 'not json')).toThrow(/CHECK/);
  });
});
