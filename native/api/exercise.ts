import { z } from 'zod';
import { CapCertainty, CapSeverity, CapUrgency } from './ops.ts';
import type { MethodSpecs, PushSpecs } from './spec.ts';

// Exercise mode: a trainer's MSEL (master scenario events list) delivered on a virtual clock.
// Every inject's plan and fate is an ops event on an `inject` entity, so the after-action report
// reads them from the log (README: "Exercises").

export const InjectMethod = z.enum(['alert', 'message', 'sensor']);
export type InjectMethod = z.infer<typeof InjectMethod>;
/** What a sensor-anomaly inject does to its sensor's readings. */
export const SensorAnomaly = z.enum(['spike', 'stuck', 'rise']);
export type SensorAnomaly = z.infer<typeof SensorAnomaly>;
export const InjectStatus = z.enum(['pending', 'delivered', 'skipped']);
export type InjectStatus = z.infer<typeof InjectStatus>;

const text = (max: number) => z.string().trim().max(max);

export const InjectAlert = z.object({ severity: CapSeverity, urgency: CapUrgency, certainty: CapCertainty });
export type InjectAlert = z.infer<typeof InjectAlert>;

export const InjectSensor = z.object({
  sensorId: z.string().min(1).max(200),
  anomaly: SensorAnomaly,
  /** The reading the anomaly shows (spike, stuck) or rises to (rise), in the sensor's unit. */
  value: z.number().finite(),
  /** How long a stuck or rising sensor keeps at it, in scenario minutes (1 for a spike). */
  minutes: z.number().int().min(1).max(360),
});
export type InjectSensor = z.infer<typeof InjectSensor>;

/** One MSEL row, as planned: what is delivered, when, to whom, and what trainees should do. */
export const InjectPlan = z.object({
  /** The MSEL's event number ("1", "4a"), or "X1", "X2" … for the controller's ad-hoc injects. */
  number: text(20).min(1),
  /** Scenario time it is due (ms since the epoch on the exercise clock). */
  at: z.number(),
  method: InjectMethod,
  from: text(200),
  to: text(200),
  /** The department id `to` names, where it names one: the timeline files the inject under it. */
  department: z.string().nullable(),
  synopsis: text(2000).min(1),
  expectedAction: text(2000),
  objective: text(500),
  controller: text(200),
  /** Notes the MSEL's author left for evaluators (the live notes are InjectNote). */
  evaluatorNotes: text(2000),
  alert: InjectAlert.nullable(),
  sensor: InjectSensor.nullable(),
});
export type InjectPlan = z.infer<typeof InjectPlan>;

export const InjectNote = z.object({ at: z.number(), by: z.string(), text: z.string() });
export type InjectNote = z.infer<typeof InjectNote>;

export const Inject = InjectPlan.extend({
  id: z.string(),
  status: InjectStatus,
  /** When the MSEL first planned it (before any delay). */
  plannedAt: z.number(),
  deliveredAt: z.number().nullable(),
  /** The alert an alert inject raised. */
  alertId: z.string().nullable(),
  /** Who inserted it, for an ad-hoc inject; null for an MSEL row. */
  insertedBy: z.string().nullable(),
  skipReason: z.string().nullable(),
  notes: z.array(InjectNote),
});
export type Inject = z.infer<typeof Inject>;

export const ClockState = z.object({
  now: z.number(),
  mode: z.enum(['live', 'exercise', 'replay']),
  rate: z.number(),
  playing: z.boolean(),
});
export type ClockState = z.infer<typeof ClockState>;

export const ExerciseState = z.object({
  /** Names the exercise's own sync topics (`<org>.exercise-<id>`). */
  exerciseId: z.string(),
  /** STARTEX: scenario time zero. */
  start: z.number(),
  clock: ClockState,
  injects: z.array(Inject),
});
export type ExerciseState = z.infer<typeof ExerciseState>;

/**
 * The ops event types an exercise writes, all on `inject` entities (entity id = inject id).
 * planned/inserted carry the whole InjectPlan in `set` (plus status 'pending'); delivered sets
 * status, deliveredAt and alertId; delayed sets `at`; skipped sets status and skipReason; noted
 * carries the evaluator's note as the event's `text` and sets nothing.
 */
export const injectEvents = {
  planned: 'inject.planned',
  inserted: 'inject.inserted',
  delivered: 'inject.delivered',
  delayed: 'inject.delayed',
  skipped: 'inject.skipped',
  noted: 'inject.noted',
} as const;
export type InjectEventType = (typeof injectEvents)[keyof typeof injectEvents];

/** The `set` of an inject.planned / inject.inserted event. */
export type InjectPlannedFields = InjectPlan & { status: 'pending'; plannedAt: number; insertedBy: string | null; deliveredAt: null; alertId: null; skipReason: null };
/** The `set` of an inject.delivered event. */
export interface InjectDeliveredFields {
  status: 'delivered';
  deliveredAt: number;
  alertId: string | null;
}
/** The `set` of an inject.delayed event. */
export interface InjectDelayedFields {
  at: number;
}
/** The `set` of an inject.skipped event. */
export interface InjectSkippedFields {
  status: 'skipped';
  skipReason: string | null;
}

const InjectId = z.string().min(1).max(200);

export const InjectDraft = z
  .object({
    method: InjectMethod,
    from: text(200).default('Controller'),
    to: text(200),
    synopsis: text(2000).min(1),
    expectedAction: text(2000).default(''),
    objective: text(500).default(''),
    /** Scenario time to deliver it; default now. */
    at: z.number().nullable().default(null),
    alert: InjectAlert.nullable().default(null),
    sensor: InjectSensor.nullable().default(null),
  })
  .strict();
export type InjectDraft = z.input<typeof InjectDraft>;

export const exerciseMethods = {
  /** The running exercise (its script: for controllers, not trainees), or null when this app is not in exercise mode. */
  'exercise.state': { access: { may: 'exercise.control' }, args: z.object({}).strict(), result: ExerciseState.nullable() },
  'exercise.insert': { access: { may: 'exercise.control' }, args: z.object({ inject: InjectDraft }).strict(), result: Inject },
  'exercise.delay': { access: { may: 'exercise.control' }, args: z.object({ injectId: InjectId, minutes: z.number().int().min(1).max(1440) }).strict(), result: Inject },
  'exercise.skip': { access: { may: 'exercise.control' }, args: z.object({ injectId: InjectId, reason: text(2000).nullable().default(null) }).strict(), result: Inject },
  'exercise.note': { access: { may: 'exercise.control' }, args: z.object({ injectId: InjectId, text: text(2000).min(1) }).strict(), result: Inject },
  'clock.play': { access: { may: 'exercise.control' }, args: z.object({}).strict(), result: ClockState },
  'clock.pause': { access: { may: 'exercise.control' }, args: z.object({}).strict(), result: ClockState },
  /** Exercises run at 1–60 times real time. */
  'clock.rate': { access: { may: 'exercise.control' }, args: z.object({ rate: z.number().min(1).max(60) }).strict(), result: ClockState },
} satisfies MethodSpecs;

export const exercisePushes = {
  /** Injects changed (planned, delivered, delayed, skipped, noted) or the exercise clock did. */
  'exercise.changed': z.object({ ids: z.array(z.string()) }),
} satisfies PushSpecs;
