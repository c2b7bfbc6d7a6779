import type { Actor, Alert, AlertAction, Task, TaskAction, TaskStatus } from '../api/ops.ts';
import { permissionRefusal, type Refusal } from './permissions.ts';

/**
 * The rules on what may happen to a task or an alert, in one place: the commands throw the refusal
 * these functions return, and the read models list what they would accept, so the two cannot differ.
 */

export const taskStatuses = ['new', 'assigned', 'in_progress', 'blocked', 'done', 'cancelled'] as const satisfies readonly TaskStatus[];
export const closedTaskStatuses = ['done', 'cancelled'] as const satisfies readonly TaskStatus[];

/** Status moves a command may make; done and cancelled are final. */
const nextStatuses: Record<TaskStatus, readonly TaskStatus[]> = {
  new: ['assigned', 'in_progress', 'blocked', 'cancelled'],
  assigned: ['new', 'in_progress', 'blocked', 'cancelled'],
  in_progress: ['done', 'blocked', 'cancelled'],
  blocked: ['new', 'assigned', 'in_progress', 'cancelled'],
  done: [],
  cancelled: [],
};

const statusWords = (s: TaskStatus) => s.replace('_', ' ');

/** What a status may become, in words, for a refusal a person reads. */
function movesFrom(status: TaskStatus): string {
  const next = nextStatuses[status];
  if (next.length === 0) return `${statusWords(status).replace(/^./, (c) => c.toUpperCase())} is final`;
  const words = next.map(statusWords);
  return `From ${statusWords(status)} it can only go to ${words.slice(0, -1).join(', ')}${words.length > 1 ? ' or ' : ''}${words.at(-1)}`;
}

export function isClosedTask(status: string): boolean {
  return (closedTaskStatuses as readonly string[]).includes(status);
}

type TaskFacts = Pick<Task, 'title' | 'department' | 'status' | 'unitId'>;

const closedRefusal = (task: TaskFacts): Refusal => ({ code: 'illegal_transition', message: `Task "${task.title}" is ${task.status} and can no longer change` });

/** Why `actor` may not change the task's fields (tasks.update), or null if they may. */
export function taskEditRefusal(actor: Actor, task: TaskFacts): Refusal | null {
  return permissionRefusal(actor, 'task.edit', task.department) ?? (isClosedTask(task.status) ? closedRefusal(task) : null);
}

/** Why `actor` may not hand the task to another department, or null if they may. */
export function taskHandoverRefusal(actor: Actor, task: TaskFacts): Refusal | null {
  return permissionRefusal(actor, 'task.handover', task.department);
}

/** Why `actor` may not assign or unassign a unit (tasks.assign), or null if they may. */
export const taskAssignRefusal = taskEditRefusal;

/** The status tasks.assign leaves the task in: taking a unit moves a new task to assigned, losing it moves it back. */
export function statusAfterAssign(status: TaskStatus, withUnit: boolean): TaskStatus {
  if (withUnit && status === 'new') return 'assigned';
  if (!withUnit && status === 'assigned') return 'new';
  return status;
}

/** Why `actor` may not move the task to `to`, in a sentence that does not name the task (a board row shows it), or null. */
function transitionReason(actor: Actor, task: TaskFacts, to: TaskStatus): Refusal | null {
  const forbidden = permissionRefusal(actor, to === 'cancelled' ? 'task.cancel' : 'task.edit', task.department);
  if (forbidden) return forbidden;
  if (!nextStatuses[task.status].includes(to)) return { code: 'illegal_transition', message: movesFrom(task.status) };
  if (to === 'assigned' && !task.unitId) return { code: 'illegal_transition', message: 'It has no unit: assign one first' };
  return null;
}

/** Why tasks.transition would refuse to move the task to `to` for `actor`, or null if it would accept. */
export function taskTransitionRefusal(actor: Actor, task: TaskFacts, to: TaskStatus): Refusal | null {
  const why = transitionReason(actor, task, to);
  if (!why || why.code === 'forbidden') return why;
  return { code: why.code, message: `Task "${task.title}" cannot go from ${statusWords(task.status)} to ${statusWords(to)}. ${why.message}` };
}

export interface TaskRights {
  allowedTransitions: TaskStatus[];
  /** The other statuses, grouped by why each is refused (one permission reason covers them all). */
  refusedTransitions: { statuses: TaskStatus[]; reason: string }[];
  allowedActions: TaskAction[];
  assignMovesTo: TaskStatus | null;
}

/** What `actor` may do with the task now, as the commands would judge it. */
export function taskRights(actor: Actor, task: TaskFacts): TaskRights {
  const assign = taskAssignRefusal(actor, task) === null;
  const after = statusAfterAssign(task.status, true);
  const allowedTransitions: TaskStatus[] = [];
  const refused = new Map<string, TaskStatus[]>();
  for (const to of taskStatuses) {
    if (to === task.status) continue;
    const why = transitionReason(actor, task, to);
    if (!why) allowedTransitions.push(to);
    else refused.set(why.message, [...(refused.get(why.message) ?? []), to]);
  }
  return {
    allowedTransitions,
    refusedTransitions: [...refused].map(([reason, statuses]) => ({ statuses, reason })),
    allowedActions: [...(taskEditRefusal(actor, task) ? [] : ['edit' as const]), ...(assign ? ['assign' as const] : [])],
    assignMovesTo: assign && after !== task.status ? after : null,
  };
}

// ── alerts ───────────────────────────────────────────────────────────────────

export const alertActions = ['acknowledge', 'escalate', 'resolve', 'dismiss'] as const satisfies readonly AlertAction[];
export const maxEscalation = 5;

type AlertFacts = Pick<Alert, 'title' | 'status' | 'escalation'>;

export function isOpenAlert(alert: Pick<Alert, 'status'>): boolean {
  return alert.status === 'raised' || alert.status === 'acknowledged';
}

/** Severe and Extreme alerts nobody has acknowledged yet interrupt everyone (banner and tone). */
export function isLoudAlert(alert: Pick<Alert, 'status' | 'severity'>): boolean {
  return alert.status === 'raised' && (alert.severity === 'Extreme' || alert.severity === 'Severe');
}

/** Why `actor` may not take `action` on the alert (escalate: one level up), or null if they may. */
export function alertRefusal(actor: Actor, alert: AlertFacts, action: AlertAction): Refusal | null {
  const forbidden = permissionRefusal(actor, action === 'acknowledge' ? 'alert.acknowledge' : 'alert.manage');
  if (forbidden) return forbidden;
  if (action === 'acknowledge' && alert.status !== 'raised') return { code: 'illegal_transition', message: `Alert "${alert.title}" is ${alert.status}; it cannot become acknowledged` };
  if (!isOpenAlert(alert)) {
    const verb = action === 'escalate' ? 'be escalated' : `become ${action === 'resolve' ? 'resolved' : 'dismissed'}`;
    return { code: 'illegal_transition', message: `Alert "${alert.title}" is ${alert.status}; it cannot ${verb}` };
  }
  if (action === 'escalate' && alert.escalation >= maxEscalation) {
    return { code: 'illegal_transition', message: `Alert "${alert.title}" is at escalation ${alert.escalation}; it can only go up, to at most ${maxEscalation}` };
  }
  return null;
}

export function alertAllowedActions(actor: Actor, alert: AlertFacts): AlertAction[] {
  return alertActions.filter((a) => alertRefusal(actor, alert, a) === null);
}
