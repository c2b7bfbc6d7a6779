import { PolderError } from '../../api/errors.ts';
import type { HandlersFor } from '../../api/handlers.ts';
import type { Board, Task, TaskStatus } from '../../api/ops.ts';
import type { OpsCore } from '../core.ts';
import { queryConflicts, queryTimeline } from '../views.ts';

type ReadMethods = 'session.login' | 'session.current' | 'actors.list' | 'departments.list' | 'board.query' | 'timeline.query' | 'conflicts.list';

// Kept here rather than read from the zod enum so the write path does not load the contract schemas.
const taskStatuses = ['new', 'assigned', 'in_progress', 'blocked', 'done', 'cancelled'] as const satisfies readonly TaskStatus[];
const priorityOrder = { critical: 0, high: 1, normal: 2, low: 3 } as const;

export function readHandlers(core: OpsCore): HandlersFor<ReadMethods> {
  return {
    'session.login'(args, ctx) {
      const actor = core.directory.actors.find((a) => a.id === args.actorId);
      if (!actor) throw new PolderError('not_found', `No actor "${args.actorId}" in the directory`);
      ctx.session.actorId = actor.id;
      return actor;
    },
    'session.current': (_args, ctx) => core.directory.actors.find((a) => a.id === ctx.session.actorId) ?? null,
    'actors.list': () => core.directory.actors,
    'departments.list': () => core.directory.departments,

    'board.query'(args, ctx) {
      core.actor(ctx);
      const now = core.now();
      const text = args.text?.toLowerCase();
      const keep = (t: Task) =>
        (args.department === undefined || t.department === args.department) &&
        (args.priority === undefined || t.priority === args.priority) &&
        (args.status === undefined || t.status === args.status) &&
        (args.overdue === undefined || t.overdue === args.overdue) &&
        (args.unitId === undefined || t.unitId === args.unitId) &&
        (args.includeClosed || (t.status !== 'done' && t.status !== 'cancelled')) &&
        (!text || t.title.toLowerCase().includes(text) || t.description.toLowerCase().includes(text));
      const tasks = core.views
        .tasks(now)
        .filter(keep)
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || priorityOrder[a.priority] - priorityOrder[b.priority] || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.createdAt - b.createdAt);
      const departments = core.directory.departments.filter((d) => args.department === undefined || d.id === args.department);
      const lanes: Board['lanes'] = departments.map((department) => {
        const mine = tasks.filter((t) => t.department === department.id);
        const byStatus = Object.fromEntries(taskStatuses.map((s) => [s, mine.filter((t) => t.status === s)])) as Record<Task['status'], Task[]>;
        const counts = Object.fromEntries(taskStatuses.map((s) => [s, byStatus[s].length])) as Record<Task['status'], number>;
        return { department, counts, overdue: mine.filter((t) => t.overdue).length, tasks: byStatus };
      });
      return { now, lanes };
    },

    'timeline.query'(args, ctx) {
      core.actor(ctx);
      return queryTimeline(core.db, args);
    },

    'conflicts.list'(args, ctx) {
      core.actor(ctx);
      return queryConflicts(core.db, args.entityId);
    },
  };
}
