import { z } from 'zod';

/**
 * The actions a rights check names. Native decides who may take each (native/ops/permissions.ts);
 * the dispatcher checks a method's action before its handler runs, and handlers check the finer
 * rules (the department of the task, the starter of the run).
 */
export const Action = z.enum([
  'task.create',
  'task.edit',
  'task.cancel',
  'task.handover',
  'alert.raise',
  'alert.acknowledge',
  'alert.manage',
  'log.append',
  'resource.request',
  'resource.decide',
  'incident.manage',
  'unit.update',
  /** Start a simulation run. */
  'sim.run',
  /** Stop a run, or change it with a what-if edit: its starter, or an EOC lead. */
  'sim.steer',
  /** See the received events that failed their checks (the quarantine): EOC leads. */
  'sync.review',
  /** Edit the sensor registry (thresholds, names, places) and the readings' retention. */
  'sensor.manage',
  /** Run an exercise: insert, delay or skip injects, take evaluator notes, play and pause its clock. */
  'exercise.control',
  /** Confirm or dismiss citizen and field reports: the crisis room (EOC). */
  'report.review',
]);
export type Action = z.infer<typeof Action>;

/**
 * Who may call a method: `anyone` (before sign-in too: only what the sign-in page needs),
 * `signedIn`, or a signed-in actor who may take an action.
 */
export type Access = 'anyone' | 'signedIn' | { may: Action };
