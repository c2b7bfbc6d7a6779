import type { Action } from '../api/access.ts';
import type { OpsEvent } from '../ops/event.ts';

export interface Right {
  action: Action;
  department?: string;
}

/** What an event needs of its author: any one of these rights, or only the system writes it. */
export type RequiredRight = Right[] | 'system-only';

/**
 * Events the system itself writes (seeded units, activity lines, alerts raised by feeds, a
 * forecast updating its alert, sensor thresholds escalating and resolving theirs, an exercise's
 * planned and delivered injects); anyone's device may carry them.
 */
const systemWrites = new Set(['unit.created', 'log.entry', 'alert.raised', 'alert.repeated', 'alert.updated', 'alert.escalated', 'alert.resolved', 'inject.planned', 'inject.delivered']);

const settles: Record<string, Action> = { task: 'task.edit', alert: 'alert.manage', unit: 'unit.update', incident: 'incident.manage', request: 'resource.decide', log: 'log.append' };

/**
 * The right a receiver re-checks for an event type, with the department the event is filed under
 * (its payload's `dept`). Mirrors the checks of native/ops/commands at the grain an event carries;
 * finer rules that need the entity's state (a task's status moves) stay with the writer. Null: a
 * type no command writes.
 */
export function requiredRight(ev: Pick<OpsEvent, 'type' | 'payload'>): RequiredRight | null {
  const dept = typeof ev.payload.dept === 'string' ? ev.payload.dept : undefined;
  const inDept = (action: Action): Right[] => [{ action, ...(dept === undefined ? {} : { department: dept }) }];
  const anywhere = (action: Action): Right[] => [{ action }];
  if (ev.type.endsWith('.conflict_resolved')) {
    const action = settles[ev.type.slice(0, ev.type.indexOf('.'))];
    return action ? inDept(action) : null;
  }
  switch (ev.type) {
    case 'task.created':
      return inDept('task.create');
    case 'task.updated':
      // Handing a task to another department takes its own department's lead.
      return inDept(ev.payload.set?.department === undefined ? 'task.edit' : 'task.handover');
    case 'task.assigned':
      return inDept('task.edit');
    case 'task.transitioned':
      return inDept(ev.payload.set?.status === 'cancelled' ? 'task.cancel' : 'task.edit');
    case 'alert.raised':
    case 'alert.repeated':
    case 'alert.updated':
      return anywhere('alert.raise');
    case 'alert.acknowledged':
      return anywhere('alert.acknowledge');
    case 'alert.escalated':
    case 'alert.resolved':
    case 'alert.dismissed':
      return anywhere('alert.manage');
    case 'alert.report_confirmed':
    case 'alert.report_dismissed':
      return anywhere('report.review');
    case 'incident.created':
    case 'incident.phase_changed':
    case 'incident.departments_changed':
      return anywhere('incident.manage');
    case 'log.entry':
      return inDept('log.append');
    case 'request.created':
      return inDept('resource.request');
    case 'request.decided':
      return anywhere('resource.decide');
    case 'unit.updated':
      // A department updates its own units; the crisis room assigns any unit when it grants a request.
      return [...inDept('unit.update'), { action: 'resource.decide' }];
    case 'unit.created':
    case 'inject.planned':
    case 'inject.delivered':
      return 'system-only';
    case 'inject.inserted':
    case 'inject.delayed':
    case 'inject.skipped':
    case 'inject.noted':
      return anywhere('exercise.control');
    default:
      return null;
  }
}

export function isSystemWrite(type: string): boolean {
  return systemWrites.has(type);
}
