import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

const row = (id: string, seq: number) => ({
  id, origin: 'o1', seq, hlc: `00000000000000${seq}-0000-o1`, actor: 'a', type: 'task.created', entity: 'e1',
  payload: '{"summary":"x"}', prev_hash: '', hash: 'h',
});
const insert = 'INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES (@id, @origin, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash)';

describe('migration 001 event-log', () => {
  it('creates an append-only events table: UPDATE and DELETE are refused by triggers', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations, 1)).toBe(1);
    db.prepare(insert).run(row('e-1', 1));
    expect(() => db.prepare("UPDATE events SET payload = '{}' WHERE id = 'e-1'").run()).toThrow(/append-only: UPDATE refused/);
    expect(() => db.prepare("DELETE FROM events WHERE id = 'e-1'").run()).toThrow(/append-only: DELETE refused/);
    expect(db.prepare('SELECT payload FROM events').pluck().get()).toBe('{"summary":"x"}');
  });

  it('enforces one event per (origin, seq), unique ids and JSON payloads', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    db.prepare(insert).run(row('e-1', 1));
    expect(() => db.prepare(insert).run(row('e-2', 1))).toThrow(/UNIQUE/);
    expect(() => db.prepare(insert).run(row('e-1', 2))).toThrow(/UNIQUE/);
    expect(() => db.prepare(insert).run({ ...row('e-3', 3), payload: 'not json' })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ ...row('e-4', 0) })).toThrow(/CHECK/);
  });
});
