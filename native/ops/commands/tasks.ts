import { PolderError } from '../../api/errors.ts';
import type { HandlersFor } from '../../rpc/handlers.ts';
import { duePastRefusal, type Actor, type Task } from '../../api/ops.ts';
import { canonicalJson } from '../canonical-json.ts';
import { describeChanges } from '../change-summary.ts';
import { change, requireDepartment, unseenChanges, type OpsCore } from '../core.ts';
import { authorize, refuse } from '../permissions.ts';
import { statusAfterAssign, taskAssignRefusal, taskEditRefusal, taskHandoverRefusal, taskTransitionRefusal } from '../rights.ts';
import { uuidv7 } from '../uuid.ts';
import { queryConflicts, queryTimeline } from '../views.ts';


type TaskMethods = 'tasks.create' | 'tasks.update' | 'tasks.assign' | 'tasks.transition' | 'tasks.get';

export function taskHandlers(core: OpsCore): HandlersFor<TaskMethods> {
  const read = (id: string, actor: Actor): Task => {
    const task = core.views.task(id, core.now(), actor);
    if (!task) throw new PolderError('not_found', `No task with id "${id}"`);
    return task;
  };
  const requireUnit = (id: string) => {
    if (!core.views.unit(id)) throw new PolderError('not_found', `No unit with id "${id}"`);
  };
  const changed = (id: string, actor: Actor) => {
    core.tasksChanged([id]);
    return read(id, actor);
  };

  return {
    'tasks.create'(args, ctx) {
      const actor = core.actor(ctx);
      requireDepartment(core, args.department);
      authorize(actor, 'task.create', args.department);
      if (args.alertId) core.entity(args.alertId, 'alert', 'alert');
      if (args.incidentId) core.entity(args.incidentId, 'incident', 'incident');
      const pastDue = duePastRefusal(args.dueAt, core.now());
      if (pastDue) throw new PolderError('invalid_args', pastDue);
      const id = uuidv7(core.now());
      core.write(actor, [
        {
          type: 'task.created',
          entity: id,
          payload: {
            create: true,
            set: {
              title: args.title, description: args.description, department: args.department, priority: args.priority, status: 'new',
              unitId: null, dueAt: args.dueAt, location: args.location, alertId: args.alertId, incidentId: args.incidentId,
              createdAt: core.now(), createdBy: actor.id,
            },
            summary: `Task created: ${args.title}`,
            dept: args.department,
          },
        },
      ]);
      return changed(id, actor);
    },

    'tasks.update'(args, ctx) {
      const actor = core.actor(ctx);
      const task = read(args.taskId, actor);
      authorize(actor, 'task.edit', task.department);
      const { taskId, seen, ...fields } = args;
      const edits = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && canonicalJson(v) !== canonicalJson(task[k as keyof Task])));
      if (Object.keys(edits).length === 0) return task;
      refuse(taskEditRefusal(actor, task));
      const pastDue = duePastRefusal(edits.dueAt as number | null | undefined, core.now());
      if (pastDue) throw new PolderError('invalid_args', pastDue);
      if (edits.department !== undefined) {
        requireDepartment(core, args.department!);
        refuse(taskHandoverRefusal(actor, task));
      }
      if (args.alertId) core.entity(args.alertId, 'alert', 'alert');
      const state = core.entity(taskId, 'task', 'task');
      const summary = `Task updated: ${describeChanges(task, edits, unseenChanges(state, Object.keys(edits), seen))}`;
      core.write(actor, [{ type: 'task.updated', entity: taskId, payload: change(state, edits, summary, task.department, undefined, seen) }]);
      return changed(taskId, actor);
    },

    'tasks.assign'(args, ctx) {
      const actor = core.actor(ctx);
      const task = read(args.taskId, actor);
      refuse(taskAssignRefusal(actor, task));
      if (args.unitId) requireUnit(args.unitId);
      if (args.unitId === task.unitId) return task;
      const state = core.entity(task.id, 'task', 'task');
      const after = statusAfterAssign(task.status, args.unitId !== null);
      const status = after === task.status ? undefined : after;
      const unitName = args.unitId ? core.views.unit(args.unitId)?.name : null;
      const summary = args.unitId ? `Task assigned to ${unitName}: ${task.title}` : `Task unassigned: ${task.title}`;
      core.write(actor, [{ type: 'task.assigned', entity: task.id, payload: change(state, { unitId: args.unitId, status }, summary, task.department, undefined, args.seen) }]);
      return changed(task.id, actor);
    },

    'tasks.transition'(args, ctx) {
      const actor = core.actor(ctx);
      const task = read(args.taskId, actor);
      refuse(taskTransitionRefusal(actor, task, args.to));
      const state = core.entity(task.id, 'task', 'task');
      const unseen = unseenChanges(state, ['status'], args.seen).length > 0 ? ' (over a change its author had not seen)' : '';
      const summary = `Task ${task.status} → ${args.to}${unseen}: ${task.title}`;
      core.write(actor, [{ type: 'task.transitioned', entity: task.id, payload: change(state, { status: args.to }, summary, task.department, args.note, args.seen) }]);
      return changed(task.id, actor);
    },

    'tasks.get'(args, ctx) {
      const task = read(args.taskId, core.actor(ctx));
      const history = queryTimeline(core.db, { entityId: task.id, limit: 5000 }).reverse();
      return { task, history, conflicts: queryConflicts(core.db, task.id) };
    },
  };
}
