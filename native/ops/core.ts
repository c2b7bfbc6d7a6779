import type { Database } from 'better-sqlite3';
import type { CallContext } from '../rpc/handlers.ts';
import { PolderError } from '../api/errors.ts';
import type { Actor, StorageAlarm } from '../api/ops.ts';
import type { Push, PushEvent } from '../api/index.ts';
import { storageError } from '../store/sqlite-errors.ts';
import type { BoardQuery } from './board.ts';
import type { Directory } from './directory.ts';
import type { EventPayload, Json, OpsEvent } from './event.ts';
import type { EventDraft, EventLog } from './event-log.ts';
import type { EntityState } from './fold.ts';
import { HlcOverflowError } from './hlc.ts';
import type { Projector } from './projector.ts';
import { timelineRow } from './timeline-row.ts';
import { timelineEntry, type Views } from './views.ts';
import type { Logger } from '../logger.ts';

export interface PushSink {
  emit<E extends PushEvent>(event: E, payload: Push[E]): void;
}

/** What every command needs: who is calling, reads, one-transaction writes, pushes. */
export interface OpsCore {
  db: Database;
  views: Views;
  board: BoardQuery;
  directory: Directory;
  now(): number;
  /** The signed-in actor of this call; unauthenticated when nobody is. */
  actor(ctx: CallContext): Actor;
  /** The entity folded so far; not_found unless it exists as that kind. */
  entity(id: string, kind: string, label: string): EntityState;
  /** Writes the drafts as events (with projections and outbox rows) in ONE transaction. */
  write(actor: Actor | 'system', drafts: EventDraft[]): OpsEvent[];
  emit: PushSink['emit'];
  /** Pushes tasks.changed with the next sequence number. */
  tasksChanged(ids: string[]): void;
  /** The sequence number of the latest tasks.changed push (0 before any). */
  taskSeq(): number;
  /** Pushes alerts.changed with the next sequence number. */
  alertsChanged(ids: string[]): void;
  /** The sequence number of the latest alerts.changed push (0 before any). */
  alertSeq(): number;
  alarm(): StorageAlarm | null;
}

/**
 * The fields of an update, with the version of each value its author saw, so a merge can tell an
 * edit over a value nobody showed them (a conflict) from a deliberate one. `seen` is the entity
 * version the author's screen showed; without it (system writes, scripts that read then write at
 * once) the author saw the state as it is now.
 */
export function change(state: EntityState | null, set: Record<string, Json | undefined>, summary: string, dept: string | null, text?: string, seen?: string): EventPayload {
  const fields: Record<string, Json> = {};
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    fields[k] = v;
    const saw = sawStamp(state?.stamps[k]?.hlc, seen);
    if (saw) base[k] = saw;
  }
  return { set: fields, ...(Object.keys(base).length ? { base } : {}), summary, dept, ...(text ? { text } : {}) };
}

/**
 * The base of one field: the stamp of the value the author saw when the screen's version still
 * shows it, not the screen's version itself. An entity version is later than the field's stamp
 * whenever another field changed since, and a concurrent edit from another node can carry a stamp
 * between the two (its clock behind, or written earlier): against the entity version it would
 * pass as seen, against the field's own stamp it is the conflict it is.
 */
function sawStamp(current: string | undefined, seen: string | undefined): string | undefined {
  if (seen === undefined) return current;
  if (current === undefined) return undefined;
  return current <= seen ? current : seen;
}

/** The fields among `fields` that someone changed after the version `seen`: editing them now makes a conflict. */
export function unseenChanges(state: EntityState, fields: readonly string[], seen: string | undefined): string[] {
  if (seen === undefined) return [];
  return fields.filter((f) => (state.stamps[f]?.hlc ?? '') > seen);
}

export interface CoreDeps {
  db: Database;
  log: EventLog;
  projector: Projector;
  views: Views;
  board: BoardQuery;
  directory: Directory;
  now(): number;
  push: PushSink;
  logger: Pick<Logger, 'error'>;
  /** Runs after every committed write (the chain-head anchor follows the log). */
  committed?(): void;
}

export function createCore(deps: CoreDeps): OpsCore {
  const { db, log, projector, directory, push, logger } = deps;
  let storageAlarm: StorageAlarm | null = null;
  let taskSeq = 0;
  let alertSeq = 0;

  function actor(ctx: CallContext): Actor {
    const id = ctx.session.actorId;
    if (!id) throw new PolderError('unauthenticated', 'Sign in first: choose who you are (session.login)');
    const found = directory.actors.find((a) => a.id === id);
    if (!found) throw new PolderError('unauthenticated', `The signed-in actor "${id}" is not in the directory; sign in again`);
    return found;
  }

  function entity(id: string, kind: string, label: string): EntityState {
    const state = projector.load(id);
    if (!state || state.kind !== kind || !state.created) throw new PolderError('not_found', `No ${label} with id "${id}"`);
    return state;
  }

  function write(who: Actor | 'system', drafts: EventDraft[]): OpsEvent[] {
    const actorId = who === 'system' ? 'system' : who.id;
    let events: OpsEvent[];
    let conflicted: string[];
    try {
      [events, conflicted] = db.transaction((): [OpsEvent[], string[]] => {
        const out = drafts.map((d) => log.appendLocal(actorId, d));
        return [out.map((o) => o.event), out.filter((o) => o.conflicts.length > 0).map((o) => o.event.entity)];
      })();
    } catch (err) {
      if (err instanceof HlcOverflowError) throw new PolderError('unavailable', `Too many changes in one millisecond; try again (${err.message})`);
      const typed = storageError(err);
      if (typed?.code === 'storage_full') {
        if (!storageAlarm) {
          storageAlarm = { kind: 'storage_full', message: typed.message, since: deps.now() };
          logger.error('disk full: the operations log cannot be written', err);
          push.emit('storage.alarm', { alarm: storageAlarm });
        }
      }
      throw typed ?? err;
    }
    deps.committed?.();
    if (storageAlarm) {
      storageAlarm = null;
      push.emit('storage.alarm', { alarm: null });
    }
    push.emit('timeline.appended', { entries: events.map((e) => timelineEntry(timelineRow(e))) });
    if (conflicted.length) push.emit('conflicts.changed', { ids: [...new Set(conflicted)] });
    return events;
  }

  const emit: PushSink['emit'] = (event, payload) => push.emit(event, payload);
  const tasksChanged = (ids: string[]) => push.emit('tasks.changed', { ids, seq: ++taskSeq });
  const alertsChanged = (ids: string[]) => push.emit('alerts.changed', { ids, seq: ++alertSeq });
  return {
    db, views: deps.views, board: deps.board, directory, now: deps.now, actor, entity, write, emit,
    tasksChanged, taskSeq: () => taskSeq, alertsChanged, alertSeq: () => alertSeq, alarm: () => storageAlarm,
  };
}

/** Ensures a department id exists in the directory. */
export function requireDepartment(core: OpsCore, id: string): void {
  if (!core.directory.departments.some((d) => d.id === id)) throw new PolderError('not_found', `No department "${id}"`);
}
