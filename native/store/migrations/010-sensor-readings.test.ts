import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 010 sensor-readings', () => {
  it('adds the sensor tables to a database that already has events and runs', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 7);
    expect(migrate(db, migrations, 10)).toBe(10);
    db.prepare("INSERT INTO sensors VALUES ('g1', 'Gauge 1', 'Gauge 1', 'water-level', 151.7, -32.9, 0.15, 0.3, NULL, 300, 'scenario', 1)").run();
    db.prepare("INSERT INTO sensor_readings VALUES ('g1', 1000, 0.2, NULL, 1001, 0, x'7b7d')").run();
    db.prepare("INSERT INTO sensor_quarantine (received_at, topic, sensor_id, reason, payload) VALUES (1, 't', NULL, 'not JSON', x'00ff')").run();
    expect(db.prepare('SELECT count(*) FROM sensor_readings r JOIN sensors s ON s.id = r.sensor_id').pluck().get()).toBe(1);
  });

  it('refuses counts that do not add up, an unknown kind and a warning level above the danger level', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 10);
    expect(() => db.prepare("INSERT INTO sensor_counts VALUES ('g1', 3, 1, 1, NULL)").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO sensor_counts VALUES ('g1', 3, 2, 1, NULL)").run();
    const sensor = db.prepare("INSERT INTO sensors VALUES (?, 't', 'n', ?, 0, 0, ?, ?, NULL, 300, 'scenario', 1)");
    expect(() => sensor.run('a', 'tide', null, null)).toThrow(/CHECK/);
    expect(() => sensor.run('b', 'flow', 2, 1)).toThrow(/CHECK/);
    expect(() => sensor.run('c', 'flow', 1, null)).toThrow(/CHECK/);
    sensor.run('d', 'flow', null, null);
  });

  it('keeps one reading per sensor and time', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 10);
    const put = db.prepare("INSERT INTO sensor_readings VALUES ('g1', 1000, ?, NULL, 1, 0, x'00')");
    put.run(0.1);
    expect(() => put.run(0.2)).toThrow(/UNIQUE/);
  });
});
