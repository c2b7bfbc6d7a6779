import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 007 sim-runs', () => {
  it('adds the run records and their edits to a database that already has events', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 4);
    const before = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
    expect(migrate(db, migrations, 7)).toBe(7);
    expect(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get()).toBeGreaterThan(before);
    db.prepare("INSERT INTO sim_runs (id, scenario, started_by, started_at, state, args) VALUES ('r1', 'merewether-2007', 'eoc-lead', 5, 'running', '{}')").run();
    db.prepare("INSERT INTO sim_run_edits (run_id, seq, edit, by, at) VALUES ('r1', 1, '{\"kind\":\"removePump\",\"id\":\"p\"}', 'eoc-1', 6)").run();
    expect(db.prepare('SELECT r.started_by, e.by FROM sim_runs r JOIN sim_run_edits e ON e.run_id = r.id').get()).toEqual({ started_by: 'eoc-lead', by: 'eoc-1' });
  });

  it('refuses a run in an unknown state and arguments that are not JSON', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 7);
    const put = db.prepare("INSERT INTO sim_runs (id, scenario, started_by, started_at, state, args) VALUES (?, 's', 'a', 1, ?, ?)");
    expect(() => put.run('r1', 'paused forever', '{}')).toThrow(/CHECK/);
    expect(() => put.run('r2', 'running', 'not json')).toThrow(/CHECK/);
    put.run('r3', 'running', '{"frameIntervalSeconds":10}');
  });
});
