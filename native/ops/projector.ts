import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { fromRow, kindOf, type EventRow, type OpsEvent } from './event.ts';
import { emptyEntity, foldEntity, foldEvent, resolutionOf, settles, type Conflict, type EntityState } from './fold.ts';
import { timelineRow } from './timeline-row.ts';

interface EntityRow {
  id: string;
  kind: string;
  created: number;
  version: string;
  state: string;
  meta: string;
}

/** canonicalJson({ sets, stamps }) written by hand: stamps have a fixed shape and this runs per event. */
function metaJson(s: EntityState): string {
  const q = JSON.stringify;
  const stamps = Object.keys(s.stamps)
    .sort()
    .map((k) => {
      const t = s.stamps[k]!;
      return `${q(k)}:{"event":${q(t.event)},"hlc":${q(t.hlc)},"origin":${q(t.origin)}}`;
    });
  return `{"sets":${canonicalJson(s.sets)},"stamps":{${stamps.join(',')}}}`;
}

function toEntityRow(s: EntityState): EntityRow {
  return {
    id: s.id,
    kind: s.kind,
    created: s.created ? 1 : 0,
    version: s.version,
    state: canonicalJson(s.fields),
    meta: metaJson(s),
  };
}

function fromEntityRow(r: EntityRow): EntityState {
  const meta = JSON.parse(r.meta) as Pick<EntityState, 'stamps' | 'sets'>;
  return { id: r.id, kind: r.kind, created: r.created === 1, version: r.version, fields: JSON.parse(r.state), ...meta };
}

/**
 * Keeps the projection tables equal to the fold of the log. Runs inside the caller's transaction,
 * after the event row is stored. An event newer than everything its entity holds (every local
 * command) folds in place; an older one (a late remote event) refolds that entity from the log.
 */
