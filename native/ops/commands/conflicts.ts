import { PolderError } from '../../api/errors.ts';
import type { HandlersFor } from '../../rpc/handlers.ts';
import { opsMethods, type Actor } from '../../api/ops.ts';
import { canonicalJson } from '../canonical-json.ts';
import { quoteValue } from '../change-summary.ts';
import type { OpsCore } from '../core.ts';
import { isJson, type Json } from '../event.ts';
import type { EntityState } from '../fold.ts';
import { authorize, refuse, type Action } from '../permissions.ts';
import { taskEditRefusal } from '../rights.ts';
import { queryConflicts } from '../views.ts';

type ConflictMethods = 'conflicts.list' | 'conflicts.resolve';

/** Who may settle a conflict on each kind: whoever may make the edits it came from. */
const manageAction: Record<string, Action> = { alert: 'alert.manage', unit: 'unit.update', incident: 'incident.manage', request: 'resource.decide' };

/** A new value (neither of the two) must be one tasks.update would accept for that field. */
const taskFieldSchemas = opsMethods['tasks.update'].args.shape;
const newValueFields = new Set(['title', 'description', 'priority', 'dueAt', 'location']);

export function conflictHandlers(core: OpsCore): HandlersFor<ConflictMethods> {
  function mayResolve(actor: Actor, state: EntityState) {
    if (state.kind === 'task') {
      const f = state.fields;
      refuse(taskEditRefusal(actor, { title: String(f.title ?? ''), department: String(f.department ?? ''), status: (f.status ?? 'new') as never, unitId: null }));
      return;
    }
    const action = manageAction[state.kind];
    if (!action) throw new PolderError('invalid_args', `Conflicts on a ${state.kind} cannot be resolved by hand`);
    authorize(actor, action, typeof state.fields.department === 'string' ? state.fields.department : undefined);
  }

  function checkNewValue(kind: string, field: string, value: Json): Json {
    if (kind !== 'task' || !newValueFields.has(field)) {
      throw new PolderError('invalid_args', `Pick one of the two values of ${field}: a new value can be written only for a task's title, description, priority, due time or place`);
    }
    const parsed = taskFieldSchemas[field as 'title'].safeParse(value);
    if (!parsed.success) throw new PolderError('invalid_args', `That ${field} is not valid: ${parsed.error.issues[0]?.message ?? 'wrong kind of value'}`);
    return parsed.data as Json;
  }

  return {
    'conflicts.list'(args, ctx) {
      core.actor(ctx);
      return queryConflicts(core.db, args.entityId);
    },

    'conflicts.resolve'(args, ctx) {
      const actor = core.actor(ctx);
      const open = queryConflicts(core.db, args.entityId).filter((c) => c.field === args.field);
      if (open.length === 0) throw new PolderError('not_found', `There is no open conflict on ${args.field} of that item (someone may have resolved it already)`);
      const state = core.entity(args.entityId, open[0]!.entityKind, open[0]!.entityKind);
      mayResolve(actor, state);
      if (args.value === undefined || !isJson(args.value)) throw new PolderError('invalid_args', 'value: not a plain value');
      const offered = open.flatMap((c) => [c.keptValue, c.lostValue]).some((v) => canonicalJson(v as Json) === canonicalJson(args.value as Json));
      const value = offered ? args.value : checkNewValue(state.kind, args.field, args.value);
      const current = state.fields[args.field] ?? null;
      const others = [...new Set(open.flatMap((c) => [c.keptValue, c.lostValue]).map((v) => quoteValue(args.field, v)))].filter((q) => q !== quoteValue(args.field, value));
      const summary = `Conflict on ${args.field} resolved: ${quoteValue(args.field, value)}${others.length ? ` (not ${others.join(', ')})` : ''}`;
      const dept = typeof state.fields.department === 'string' ? state.fields.department : actor.department;
      core.write(actor, [
        {
          type: `${state.kind}.conflict_resolved`,
          entity: state.id,
          payload: {
            ...(canonicalJson(current) === canonicalJson(value) ? {} : { set: { [args.field]: value } }),
            base: { [args.field]: args.seen },
            resolve: [args.field],
            summary,
            dept,
          },
        },
      ]);
      core.emit('conflicts.changed', { ids: [state.id] });
      if (state.kind === 'task') core.tasksChanged([state.id]);
      else if (state.kind === 'alert') core.alertsChanged([state.id]);
      return { open: queryConflicts(core.db, args.entityId) };
    },
  };
}
