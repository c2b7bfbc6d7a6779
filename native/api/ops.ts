import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

// ── value sets ───────────────────────────────────────────────────────────────
export const Role = z.enum(['lead', 'member', 'observer']);
export const TaskStatus = z.enum(['new', 'assigned', 'in_progress', 'blocked', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;
/** What a signed-in actor may do to a task besides moving it (native decides; see allowedActions). */
export const TaskAction = z.enum(['edit', 'assign']);
export type TaskAction = z.infer<typeof TaskAction>;
export const Priority = z.enum(['low', 'normal', 'high', 'critical']);
/** 'exercise': an MSEL inject (native/exercise). 'report': a group of citizen and field reports (native/reports), unconfirmed until a person reviews it. */
export const AlertSource = z.enum(['sensor', 'model', 'field', 'cap', 'exercise', 'report']);
export const AlertStatus = z.enum(['raised', 'acknowledged', 'resolved', 'dismissed']);
export const AlertAction = z.enum(['acknowledge', 'escalate', 'resolve', 'dismiss']);
export type AlertAction = z.infer<typeof AlertAction>;
/** CAP 1.2 (OASIS) value sets. */
export const CapSeverity = z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']);
export const CapUrgency = z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);
export const CapCertainty = z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']);
export const IncidentPhase = z.enum(['monitoring', 'response', 'recovery', 'closed']);
export const UnitKind = z.enum(['crew', 'pump', 'vehicle', 'stock', 'team']);
export const UnitStatus = z.enum(['available', 'assigned', 'en_route', 'on_scene', 'out_of_service']);
export const RequestStatus = z.enum(['requested', 'approved', 'denied']);

/** The longest text each kind of field takes; forms use the same numbers. */
export const textLimits = {
  id: 200,
  title: 200,
  label: 200,
  search: 200,
  dedupeKey: 200,
  description: 4000,
  logText: 4000,
  note: 2000,
  reason: 2000,
} as const;

/** A due time may lie this far in the past (set a moment ago, while typing); earlier is a mistake. */
export const dueGraceMs = 15 * 60_000;

/** Why a due time is refused at `now` (already past), or null. */
export function duePastRefusal(dueAt: number | null | undefined, now: number): string | null {
  if (dueAt === null || dueAt === undefined || dueAt >= now - dueGraceMs) return null;
  return `The due time ${new Date(dueAt).toISOString().slice(0, 16).replace('T', ' ')} UTC is already past: choose a time after ${new Date(now - dueGraceMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The most of each kind of list an argument may carry. */
export const listLimits = {
  /** Points of one alert area, all rings together (a drawn or imported polygon, not a coastline). */
  areaPoints: 10_000,
  /** Rings of one polygon, polygons of one multipolygon. */
  areaParts: 100,
  departments: 100,
  boardRows: 1000,
  alertRows: 1000,
} as const;

const Id = z.string().min(1).max(textLimits.id);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const areaTooBig = (n: number) => `An alert area may have at most ${listLimits.areaPoints.toLocaleString('en')} points; this one has ${n.toLocaleString('en')}: simplify it`;
const Ring = z.array(Position).min(4).max(listLimits.areaPoints, { error: (issue) => areaTooBig(Array.isArray(issue.input) ? issue.input.length : listLimits.areaPoints + 1) });
const Rings = z.array(Ring).min(1).max(listLimits.areaParts, `An alert area may have at most ${listLimits.areaParts} rings or polygons`);
const pointCount = (rings: readonly (readonly unknown[])[]) => rings.reduce((n, ring) => n + ring.length, 0);

/** A point on the map (WGS84) with an optional human label. */
export const Location = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), label: z.string().max(textLimits.label).optional() }).strict();
/** A GeoJSON geometry in WGS84: the area an alert covers, at most `listLimits.areaPoints` points. */
export const Area = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: Position }).strict(),
  z
    .object({ type: z.literal('Polygon'), coordinates: Rings })
    .strict()
    .superRefine(({ coordinates }, ctx) => {
      const n = pointCount(coordinates);
      if (n > listLimits.areaPoints) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: areaTooBig(n) });
    }),
  z
    .object({ type: z.literal('MultiPolygon'), coordinates: z.array(Rings).min(1).max(listLimits.areaParts) })
    .strict()
    .superRefine(({ coordinates }, ctx) => {
      const n = coordinates.reduce((sum, polygon) => sum + pointCount(polygon), 0);
      if (n > listLimits.areaPoints) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: areaTooBig(n) });
    }),
]);

// ── read models ──────────────────────────────────────────────────────────────
export const Department = z.object({ id: z.string(), name: z.string(), short: z.string() });
export type Department = z.infer<typeof Department>;
export const Actor = z.object({ id: z.string(), name: z.string(), department: z.string(), role: Role });
export type Actor = z.infer<typeof Actor>;

export const Task = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  department: z.string(),
  unitId: z.string().nullable(),
  priority: Priority,
  status: TaskStatus,
  dueAt: z.number().nullable(),
  location: Location.nullable(),
  alertId: z.string().nullable(),
  incidentId: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  /** The version of the task these values are: an edit sends it back as `seen` (what its author saw). */
  version: z.string(),
  /** Derived from the app clock: due time passed and not done or cancelled. */
  overdue: z.boolean(),
  conflicts: z.number(),
  /** Done or cancelled: read-only for everyone. */
  closed: z.boolean(),
  /** For the caller: the statuses tasks.transition would accept now (the command checks the same rules). */
  allowedTransitions: z.array(TaskStatus),
  /** For the caller: the other statuses, grouped by why tasks.transition would refuse them (its own words, without the task's name). */
  refusedTransitions: z.array(z.object({ statuses: z.array(TaskStatus), reason: z.string() })),
  /** For the caller: 'edit' (tasks.update), 'assign' (tasks.assign). */
  allowedActions: z.array(TaskAction),
  /** For the caller: the status assigning a unit would move the task to, when it would move it. */
  assignMovesTo: TaskStatus.nullable(),
  /** Where the task sorts on a board (overdue, priority, due, created): compare as strings. */
  boardRank: z.string(),
});
export type Task = z.infer<typeof Task>;

export const Alert = z.object({
  id: z.string(),
  source: AlertSource,
  title: z.string(),
  description: z.string(),
  severity: CapSeverity,
  urgency: CapUrgency,
  certainty: CapCertainty,
  area: Area.nullable(),
  status: AlertStatus,
  escalation: z.number(),
  dedupeKey: z.string().nullable(),
  occurrences: z.number(),
  incidentId: z.string().nullable(),
  raisedAt: z.number(),
  raisedBy: z.string(),
  updatedAt: z.number(),
  conflicts: z.number(),
  /** Severe or Extreme and not yet acknowledged: a banner and a tone until someone does. */
  loud: z.boolean(),
  /** For the caller: the alerts.* commands that would accept this alert now (escalate: one level up). */
  allowedActions: z.array(AlertAction),
  /** Where the alert sorts in the queue (severity, escalation, newest, id): compare as strings. */
  queueRank: z.string(),
});
export type Alert = z.infer<typeof Alert>;

export const Unit = z.object({
  id: z.string(),
  name: z.string(),
  kind: UnitKind,
  department: z.string(),
  status: UnitStatus,
  location: Location.nullable(),
  quantity: z.number().nullable(),
  note: z.string(),
  updatedAt: z.number(),
});
export type Unit = z.infer<typeof Unit>;

export const Incident = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  phase: IncidentPhase,
  departments: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Incident = z.infer<typeof Incident>;

export const ResourceRequest = z.object({
  id: z.string(),
  department: z.string(),
  kind: UnitKind,
  quantity: z.number(),
  reason: z.string(),
  location: Location.nullable(),
  taskId: z.string().nullable(),
  status: RequestStatus,
  unitId: z.string().nullable(),
  decisionNote: z.string(),
  decidedBy: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.number(),
  updatedAt: z.number(),
});
export type ResourceRequest = z.infer<typeof ResourceRequest>;

/** One ICS 214 activity-log line: every change, plus notes people write. */
export const TimelineEntry = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string(),
  department: z.string().nullable(),
  type: z.string(),
  kind: z.string(),
  entityId: z.string(),
  summary: z.string(),
  text: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** Two values of one field, the later written over the earlier by someone who had not seen it: both kept until a person resolves it. */
export const ConflictRecord = z.object({
  entityId: z.string(),
  /** task, alert, unit … */
  entityKind: z.string(),
  /** The entity's version now: conflicts.resolve sends it back as `seen`. */
  entityVersion: z.string(),
  field: z.string(),
  keptValue: z.unknown(),
  lostValue: z.unknown(),
  keptEventId: z.string(),
  lostEventId: z.string(),
  keptActorId: z.string().nullable(),
  lostActorId: z.string().nullable(),
  at: z.number(),
});
export type ConflictRecord = z.infer<typeof ConflictRecord>;

export const StorageAlarm = z.object({ kind: z.enum(['storage_full']), message: z.string(), since: z.number() });
export type StorageAlarm = z.infer<typeof StorageAlarm>;

export const BoardLane = z.object({
  department: Department,
  counts: z.record(TaskStatus, z.number()),
  overdue: z.number(),
  tasks: z.record(TaskStatus, z.array(Task)),
});
export const Board = z.object({
  now: z.number(),
  /** The tasks.changed sequence number this board includes: pushes up to it are already in. */
  seq: z.number(),
  /** Statuses of finished tasks (counted apart from open work). */
  closedStatuses: z.array(TaskStatus),
  lanes: z.array(BoardLane),
});
export type Board = z.infer<typeof Board>;

// ── methods ──────────────────────────────────────────────────────────────────
const empty = z.object({}).strict();
const Note = z.string().trim().max(textLimits.note).optional();
const Departments = z.array(Id).max(listLimits.departments);
/** The version of the row the author's screen showed (Task.version): an edit over anything newer becomes a conflict. */
const Seen = z.string().min(1).max(100);
const boardFilter = {
  department: Id.optional(),
  priority: Priority.optional(),
  status: TaskStatus.optional(),
  overdue: z.boolean().optional(),
  unitId: Id.optional(),
  text: z.string().trim().max(textLimits.search).optional(),
  includeClosed: z.boolean().default(true),
};

export const opsMethods = {
  /** Signs this window in as a person of the roster, checked offline against their PIN or password. */
  'session.login': { access: 'anyone', args: z.object({ actorId: Id, secret: z.string().min(1).max(1024) }).strict(), result: Actor },
  'session.current': { access: 'anyone', args: empty, result: Actor.nullable() },
  /** Signs this window out: later calls are unauthenticated until the next session.login. */
  'session.logout': { access: 'anyone', args: empty, result: z.null() },
  'actors.list': { access: 'anyone', args: empty, result: z.array(Actor) },
  'departments.list': { access: 'anyone', args: empty, result: z.array(Department) },

  'incidents.list': { access: 'signedIn', args: empty, result: z.array(Incident) },
  'incidents.create': { access: { may: 'incident.manage' }, args: z.object({ name: Text(textLimits.title), description: z.string().max(textLimits.description).default(''), departments: Departments.default([]) }).strict(), result: Incident },
  'incidents.setPhase': { access: { may: 'incident.manage' }, args: z.object({ incidentId: Id, phase: IncidentPhase, note: Note }).strict(), result: Incident },
  'incidents.setDepartments': { access: { may: 'incident.manage' }, args: z.object({ incidentId: Id, add: Departments.default([]), remove: Departments.default([]) }).strict(), result: Incident },

  'units.list': { access: 'signedIn', args: z.object({ department: Id.optional() }).strict(), result: z.array(Unit) },
  'units.update': { access: { may: 'unit.update' },
    args: z.object({ unitId: Id, status: UnitStatus.optional(), location: Location.nullable().optional(), quantity: z.number().int().min(0).max(1_000_000).optional(), note: z.string().max(textLimits.note).optional() }).strict(),
    result: Unit,
  },

  'tasks.create': { access: { may: 'task.create' },
    args: z
      .object({
        title: Text(textLimits.title),
        description: z.string().max(textLimits.description).default(''),
        department: Id,
        priority: Priority.default('normal'),
        dueAt: z.number().int().nullable().default(null),
        location: Location.nullable().default(null),
        alertId: Id.nullable().default(null),
        incidentId: Id.nullable().default(null),
      })
      .strict(),
    result: Task,
  },
  'tasks.update': { access: { may: 'task.edit' },
    args: z
      .object({
        taskId: Id,
        title: Text(textLimits.title).optional(),
        description: z.string().max(textLimits.description).optional(),
        department: Id.optional(),
        priority: Priority.optional(),
        dueAt: z.number().int().nullable().optional(),
        location: Location.nullable().optional(),
        alertId: Id.nullable().optional(),
        seen: Seen,
      })
      .strict(),
    result: Task,
  },
  'tasks.assign': { access: { may: 'task.edit' }, args: z.object({ taskId: Id, unitId: Id.nullable(), seen: Seen.optional() }).strict(), result: Task },
  'tasks.transition': { access: { may: 'task.edit' }, args: z.object({ taskId: Id, to: TaskStatus, note: Note, seen: Seen.optional() }).strict(), result: Task },
  'tasks.get': { access: 'signedIn', args: z.object({ taskId: Id }).strict(), result: z.object({ task: Task, history: z.array(TimelineEntry), conflicts: z.array(ConflictRecord) }) },
  'board.query': { access: 'signedIn', args: z.object(boardFilter).strict(), result: Board },
  /**
   * The board rows of just these tasks (after a tasks.changed push): `rows` are those that pass the
   * filter, `gone` the ids that no longer do (or do not exist), so a board can patch itself.
   */
  'board.rows': { access: 'signedIn',
    args: z.object({ ...boardFilter, ids: z.array(Id).min(1).max(listLimits.boardRows) }).strict(),
    result: z.object({ now: z.number(), rows: z.array(Task), gone: z.array(z.string()) }),
  },
  /**
   * As board.rows, for the tasks whose due time passed since `since` (a board's `now`): their
   * overdue flag and place changed with time alone, so a board can patch them without a full query.
   */
  'board.dueRows': { access: 'signedIn',
    args: z.object({ ...boardFilter, since: z.number() }).strict(),
    result: z.object({ now: z.number(), rows: z.array(Task), gone: z.array(z.string()) }),
  },

  'alerts.list': { access: 'signedIn', args: z.object({ status: z.enum(['open', 'all']).default('open') }).strict(), result: z.array(Alert) },
  /** Every alert, closed ones too, in queue order, with the alerts.changed number the list includes. */
  'alerts.query': { access: 'signedIn', args: empty, result: z.object({ seq: z.number(), alerts: z.array(Alert) }) },
  /**
   * Just these alerts as the caller sees them (after an alerts.changed push), so a queue can patch
   * itself: `rows` those that exist, `gone` the ids that do not.
   */
  'alerts.rows': {
    access: 'signedIn',
    args: z.object({ ids: z.array(Id).min(1).max(listLimits.alertRows) }).strict(),
    result: z.object({ rows: z.array(Alert), gone: z.array(z.string()) }),
  },
  'alerts.raise': { access: { may: 'alert.raise' },
    args: z
      .object({
        source: AlertSource,
        title: Text(textLimits.title),
        description: z.string().max(textLimits.description).default(''),
        severity: CapSeverity,
        urgency: CapUrgency,
        certainty: CapCertainty,
        area: Area.nullable().default(null),
        dedupeKey: z.string().trim().min(1).max(textLimits.dedupeKey).nullable().default(null),
        incidentId: Id.nullable().default(null),
      })
      .strict(),
    result: z.object({ alert: Alert, deduplicated: z.boolean() }),
  },
  'alerts.acknowledge': { access: { may: 'alert.acknowledge' }, args: z.object({ alertId: Id, note: Note }).strict(), result: Alert },
  'alerts.escalate': { access: { may: 'alert.manage' }, args: z.object({ alertId: Id, level: z.number().int().min(1).max(5).optional(), note: Note }).strict(), result: Alert },
  'alerts.resolve': { access: { may: 'alert.manage' }, args: z.object({ alertId: Id, note: Note }).strict(), result: Alert },
  'alerts.dismiss': { access: { may: 'alert.manage' }, args: z.object({ alertId: Id, note: Note }).strict(), result: Alert },

  'log.append': { access: { may: 'log.append' },
    args: z.object({ text: Text(textLimits.logText), department: Id.optional(), incidentId: Id.nullable().default(null), entityId: Id.nullable().default(null) }).strict(),
    result: TimelineEntry,
  },
  'timeline.query': { access: 'signedIn',
    args: z
      .object({
        department: Id.optional(),
        actorId: Id.optional(),
        entityId: Id.optional(),
        kind: z.string().max(40).optional(),
        text: z.string().trim().max(textLimits.search).optional(),
        since: z.number().optional(),
        until: z.number().optional(),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    result: z.array(TimelineEntry),
  },

  'resources.list': { access: 'signedIn', args: z.object({ status: RequestStatus.optional() }).strict(), result: z.array(ResourceRequest) },
  'resources.request': { access: { may: 'resource.request' },
    args: z
      .object({
        kind: UnitKind,
        quantity: z.number().int().min(1).max(100_000).default(1),
        reason: Text(textLimits.reason),
        department: Id.optional(),
        location: Location.nullable().default(null),
        taskId: Id.nullable().default(null),
      })
      .strict(),
    result: ResourceRequest,
  },
  'resources.decide': { access: { may: 'resource.decide' },
    args: z.object({ requestId: Id, decision: z.enum(['approved', 'denied']), unitId: Id.nullable().default(null), note: z.string().max(textLimits.note).default('') }).strict(),
    result: ResourceRequest,
  },

  'conflicts.list': { access: 'signedIn', args: z.object({ entityId: Id.optional() }).strict(), result: z.array(ConflictRecord) },
  /**
   * Settles the open conflicts on one field that the caller saw (`seen`: ConflictRecord.entityVersion):
   * the field takes `value` (one of the two values, or a new one), written as an event like any edit.
   */
  'conflicts.resolve': {
    access: 'signedIn',
    args: z.object({ entityId: Id, field: z.string().min(1).max(60), value: z.unknown(), seen: Seen }).strict(),
    result: z.object({ open: z.array(ConflictRecord) }),
  },
  'storage.status': { access: 'signedIn',
    args: empty,
    result: z.object({ alarm: StorageAlarm.nullable(), path: z.string(), deviceId: z.string(), events: z.number() }),
  },
} satisfies MethodSpecs;

const Ids = z.object({ ids: z.array(z.string()) });

export const opsPushes = {
  /** `seq` counts task changes (1, 2, …): a board that sees one skipped has missed a change and re-queries. */
  'tasks.changed': z.object({ ids: z.array(z.string()), seq: z.number() }),
  /** `seq` counts alert changes (1, 2, …): a queue that sees one skipped has missed a change and re-queries. */
  'alerts.changed': z.object({ ids: z.array(z.string()), seq: z.number() }),
  'units.changed': Ids,
  'incidents.changed': Ids,
  'resources.changed': Ids,
  'conflicts.changed': Ids,
  'timeline.appended': z.object({ entries: z.array(TimelineEntry) }),
  /** Raised when the disk is full (nothing more can be written); null when writes work again. */
  'storage.alarm': z.object({ alarm: StorageAlarm.nullable() }),
} satisfies PushSpecs;
