import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 004 read-views', () => {
  it('adds typed views over entities that already exist, and the board index', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 3);
    const put = db.prepare("INSERT INTO entities (id, kind, created, version, state, meta) VALUES (?, ?, ?, 'v', ?, '{}')");
    put.run('t1', 'task', 1, JSON.stringify({ title: 'Pump', department: 'works', status: 'new', priority: 'high', unitId: 'u1', dueAt: 5 }));
    put.run('t2', 'task', 0, JSON.stringify({ title: 'half-known', department: 'works', status: 'new' }));
    put.run('a1', 'alert', 1, JSON.stringify({ title: 'Gauge', severity: 'Severe', status: 'raised', escalation: 2 }));
    expect(migrate(db, migrations, 4)).toBe(4);
    expect(db.prepare('SELECT id, title, department, status, priority, unit_id, due_at FROM tasks_view').all()).toEqual([
      { id: 't1', title: 'Pump', department: 'works', status: 'new', priority: 'high', unit_id: 'u1', due_at: 5 },
    ]);
    expect(db.prepare('SELECT title, severity, escalation FROM alerts_view').get()).toEqual({ title: 'Gauge', severity: 'Severe', escalation: 2 });
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM entities WHERE kind = 'task' AND json_extract(state, '$.department') = 'works' AND json_extract(state, '$.status') = 'new'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/entities_task_board/);
  });
});
