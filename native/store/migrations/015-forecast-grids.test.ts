import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 015 forecast-grids', () => {
  it("adds a forecast's grids beside its record in a database that already has forecasts", () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 13);
    db.prepare("INSERT INTO forecasts (id, scenario, requested_by, requested_at, trigger, inputs, state) VALUES ('f1', 'merewether-2007', 'system', 5, 'reading', '{}', 'completed')").run();
    expect(migrate(db, migrations, 15)).toBe(15);
    const put = db.prepare('INSERT INTO forecast_grids (forecast_id, nx, ny, impacts, max_depth, arrival, probability, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, 9)');
    put.run('f1', 2, 1, '[]', Buffer.from([1]), Buffer.from([2]), Buffer.from([3]));
    expect(db.prepare('SELECT f.scenario, g.nx, g.max_depth FROM forecasts f JOIN forecast_grids g ON g.forecast_id = f.id').get()).toEqual({ scenario: 'merewether-2007', nx: 2, max_depth: Buffer.from([1]) });
  });

  it('refuses an empty grid, impacts that are not a JSON array and a second row for one forecast', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 15);
    db.prepare("INSERT INTO forecasts (id, scenario, requested_by, requested_at, trigger, inputs, state) VALUES ('f1', 's', 'a', 1, 'request', '{}', 'completed')").run();
    const put = db.prepare("INSERT INTO forecast_grids (forecast_id, nx, ny, impacts, max_depth, arrival, probability, stored_at) VALUES ('f1', ?, 1, ?, x'00', x'00', x'00', 1)");
    expect(() => put.run(0, '[]')).toThrow(/CHECK/);
    expect(() => put.run(1, '{}')).toThrow(/CHECK/);
    expect(() => put.run(1, 'nope')).toThrow(/CHECK|JSON/);
    put.run(1, '[]');
    expect(() => put.run(1, '[]')).toThrow(/UNIQUE|PRIMARY/);
  });
});
