import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from './migrate.ts';

const step = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

describe('migrate', () => {
  it('applies only the missing steps and records the version', () => {
    const db = new Database(':memory:');
    const steps = [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y)')];
    expect(migrate(db, steps, 1)).toBe(1);
    expect(migrate(db, steps)).toBe(2);
    expect(migrate(db, steps)).toBe(2);
  });

  it('rolls a failed step back completely and keeps the previous version', () => {
    const db = new Database(':memory:');
    const steps = [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y); CREATE TABLE a (z)')];
    expect(() => migrate(db, steps)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
  });

  it('refuses a database from a newer app and misnumbered steps', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 9');
    expect(() => migrate(db, [step(1, 'SELECT 1')])).toThrow(/newer than this app/);
    expect(() => migrate(new Database(':memory:'), [step(2, 'SELECT 1'), step(2, 'SELECT 1')])).toThrow(/expected more than 2/);
    const unknown = new Database(':memory:');
    unknown.pragma('user_version = 2');
    expect(() => migrate(unknown, [step(1, 'SELECT 1'), step(3, 'SELECT 1')])).toThrow(/version 2, which this app does not know/);
  });

  it('skips a number reserved by a step not merged yet', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [step(1, 'CREATE TABLE a (x)'), step(3, 'CREATE TABLE c (z)')])).toBe(3);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'c')").pluck().get()).toBe(2);
  });
});
