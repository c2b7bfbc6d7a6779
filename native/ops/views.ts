import type { Database } from 'better-sqlite3';
import type { Actor, Alert, ConflictRecord, Incident, ResourceRequest, Task, TimelineEntry, Unit } from '../api/ops.ts';
import { alertQueueRank } from './alert-rank.ts';
import { decodeHlc } from './hlc.ts';
import { alertAllowedActions, isClosedTask, isLoudAlert, taskRights } from './rights.ts';
import type { TimelineRow } from './timeline-row.ts';

type Fields = Record<string, unknown>;

interface Row {
  id: string;
  version: string;
  state: string;
}

/** An entity row with the number of merged concurrent edits recorded against it. */
export interface CountedRow extends Row {
  conflicts: number;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const updatedAt = (r: Row) => decodeHlc(r.version).wall;
const parse = (r: Row) => JSON.parse(r.state) as Fields;

/** Read models of the projection rows. `now` comes from the app clock and decides overdue. */
export function createViews(db: Database) {
  const s = {
    one: db.prepare<[string, string], Row>('SELECT id, version, state FROM entities WHERE id = ? AND kind = ? AND created = 1'),
    all: db.prepare<[string], Row>('SELECT id, version, state FROM entities WHERE kind = ? AND created = 1 ORDER BY id'),
    conflictCount: db.prepare<[string], number>('SELECT count(*) FROM conflicts WHERE entity = ?').pluck(),
  };
  const counted = (r: Row): CountedRow => ({ ...r, conflicts: s.conflictCount.get(r.id) ?? 0 });

  function alert(r: Row, actor: Actor): Alert {
    const f = parse(r);
    const facts = { title: str(f.title), status: str(f.status, 'raised') as Alert['status'], escalation: num(f.escalation), severity: str(f.severity, 'Unknown') as Alert['severity'] };
    const raisedAt = num(f.raisedAt);
    return {
      id: r.id,
      source: str(f.source, 'field') as Alert['source'],
      title: str(f.title),
      description: str(f.description),
      severity: str(f.severity, 'Unknown') as Alert['severity'],
      urgency: str(f.urgency, 'Unknown') as Alert['urgency'],
      certainty: str(f.certainty, 'Unknown') as Alert['certainty'],
      area: (f.area ?? null) as Alert['area'],
      status: str(f.status, 'raised') as Alert['status'],
      escalation: num(f.escalation),
      dedupeKey: strOrNull(f.dedupeKey),
      occurrences: num(f.occurrences, 1),
      incidentId: strOrNull(f.incidentId),
      raisedAt,
      raisedBy: str(f.raisedBy),
      updatedAt: updatedAt(r),
      conflicts: s.conflictCount.get(r.id) ?? 0,
      loud: isLoudAlert(facts),
      allowedActions: alertAllowedActions(actor, facts),
      queueRank: alertQueueRank({ id: r.id, severity: facts.severity, escalation: facts.escalation, raisedAt }),
    };
  }

  function unit(r: Row): Unit {
    const f = parse(r);
    return {
      id: r.id,
      name: str(f.name),
      kind: str(f.kind, 'crew') as Unit['kind'],
      department: str(f.department),
      status: str(f.status, 'available') as Unit['status'],
      location: (f.location ?? null) as Unit['location'],
      quantity: numOrNull(f.quantity),
      note: str(f.note),
      updatedAt: updatedAt(r),
    };
  }

  function incident(r: Row): Incident {
    const f = parse(r);
    return {
      id: r.id,
      name: str(f.name),
      description: str(f.description),
      phase: str(f.phase, 'monitoring') as Incident['phase'],
      departments: Array.isArray(f.departments) ? (f.departments as string[]) : [],
      createdAt: num(f.createdAt),
      updatedAt: updatedAt(r),
    };
  }

  function request(r: Row): ResourceRequest {
    const f = parse(r);
    return {
      id: r.id,
      department: str(f.department),
      kind: str(f.kind, 'crew') as ResourceRequest['kind'],
      quantity: num(f.quantity, 1),
      reason: str(f.reason),
      location: (f.location ?? null) as ResourceRequest['location'],
      taskId: strOrNull(f.taskId),
      status: str(f.status, 'requested') as ResourceRequest['status'],
      unitId: strOrNull(f.unitId),
      decisionNote: str(f.decisionNote),
      decidedBy: strOrNull(f.decidedBy),
      requestedBy: str(f.requestedBy),
      requestedAt: num(f.requestedAt),
      updatedAt: updatedAt(r),
    };
  }

  const getter =
    <T>(kind: string, view: (r: Row) => T) =>
    (id: string): T | null => {
      const r = s.one.get(id, kind);
      return r ? view(r) : null;
    };
  const lister =
    <T>(kind: string, view: (r: Row) => T) =>
    (): T[] =>
      s.all.all(kind).map(view);

  return {
    task: (id: string, now: number, actor: Actor) => {
      const r = s.one.get(id, 'task');
      return r ? taskView(counted(r), now, actor) : null;
    },
    alert: (id: string, actor: Actor) => {
      const r = s.one.get(id, 'alert');
      return r ? alert(r, actor) : null;
    },
    alerts: (actor: Actor) => s.all.all('alert').map((r) => alert(r, actor)),
    unit: getter('unit', unit),
    units: lister('unit', unit),
    incident: getter('incident', incident),
    incidents: lister('incident', incident),
    request: getter('request', request),
    requests: lister('request', request),
  };
}

export type Views = ReturnType<typeof createViews>;

const priorityRank = { critical: 0, high: 1, normal: 2, low: 3 } as const;
/** Fixed-width base-36 digits that sort (as strings) as the numbers do, for any safe integer. */
const sortable = (n: number) => (Math.floor(n) + Number.MAX_SAFE_INTEGER).toString(36).padStart(11, '0');

/** A task's board row for `actor`: its fields, overdue by `now`, and what the actor may do with it. */
export function taskView(r: CountedRow, now: number, actor: Actor): Task {
  const f = parse(r);
  const status = str(f.status, 'new') as Task['status'];
  const priority = str(f.priority, 'normal') as Task['priority'];
  const dueAt = numOrNull(f.dueAt);
  const createdAt = num(f.createdAt);
  const title = str(f.title);
  const department = str(f.department);
  const unitId = strOrNull(f.unitId);
  const closed = isClosedTask(status);
  const overdue = dueAt !== null && dueAt < now && !closed;
  return {
    id: r.id,
    title,
    description: str(f.description),
    department,
    unitId,
    priority,
    status,
    dueAt,
    location: (f.location ?? null) as Task['location'],
    alertId: strOrNull(f.alertId),
    incidentId: strOrNull(f.incidentId),
    createdAt,
    createdBy: str(f.createdBy),
    updatedAt: updatedAt(r),
    version: r.version,
    overdue,
    conflicts: r.conflicts,
    closed,
    ...taskRights(actor, { title, department, status, unitId }),
    // Overdue first, then priority, then soonest due (none last), then oldest, then id.
    boardRank: `${overdue ? 0 : 1}${priorityRank[priority] ?? 2}${dueAt === null ? '~' : sortable(dueAt)}${sortable(createdAt)}${r.id}`,
  };
}

export function timelineEntry(r: TimelineRow): TimelineEntry {
  return { id: r.event_id, at: r.at, actorId: r.actor, department: r.department, type: r.type, kind: r.kind, entityId: r.entity, summary: r.summary, text: r.text };
}

export interface TimelineFilter {
  department?: string;
  actorId?: string;
  entityId?: string;
  kind?: string;
  text?: string;
  since?: number;
  until?: number;
  limit: number;
}

/** The activity log, newest first. */
export function queryTimeline(db: Database, f: TimelineFilter): TimelineEntry[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.department !== undefined) add('department = ?', f.department);
  if (f.actorId !== undefined) add('actor = ?', f.actorId);
  if (f.entityId !== undefined) add('entity = ?', f.entityId);
  if (f.kind !== undefined) add('kind = ?', f.kind);
  if (f.since !== undefined) add('at >= ?', f.since);
  if (f.until !== undefined) add('at < ?', f.until);
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add("(summary LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')", like, like);
  }
  const sql = `SELECT * FROM timeline ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY hlc DESC LIMIT ?`;
  return (db.prepare(sql).all(...params, f.limit) as TimelineRow[]).map(timelineEntry);
}

