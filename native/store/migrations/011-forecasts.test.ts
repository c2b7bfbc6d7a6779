import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 011 forecasts', () => {
  it('adds forecast records and recommended drafts to a database that already has runs', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 7);
    expect(migrate(db, migrations, 11)).toBe(11);
    db.prepare("INSERT INTO forecasts (id, scenario, requested_by, requested_at, trigger, inputs, state) VALUES ('f1', 'merewether-2007', 'eoc-lead', 5, 'request', '{\"aheadSeconds\":3600}', 'running')").run();
    db.prepare("INSERT INTO recommendations (id, forecast_id, kind, target, department, title, description, priority, status, created_at) VALUES ('r1', 'f1', 'closure', 'road:road#3', 'transport', 'Close it', '', 'high', 'draft', 6)").run();
    expect(db.prepare('SELECT f.requested_by, r.department FROM forecasts f JOIN recommendations r ON r.forecast_id = f.id').get()).toEqual({ requested_by: 'eoc-lead', department: 'transport' });
  });

  it('refuses unknown states, triggers and inputs that are not JSON', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 11);
    const put = db.prepare("INSERT INTO forecasts (id, scenario, requested_by, requested_at, trigger, inputs, state) VALUES (?, 's', 'a', 1, ?, ?, ?)");
    expect(() => put.run('f1', 'request', '{}', 'someday')).toThrow(/CHECK/);
    expect(() => put.run('f2', 'whim', '{}', 'running')).toThrow(/CHECK/);
    expect(() => put.run('f3', 'request', 'nope', 'running')).toThrow(/CHECK/);
    put.run('f4', 'reading', '{}', 'running');
    const draft = db.prepare("INSERT INTO recommendations (id, forecast_id, kind, target, department, title, description, priority, status, created_at) VALUES (?, 'f4', ?, 't', 'd', 't', '', 'high', ?, 1)");
    expect(() => draft.run('r1', 'closure', 'dispatched')).toThrow(/CHECK/);
    expect(() => draft.run('r2', 'evacuate', 'draft')).toThrow(/CHECK/);
  });
});
