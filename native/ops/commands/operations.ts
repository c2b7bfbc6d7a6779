import { PolderError } from '../../api/errors.ts';
import type { HandlersFor } from '../../rpc/handlers.ts';
import type { Incident, ResourceRequest, Unit } from '../../api/ops.ts';
import { canonicalJson } from '../canonical-json.ts';
import { change, requireDepartment, type OpsCore } from '../core.ts';
import { authorize } from '../permissions.ts';
import { timelineRow } from '../timeline-row.ts';
import { uuidv7 } from '../uuid.ts';
import { timelineEntry } from '../views.ts';

type OperationMethods =
  | 'incidents.list'
  | 'incidents.create'
  | 'incidents.setPhase'
  | 'incidents.setDepartments'
  | 'units.list'
  | 'units.update'
  | 'log.append'
  | 'resources.list'
  | 'resources.request'
  | 'resources.decide';

/** Incidents, units, the activity log and resource requests. */
export function operationHandlers(core: OpsCore): HandlersFor<OperationMethods> {
  const incident = (id: string): Incident => {
    const found = core.views.incident(id);
    if (!found) throw new PolderError('not_found', `No incident with id "${id}"`);
    return found;
  };
  const unit = (id: string): Unit => {
    const found = core.views.unit(id);
    if (!found) throw new PolderError('not_found', `No unit with id "${id}"`);
    return found;
  };
  const request = (id: string): ResourceRequest => {
    const found = core.views.request(id);
    if (!found) throw new PolderError('not_found', `No resource request with id "${id}"`);
    return found;
  };

  return {
    'incidents.list'(_args, ctx) {
      core.actor(ctx);
      return core.views.incidents().sort((a, b) => b.createdAt - a.createdAt);
    },

    'incidents.create'(args, ctx) {
      const actor = core.actor(ctx);
      authorize(actor, 'incident.manage');
      args.departments.forEach((d) => requireDepartment(core, d));
      const id = uuidv7(core.now());
      core.write(actor, [
        {
          type: 'incident.created',
          entity: id,
          payload: {
            create: true,
            set: { name: args.name, description: args.description, phase: 'monitoring', createdAt: core.now(), createdBy: actor.id },
            add: { departments: args.departments },
            summary: `Incident opened: ${args.name}`,
            dept: actor.department,
          },
        },
      ]);
      core.emit('incidents.changed', { ids: [id] });
      return incident(id);
    },

    'incidents.setPhase'(args, ctx) {
      const actor = core.actor(ctx);
      authorize(actor, 'incident.manage');
      const current = incident(args.incidentId);
      if (current.phase === 'closed') throw new PolderError('illegal_transition', `Incident "${current.name}" is closed`);
      if (current.phase === args.phase) return current;
      const state = core.entity(current.id, 'incident', 'incident');
      const summary = `Incident phase ${current.phase} → ${args.phase}: ${current.name}`;
      core.write(actor, [{ type: 'incident.phase_changed', entity: current.id, payload: change(state, { phase: args.phase }, summary, actor.department, args.note) }]);
      core.emit('incidents.changed', { ids: [current.id] });
      return incident(current.id);
    },

    'incidents.setDepartments'(args, ctx) {
      const actor = core.actor(ctx);
      authorize(actor, 'incident.manage');
      const current = incident(args.incidentId);
      [...args.add, ...args.remove].forEach((d) => requireDepartment(core, d));
      const summary = `Departments on ${current.name}: ${[...args.add.map((d) => `+${d}`), ...args.remove.map((d) => `-${d}`)].join(' ')}`;
      core.write(actor, [{ type: 'incident.departments_changed', entity: current.id, payload: { add: { departments: args.add }, remove: { departments: args.remove }, summary, dept: actor.department } }]);
      core.emit('incidents.changed', { ids: [current.id] });
      return incident(current.id);
    },

    'units.list'(args, ctx) {
      core.actor(ctx);
      const all = core.views.units();
      return args.department ? all.filter((u) => u.department === args.department) : all;
    },

    'units.update'(args, ctx) {
      const actor = core.actor(ctx);
      const current = unit(args.unitId);
      authorize(actor, 'unit.update', current.department);
      const { unitId, ...requested } = args;
      const edits = Object.fromEntries(Object.entries(requested).filter(([k, v]) => v !== undefined && canonicalJson(v) !== canonicalJson(current[k as keyof Unit])));
      if (Object.keys(edits).length === 0) return current;
      const state = core.entity(unitId, 'unit', 'unit');
      const summary = `Unit ${current.name}: ${Object.entries(edits).map(([k, v]) => (k === 'status' ? `status ${String(v)}` : k)).join(', ')}`;
      core.write(actor, [{ type: 'unit.updated', entity: unitId, payload: change(state, edits, summary, current.department) }]);
      core.emit('units.changed', { ids: [unitId] });
      return unit(unitId);
    },

    'log.append'(args, ctx) {
      const actor = core.actor(ctx);
      const department = args.department ?? actor.department;
      requireDepartment(core, department);
      authorize(actor, 'log.append', department);
      if (args.incidentId) incident(args.incidentId);
      const id = uuidv7(core.now());
      const [event] = core.write(actor, [
        {
          type: 'log.entry',
          entity: id,
          payload: {
            create: true,
            set: { text: args.text, department, incidentId: args.incidentId, entityId: args.entityId, author: actor.id, at: core.now() },
            summary: `Log: ${args.text.length > 80 ? `${args.text.slice(0, 79)}…` : args.text}`,
            text: args.text,
            dept: department,
          },
        },
      ]);
      return timelineEntry(timelineRow(event!));
    },

    'resources.list'(args, ctx) {
      core.actor(ctx);
      const all = core.views.requests().sort((a, b) => b.requestedAt - a.requestedAt);
      return args.status ? all.filter((r) => r.status === args.status) : all;
    },

    'resources.request'(args, ctx) {
      const actor = core.actor(ctx);
      const department = args.department ?? actor.department;
      requireDepartment(core, department);
      authorize(actor, 'resource.request', department);
      if (args.taskId) core.entity(args.taskId, 'task', 'task');
      const id = uuidv7(core.now());
      core.write(actor, [
        {
          type: 'request.created',
          entity: id,
          payload: {
            create: true,
            set: {
              department, kind: args.kind, quantity: args.quantity, reason: args.reason, location: args.location, taskId: args.taskId,
              status: 'requested', unitId: null, decisionNote: '', decidedBy: null, requestedBy: actor.id, requestedAt: core.now(),
            },
            summary: `Resource requested: ${args.quantity} × ${args.kind} for ${department} — ${args.reason}`,
            dept: department,
          },
        },
      ]);
      core.emit('resources.changed', { ids: [id] });
      return request(id);
    },

    'resources.decide'(args, ctx) {
      const actor = core.actor(ctx);
      authorize(actor, 'resource.decide');
      const current = request(args.requestId);
      if (current.status !== 'requested') throw new PolderError('illegal_transition', `That request was already ${current.status}`);
      if (args.decision === 'denied' && args.unitId) throw new PolderError('invalid_args', 'A denied request cannot name a unit');
      const granted = args.unitId ? unit(args.unitId) : null;
      if (granted && granted.status === 'out_of_service') throw new PolderError('conflict', `Unit ${granted.name} is out of service`);
      const state = core.entity(current.id, 'request', 'resource request');
      const summary = `Resource request ${args.decision}${granted ? ` (${granted.name})` : ''}: ${current.quantity} × ${current.kind} for ${current.department}`;
      const drafts = [
        {
          type: 'request.decided',
          entity: current.id,
          payload: change(state, { status: args.decision, unitId: args.unitId, decisionNote: args.note, decidedBy: actor.id }, summary, current.department, args.note || undefined),
        },
      ];
      if (granted) {
        const unitState = core.entity(granted.id, 'unit', 'unit');
        drafts.push({
          type: 'unit.updated',
          entity: granted.id,
          payload: change(unitState, { status: 'assigned', assignedTo: current.department }, `Unit ${granted.name} assigned to ${current.department} (request approved)`, current.department),
        });
      }
      core.write(actor, drafts);
      core.emit('resources.changed', { ids: [current.id] });
      if (granted) core.emit('units.changed', { ids: [granted.id] });
      return request(current.id);
    },
  };
}