interface ConflictRow {
  entity: string;
  entity_kind: string | null;
  entity_version: string | null;
  kept_actor: string | null;
  field: string;
  lost_event: string;
  kept_event: string;
  lost_value: string;
  kept_value: string;
  hlc: string;
  lost_actor: string | null;
}

export function queryConflicts(db: Database, entityId?: string): ConflictRecord[] {
  const rows = db
    .prepare(
      `SELECT c.*, e.actor AS lost_actor, k.actor AS kept_actor, n.kind AS entity_kind, n.version AS entity_version
       FROM conflicts c LEFT JOIN events e ON e.id = c.lost_event LEFT JOIN events k ON k.id = c.kept_event LEFT JOIN entities n ON n.id = c.entity
       ${entityId ? 'WHERE c.entity = ?' : ''} ORDER BY c.hlc DESC`,
    )
    .all(...(entityId ? [entityId] : [])) as ConflictRow[];
  return rows.map((r) => ({
    entityId: r.entity,
    entityKind: r.entity_kind ?? '',
    entityVersion: r.entity_version ?? '',
    field: r.field,
    keptValue: JSON.parse(r.kept_value) as unknown,
    lostValue: JSON.parse(r.lost_value) as unknown,
    keptEventId: r.kept_event,
    lostEventId: r.lost_event,
    keptActorId: r.kept_actor,
    lostActorId: r.lost_actor,
    at: decodeHlc(r.hlc).wall,
  }));
}
