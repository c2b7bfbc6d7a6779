import { PolderError, type WireError } from '../api/errors.ts';
import type { Action } from '../api/access.ts';
import type { Actor } from '../api/ops.ts';

export type { Action };

/**
 * What an actor may do. Observers only read. The EOC lead may do everything. Everyone else acts
 * within their own department; cancelling a task takes that department's lead; managing alerts
 * takes a lead or the EOC; resource decisions, incidents and reviewing public reports belong to the
 * EOC (the crisis room).
 * Simulations are run by leads and the EOC; a run is stopped or edited by whoever started it or
 * by an EOC lead (simSteerRefusal). Only an EOC lead reviews the quarantine of refused events.
 */
export function mayDo(actor: Actor, action: Action, department?: string): boolean {
  if (actor.role === 'observer') return false;
  const eoc = actor.department === 'eoc';
  if (eoc && actor.role === 'lead') return true;
  const own = department === undefined || department === actor.department;
  switch (action) {
    case 'alert.raise':
    case 'alert.acknowledge':
      return true;
    case 'alert.manage':
    case 'sensor.manage':
    case 'sim.run':
    case 'sim.steer':
      return actor.role === 'lead' || eoc;
    case 'resource.decide':
    case 'incident.manage':
    case 'exercise.control':
    case 'report.review':
      return eoc;
    case 'sync.review':
      return false;
    case 'task.cancel':
    case 'task.handover':
      return own && actor.role === 'lead';
    case 'task.create':
    case 'task.edit':
    case 'log.append':
    case 'resource.request':
    case 'unit.update':
      return own;
  }
}

/** Why a command would be refused: the error it throws, as plain data (cheap to make for every row of a board). */
export type Refusal = WireError;

/** The forbidden refusal for `actor` taking `action`, or null when they may. */
export function permissionRefusal(actor: Actor, action: Action, department?: string): Refusal | null {
  if (mayDo(actor, action, department)) return null;
  const where = department && department !== actor.department ? ` for department "${department}"` : '';
  const why = actor.role === 'observer' ? 'observers can only read' : `a ${actor.role} of "${actor.department}" may not`;
  return { code: 'forbidden', message: `${actor.name} cannot ${action.replace('.', ' ')}${where}: ${why}` };
}

/** Throws the refusal, if there is one. */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw new PolderError(refusal.code, refusal.message);
}

export function authorize(actor: Actor, action: Action, department?: string): void {
  refuse(permissionRefusal(actor, action, department));
}

/**
 * Why `actor` may not stop or edit the current run, or null if they may: its starter may, and so
 * may an EOC lead (who may take over any run); `starter` is null when nobody known started it.
 */
export function simSteerRefusal(actor: Actor, starter: Pick<Actor, 'id' | 'name'> | null): Refusal | null {
  const refusal = permissionRefusal(actor, 'sim.steer');
  if (refusal) return refusal;
  if (starter?.id === actor.id || (actor.department === 'eoc' && actor.role === 'lead')) return null;
  return { code: 'forbidden', message: `${actor.name} cannot stop or change this simulation: ${starter?.name ?? 'someone else'} started it (only they or an EOC lead may)` };
}
