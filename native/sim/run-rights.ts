// Who may start and stop a simulation run. Edits follow the start rule: any signed-in actor who
// is not a read-only observer.
import type { Actor } from '../api/ops.ts';
import type { Refusal } from '../ops/permissions.ts';

/** Observers only read; anyone else may start a run or change a running one. */
export function simRunRefusal(actor: Actor, what: 'start' | 'edit'): Refusal | null {
  if (actor.role !== 'observer') return null;
  return { code: 'forbidden', message: `${actor.name} cannot ${what} a simulation run: observers can only read` };
}

/** Only the run's starter or an EOC lead may stop it. */
export function simStopRefusal(actor: Actor, run: { startedBy: string }): Refusal | null {
  if (actor.id === run.startedBy) return null;
  if (actor.department === 'eoc' && actor.role === 'lead') return null;
  return { code: 'forbidden', message: `${actor.name} cannot stop this simulation run: only who started it (${run.startedBy}) or an EOC lead may` };
}
