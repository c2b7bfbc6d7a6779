import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

const group = "INSERT INTO report_groups (id, alert_id, lon, lat, count, crew, reconstructed, first_at, last_at, max_depth_m, latest_id) VALUES (?, NULL, 151.74, -32.94, ?, ?, 0, ?, ?, 0.5, 'r1')";
const report = "INSERT INTO reports (id, group_id, received_at, origin, observed_at, lon, lat, depth_m, category, text, photo, contact, reporter_kind, reconstructed, payload) VALUES (?, ?, 1, 'file: a.jsonl:1', 1, 151.74, -32.94, ?, ?, '', NULL, '0400', 'resident', 0, x'7b7d')";

describe('migration 014 citizen-reports', () => {
  it('adds reports, their groups and their quarantine to a database that already has readings and CAP messages', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 13);
    expect(migrate(db, migrations, 14)).toBe(14);
    db.prepare(group).run('r1', 1, 0, 5, 5);
    db.prepare(report).run('r1', 'r1', 0.5, 'knee');
    db.prepare("INSERT INTO report_quarantine (received_at, origin, reason, payload) VALUES (2, 'polder/v1/polder/reports', 'not JSON', ?)").run(Buffer.from([0xff, 0x00]));
    expect(db.prepare('SELECT group_id, category FROM reports').get()).toEqual({ group_id: 'r1', category: 'knee' });
    expect(db.prepare('SELECT payload FROM report_quarantine').pluck().get()).toEqual(Buffer.from([0xff, 0x00]));
  });

  it('refuses an unknown category, a negative depth, a second report with the same id, and a group whose span ends before it starts', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 14);
    db.prepare(group).run('g', 1, 0, 5, 5);
    db.prepare(report).run('a', 'g', 0.2, null);
    expect(() => db.prepare(report).run('b', 'g', 0.2, 'neck')).toThrow(/CHECK/);
    expect(() => db.prepare(report).run('c', 'g', -1, null)).toThrow(/CHECK/);
    expect(() => db.prepare(report).run('a', 'g', 0.2, null)).toThrow(/UNIQUE/);
    expect(() => db.prepare(group).run('h', 1, 0, 9, 5)).toThrow(/CHECK/);
    expect(() => db.prepare(group).run('i', 2, 3, 5, 5)).toThrow(/CHECK/);
  });
});
