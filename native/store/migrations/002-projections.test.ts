import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 002 projections', () => {
  it('adds entities, conflicts and timeline on top of an existing log without touching it', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    db.prepare(
      "INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES ('e1','o',1,'h','a','task.created','t','{}','','x')",
    ).run();
    expect(migrate(db, migrations, 2)).toBe(2);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['entities', 'conflicts', 'timeline']));
    db.prepare("INSERT INTO conflicts VALUES ('t','title','e1','e2','\"a\"','\"b\"','h')").run();
    expect(() => db.prepare("INSERT INTO conflicts VALUES ('t','title','e1','e3','\"a\"','\"c\"','h')").run()).toThrow(/UNIQUE/);
    // projections are not append-only: rebuild deletes them
    expect(db.prepare('DELETE FROM conflicts').run().changes).toBe(1);
  });
});