export function createProjector(db: Database) {
  const s = {
    getEntity: db.prepare<[string], EntityRow>('SELECT * FROM entities WHERE id = ?'),
    putEntity: db.prepare<[EntityRow]>(
      'INSERT OR REPLACE INTO entities (id, kind, created, version, state, meta) VALUES (@id, @kind, @created, @version, @state, @meta)',
    ),
    entityEvents: db.prepare<[string], EventRow>('SELECT * FROM events WHERE entity = ? ORDER BY hlc, id'),
    entityEventsBefore: db.prepare<[string, string], EventRow>('SELECT * FROM events WHERE entity = ? AND hlc < ? ORDER BY hlc, id'),
    dropEntity: db.prepare<[string]>('DELETE FROM entities WHERE id = ?'),
    dropTimelineFrom: db.prepare<[string]>('DELETE FROM timeline WHERE hlc >= ?'),
    putConflict: db.prepare(
      'INSERT OR REPLACE INTO conflicts (entity, field, lost_event, kept_event, lost_value, kept_value, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    dropConflicts: db.prepare<[string]>('DELETE FROM conflicts WHERE entity = ?'),
    countConflicts: db.prepare<[], number>('SELECT count(*) FROM conflicts').pluck(),
    settleConflicts: db.prepare<[string, string, string]>('DELETE FROM conflicts WHERE entity = ? AND field = ? AND hlc <= ?'),
    putTimeline: db.prepare(
      'INSERT OR REPLACE INTO timeline (event_id, hlc, at, actor, department, type, kind, entity, summary, text) VALUES (@event_id, @hlc, @at, @actor, @department, @type, @kind, @entity, @summary, @text)',
    ),
  };

  function saveConflicts(conflicts: Conflict[]) {
    for (const c of conflicts) {
      s.putConflict.run(c.entity, c.field, c.lostEvent, c.keptEvent, canonicalJson(c.lostValue), canonicalJson(c.keptValue), c.hlc);
    }
  }

  /** Saves what folding one event made: its new conflicts, and the ones it resolves dropped. */
  function saveFolded(ev: OpsEvent, conflicts: Conflict[]) {
    saveConflicts(conflicts);
    const r = resolutionOf(ev);
    if (r) for (const [field, upTo] of Object.entries(r.upTo)) s.settleConflicts.run(r.entity, field, upTo);
  }

  function load(id: string): EntityState | null {
    const row = s.getEntity.get(id);
    return row ? fromEntityRow(row) : null;
  }

  /** Brings the projections up to date with one stored event; returns the conflicts it made. */
  function apply(ev: OpsEvent): Conflict[] {
    s.putTimeline.run(timelineRow(ev));
    const current = load(ev.entity);
    if (!current || ev.hlc > current.version) {
      const state = current ?? emptyEntity(ev.entity, kindOf(ev.type));
      const conflicts = foldEvent(state, ev);
      s.putEntity.run(toEntityRow(state));
      saveFolded(ev, conflicts);
      return conflicts;
    }
    const { state, conflicts } = foldEntity(ev.entity, s.entityEvents.all(ev.entity).map(fromRow));
    s.putEntity.run(toEntityRow(state));
    s.dropConflicts.run(ev.entity);
    saveConflicts(conflicts);
    return conflicts.filter((c) => c.hlc === ev.hlc);
  }

  /**
   * Drops every projection and folds the whole log again, in one transaction; with `before` (an
   * HLC text), only the events ordered before it (a replay's state at a time).
   */
  function rebuild(before?: string): { events: number; entities: number; conflicts: number } {
    let events = 0;
    let entities = 0;
    let conflicts = 0;
    db.transaction(() => {
      db.exec('DELETE FROM entities; DELETE FROM conflicts; DELETE FROM timeline;');
      let state: EntityState | null = null;
      const flush = () => {
        if (state) {
          s.putEntity.run(toEntityRow(state));
          entities++;
        }
      };
      for (const row of eventsByEntity(db, before)) {
        const ev = fromRow(row);
        if (!state || state.id !== ev.entity) {
          flush();
          state = emptyEntity(ev.entity, kindOf(ev.type));
        }
        const made = foldEvent(state, ev);
        saveFolded(ev, made);
        s.putTimeline.run(timelineRow(ev));
        events++;
      }
      flush();
      conflicts = s.countConflicts.get() ?? 0;
    })();
    return { events, entities, conflicts };
  }

  /**
   * Takes the projections back to the events ordered before `before` (an HLC text), when they now
   * hold a longer prefix of the log (a replay seeking back): drops the later events' timeline rows
   * and refolds only `entities`, the ones those later events touched, from their earlier events.
   */
  function rewind(before: string, entities: Iterable<string>): void {
    db.transaction(() => {
      s.dropTimelineFrom.run(before);
      for (const id of new Set(entities)) {
        const earlier = s.entityEventsBefore.all(id, before).map(fromRow);
        s.dropConflicts.run(id);
        if (earlier.length === 0) {
          s.dropEntity.run(id);
          continue;
        }
        const { state, conflicts } = foldEntity(id, earlier);
        s.putEntity.run(toEntityRow(state));
        saveConflicts(conflicts);
      }
    })();
  }

  return { apply, load, rebuild, rewind };
}

export type Projector = ReturnType<typeof createProjector>;

/** Every event (before the HLC `before`, if given) ordered by (entity, hlc, id), read in pages so the caller may write between pages. */
function* eventsByEntity(db: Database, before = '\uffff'): Generator<EventRow> {
  const first = db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE hlc < ? ORDER BY entity, hlc, id LIMIT ?');
  const next = db.prepare<[string, string, string, string, number], EventRow>(
    'SELECT * FROM events WHERE (entity, hlc, id) > (?, ?, ?) AND hlc < ? ORDER BY entity, hlc, id LIMIT ?',
  );
  const page = 2000;
  let rows = first.all(before, page);
  while (rows.length > 0) {
    yield* rows;
    const last = rows[rows.length - 1]!;
    rows = rows.length < page ? [] : next.all(last.entity, last.hlc, last.id, before, page);
  }
}

/**
 * Folds the whole log in memory and compares it with the stored projections, without writing:
 * what `polder db check` runs on a read-only connection.
 */
export function verifyProjections(db: Database): { ok: boolean; differing: { entities: number; conflicts: number; timeline: number } } {
  const entities: string[] = [];
  const conflicts: string[] = [];
  const timeline: string[] = [];
  let state: EntityState | null = null;
  let open: Conflict[] = [];
  const flush = () => {
    if (state) entities.push(canonicalJson(toEntityRow(state)));
    for (const c of open) {
      conflicts.push(
        canonicalJson({ entity: c.entity, field: c.field, lost_event: c.lostEvent, kept_event: c.keptEvent, lost_value: canonicalJson(c.lostValue), kept_value: canonicalJson(c.keptValue), hlc: c.hlc }),
      );
    }
    open = [];
  };
  for (const row of eventsByEntity(db)) {
    const ev = fromRow(row);
    if (!state || state.id !== ev.entity) {
      flush();
      state = emptyEntity(ev.entity, kindOf(ev.type));
    }
    open.push(...foldEvent(state, ev));
    const r = resolutionOf(ev);
    if (r) open = open.filter((c) => !settles(r, c));
    timeline.push(canonicalJson(timelineRow(ev)));
  }
  flush();
  const stored = dumpProjections(db);
  const differing = {
    entities: countDifferences(entities, stored.entities),
    conflicts: countDifferences(conflicts, stored.conflicts),
    timeline: countDifferences(timeline, stored.timeline),
  };
  return { ok: differing.entities + differing.conflicts + differing.timeline === 0, differing };
}

/** How many lines are in one list and not the other (as multisets). */
export function countDifferences(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) - 1);
  let n = 0;
  for (const v of counts.values()) n += Math.abs(v);
  return n;
}

/** The projection tables as canonical text, in a fixed order: equal text means equal projections. */
export function dumpProjections(db: Database): { entities: string[]; conflicts: string[]; timeline: string[] } {
  const rows = (sql: string) => (db.prepare(sql).all() as unknown[]).map((r) => canonicalJson(r));
  return {
    entities: rows('SELECT id, kind, created, version, state, meta FROM entities ORDER BY id'),
    conflicts: rows('SELECT * FROM conflicts ORDER BY entity, field, lost_event'),
    timeline: rows('SELECT * FROM timeline ORDER BY event_id'),
  };
}

export function projectionDigest(db: Database): string {
  const dump = dumpProjections(db);
  const hash = createHash('sha256');
  for (const part of [dump.entities, dump.conflicts, dump.timeline]) {
    for (const line of part) hash.update(line).update('\n');
    hash.update('\u0000');
  }
  return hash.digest('hex');
}
