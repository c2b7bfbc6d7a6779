// Recommended tasks: drafted from a completed forecast, one per asset and kind while undecided
// (a newer forecast rewrites the draft rather than adding another), and made real only by a
// person: approve (it becomes a task on its department's board), edit, or reject with a reason.
// Each decision goes to the activity log; nothing is dispatched by itself.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { PolderError } from '../api/errors.ts';
import type { decideMethods, Recommendation } from '../api/decide.ts';
import type { Actor, Task } from '../api/ops.ts';
import type { Clock } from '../clock/clock.ts';
import type { CallContext } from '../rpc/handlers.ts';
import { uuidv7 } from '../ops/uuid.ts';
import type { Recommendation as Draft } from './impact-rules.ts';

interface Row {
  id: string;
  forecast_id: string;
  kind: Recommendation['kind'];
  target: string;
  department: string;
  title: string;
  description: string;
  priority: Recommendation['priority'];
  edit: string | null;
  status: Recommendation['status'];
  created_at: number;
  decided_by: string | null;
  decided_at: number | null;
  reason: string | null;
  task_id: string | null;
}

const recommendation = (r: Row): Recommendation => ({
  id: r.id,
  forecastId: r.forecast_id,
  kind: r.kind,
  target: r.target,
  department: r.department,
  title: r.title,
  description: r.description,
  priority: r.priority,
  edit: r.edit ? (JSON.parse(r.edit) as Recommendation['edit']) : null,
  status: r.status,
  createdAt: r.created_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  reason: r.reason,
  taskId: r.task_id,
});

type Args<M extends keyof typeof decideMethods> = z.output<(typeof decideMethods)[M]['args']>;

export interface RecommendationOptions {
  db: Database;
  clock: Clock;
  actor(ctx: CallContext): Actor;
  /** Creates the task as the approving person (their rights apply). */
  createTask(args: { title: string; description: string; department: string; priority: Recommendation['priority'] }, ctx: CallContext): Task | Promise<Task>;
  departments(): readonly string[];
  activity(by: Actor | 'system', text: string): void;
  changed(ids: string[]): void;
}

export function createRecommendations(options: RecommendationOptions) {
  const { db, clock } = options;
  const byId = db.prepare<[string], Row>('SELECT * FROM recommendations WHERE id = ?');
  const latestFor = db.prepare<[string, string], Row>('SELECT * FROM recommendations WHERE target = ? AND kind = ? AND status != \'superseded\' ORDER BY created_at DESC, rowid DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO recommendations (id, forecast_id, kind, target, department, title, description, priority, edit, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \'draft\', ?)');
  const redraft = db.prepare('UPDATE recommendations SET forecast_id = ?, description = ?, priority = ?, edit = ? WHERE id = ? AND status = \'draft\'');
  const edit = db.prepare('UPDATE recommendations SET title = ?, description = ?, department = ?, priority = ? WHERE id = ? AND status = \'draft\'');
  const decide = db.prepare('UPDATE recommendations SET status = ?, decided_by = ?, decided_at = ?, reason = ?, task_id = ? WHERE id = ? AND status = \'draft\'');
  const drafts = db.prepare<[], Row>("SELECT * FROM recommendations WHERE status = 'draft' ORDER BY created_at DESC, rowid DESC");
  const all = db.prepare<[], Row>('SELECT * FROM recommendations ORDER BY created_at DESC, rowid DESC LIMIT 500');

  const draftOf = (id: string): Row => {
    const row = byId.get(id);
    if (!row) throw new PolderError('not_found', `No recommendation with id "${id}"`);
    if (row.status !== 'draft') throw new PolderError('illegal_transition', `"${row.title}" was already ${row.status}${row.decided_by ? ` by ${row.decided_by}` : ''}`);
    return row;
  };
  const checkDepartment = (department: string | undefined) => {
    if (department !== undefined && !options.departments().includes(department)) throw new PolderError('invalid_args', `No department "${department}"`);
  };
  const because = (reason: string | undefined) => (reason ? ` — ${reason}` : '');

  function applyChanges(row: Row, args: Args<'recommendations.edit'>, actor: Actor): Row {
    checkDepartment(args.department);
    const next = { title: args.title ?? row.title, description: args.description ?? row.description, department: args.department ?? row.department, priority: args.priority ?? row.priority };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return row;
    edit.run(next.title, next.description, next.department, next.priority, row.id);
    options.activity(actor, `Recommended task "${row.title}" edited (${changed.join(', ')})${because(args.reason)}`);
    return byId.get(row.id)!;
  }

  return {
    /** Drafts for a completed forecast: new ones, or the undecided draft for the same asset rewritten. */
    draft(forecastId: string, items: readonly Draft[]): string[] {
      const ids: string[] = [];
      db.transaction(() => {
        for (const item of items) {
          const last = latestFor.get(item.target, item.kind);
          if (last?.status === 'draft') {
            redraft.run(forecastId, item.description, item.priority, item.edit ? JSON.stringify(item.edit) : null, last.id);
            ids.push(last.id);
          } else if (!last) {
            const id = uuidv7(clock.now());
            insert.run(id, forecastId, item.kind, item.target, item.department, item.title, item.description, item.priority, item.edit ? JSON.stringify(item.edit) : null, clock.now());
            ids.push(id);
          }
          // approved or rejected already: a person decided; a newer forecast does not ask again
        }
      })();
      if (ids.length > 0) options.changed(ids);
      return ids;
    },
    handlers: {
      'recommendations.list': (args: Args<'recommendations.list'>) => (args.status === 'draft' ? drafts.all() : all.all()).map(recommendation),
      'recommendations.edit': (args: Args<'recommendations.edit'>, ctx: CallContext) => {
        const actor = options.actor(ctx);
        const row = applyChanges(draftOf(args.id), args, actor);
        options.changed([row.id]);
        return recommendation(row);
      },
      'recommendations.approve': async (args: Args<'recommendations.approve'>, ctx: CallContext) => {
        const actor = options.actor(ctx);
        const row = applyChanges(draftOf(args.id), args, actor);
        const task = await options.createTask({ title: row.title, description: row.description, department: row.department, priority: row.priority }, ctx);
        decide.run('approved', actor.id, clock.now(), args.reason ?? null, task.id, row.id);
        options.activity(actor, `Recommended task approved: "${row.title}" for ${row.department}${because(args.reason)}`);
        options.changed([row.id]);
        return { recommendation: recommendation(byId.get(row.id)!), task };
      },
      'recommendations.reject': (args: Args<'recommendations.reject'>, ctx: CallContext) => {
        const actor = options.actor(ctx);
        const row = draftOf(args.id);
        decide.run('rejected', actor.id, clock.now(), args.reason, null, row.id);
        options.activity(actor, `Recommended task rejected: "${row.title}"${because(args.reason)}`);
        options.changed([row.id]);
        return recommendation(byId.get(row.id)!);
      },
    },
  };
}
