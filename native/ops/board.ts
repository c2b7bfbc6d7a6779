import type { Database, Statement } from 'better-sqlite3';
import type { Actor, Board, Department, Task, TaskStatus } from '../api/ops.ts';
import { closedTaskStatuses, taskStatuses } from './rights.ts';
import { taskView, type CountedRow } from './views.ts';

export interface BoardFilter {
  department?: string;
  priority?: Task['priority'];
  status?: TaskStatus;
  overdue?: boolean;
  unitId?: string;
  text?: string;
  includeClosed: boolean;
}

// The same defaults the task read model applies to missing fields.
const field = {
  department: "json_extract(e.state, '$.department')",
  priority: "coalesce(json_extract(e.state, '$.priority'), 'normal')",
  status: "coalesce(json_extract(e.state, '$.status'), 'new')",
  unitId: "json_extract(e.state, '$.unitId')",
};
const closedList = closedTaskStatuses.map((s) => `'${s}'`).join(', ');
const overdueSql = `(json_type(e.state, '$.dueAt') IN ('integer', 'real') AND json_extract(e.state, '$.dueAt') < @now AND ${field.status} NOT IN (${closedList}))`;

/**
 * Board rows in one query: the tasks with their conflict counts (a grouped join, not a count per
 * task), filtered in SQL by department, priority, status, unit, closed and overdue. The text
 * filter stays in JS because SQLite's lower() and LIKE fold only ASCII.
 */
export function createBoardQuery(db: Database) {
  const statements = new Map<string, Statement<Record<string, unknown>, CountedRow>>();
  const dueBetween = db
    .prepare<[number, number], string>(
      `SELECT id FROM entities WHERE kind = 'task' AND created = 1 AND json_type(state, '$.dueAt') IN ('integer', 'real')
       AND json_extract(state, '$.dueAt') >= ? AND json_extract(state, '$.dueAt') < ?`,
    )
    .pluck();

  function statement(f: BoardFilter, byIds: boolean) {
    const where = ["e.kind = 'task'", 'e.created = 1'];
    if (f.department !== undefined) where.push(`${field.department} = @department`);
    if (f.priority !== undefined) where.push(`${field.priority} = @priority`);
    if (f.status !== undefined) where.push(`${field.status} = @status`);
    if (f.unitId !== undefined) where.push(`${field.unitId} = @unitId`);
    if (!f.includeClosed) where.push(`${field.status} NOT IN (${closedList})`);
    if (f.overdue !== undefined) where.push(f.overdue ? overdueSql : `NOT ${overdueSql}`);
    if (byIds) where.push('e.id IN (SELECT value FROM json_each(@ids))');
    const sql = `SELECT e.id, e.version, e.state, coalesce(c.n, 0) AS conflicts FROM entities e
      LEFT JOIN (SELECT entity, count(*) AS n FROM conflicts GROUP BY entity) c ON c.entity = e.id
      WHERE ${where.join(' AND ')}`;
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare<Record<string, unknown>, CountedRow>(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  }

  function rows(f: BoardFilter, now: number, actor: Actor, ids?: readonly string[]): Task[] {
    const params: Record<string, unknown> = { now };
    for (const key of ['department', 'priority', 'status', 'unitId'] as const) if (f[key] !== undefined) params[key] = f[key];
    if (ids) params.ids = JSON.stringify(ids);
    const text = f.text?.toLowerCase();
    const tasks = statement(f, ids !== undefined)
      .all(params)
      .map((r) => taskView(r, now, actor));
    return text ? tasks.filter((t) => t.title.toLowerCase().includes(text) || t.description.toLowerCase().includes(text)) : tasks;
  }

  return {
    /** The board: a lane per department (one lane when filtered to one), columns by status, in board order. */
    board(f: BoardFilter, now: number, actor: Actor, departments: readonly Department[], seq: number): Board {
      const tasks = rows(f, now, actor).sort((a, b) => (a.boardRank < b.boardRank ? -1 : a.boardRank > b.boardRank ? 1 : 0));
      const lanes = departments
        .filter((d) => f.department === undefined || d.id === f.department)
        .map((department) => ({
          department,
          counts: Object.fromEntries(taskStatuses.map((s) => [s, 0])) as Record<TaskStatus, number>,
          overdue: 0,
          tasks: Object.fromEntries(taskStatuses.map((s) => [s, [] as Task[]])) as Record<TaskStatus, Task[]>,
        }));
      const byDepartment = new Map(lanes.map((l) => [l.department.id, l]));
      for (const t of tasks) {
        const lane = byDepartment.get(t.department);
        const column = lane?.tasks[t.status];
        if (!lane || !column) continue;
        column.push(t);
        lane.counts[t.status] += 1;
        if (t.overdue) lane.overdue += 1;
      }
      return { now, seq, closedStatuses: [...closedTaskStatuses], lanes };
    },

    /** Just these tasks: those that pass the filter, and the ids that do not (or no longer exist). */
    rows(f: BoardFilter, now: number, actor: Actor, ids: readonly string[]): { now: number; rows: Task[]; gone: string[] } {
      const found = ids.length ? rows(f, now, actor, ids) : [];
      const kept = new Set(found.map((t) => t.id));
      return { now, rows: found, gone: [...new Set(ids)].filter((id) => !kept.has(id)) };
    },

    /** Tasks that fell due in [since, now): overdue now, so changed by time alone (as `rows`). */
    dueIds: (since: number, now: number): string[] => dueBetween.all(since, now),
  };
}

export type BoardQuery = ReturnType<typeof createBoardQuery>;
