import type { Database } from 'better-sqlite3';
import type { Recording } from '../record/format.ts';
import type { SourceRows } from './source.ts';

/** HLC texts start with the wall time as 15 digits, so a text range is a time range. */
const hlcBound = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

type Row = SourceRows['forecasts'][number];

/** Who the people and departments are: a roster's, or the ops directory's. */
export interface PeopleOf {
  people: readonly { id: string; name: string; department: string }[];
  departments: readonly { id: string; name: string }[];
}

const peopleOf = (roster: PeopleOf) => ({
  people: roster.people.map((p) => ({ id: p.id, name: p.name, department: p.department })),
  departments: roster.departments.map((d) => ({ id: d.id, name: d.name })),
});

/** The rows of [from, to) in an operations store: events, forecasts requested in it and their recommended tasks, and inject events up to `to`. */
export function rowsFromStore(db: Database, window: { from: number; to: number }, roster: PeopleOf): SourceRows {
  const events = db
    .prepare<[string, string], SourceRows['events'][number]>('SELECT id, hlc, actor, type, entity, payload FROM events WHERE hlc >= ? AND hlc < ? ORDER BY hlc')
    .all(hlcBound(window.from), hlcBound(window.to));
  const injectEvents = db
    // Through the inject entities and the events' entity index: a long live log is not scanned.
    .prepare<[string], SourceRows['events'][number]>("SELECT id, hlc, actor, type, entity, payload FROM events WHERE entity IN (SELECT id FROM entities WHERE kind = 'inject') AND hlc < ? ORDER BY hlc")
    .all(hlcBound(window.to));
  const forecasts = db.prepare<[number, number], Row>('SELECT * FROM forecasts WHERE requested_at >= ? AND requested_at < ? ORDER BY requested_at').all(window.from, window.to);
  const recommendations = db
    .prepare<[number, number], Row>('SELECT * FROM recommendations WHERE forecast_id IN (SELECT id FROM forecasts WHERE requested_at >= ? AND requested_at < ?) ORDER BY created_at')
    .all(window.from, window.to);
  return { window, events, injectEvents, forecasts, recommendations, ...peopleOf(roster) };
}

/** The first and last event times of a store, for a report over everything when no window is given. */
export function storeSpan(db: Database): { from: number; to: number } | null {
  const span = db.prepare<[], { first: string | null; last: string | null }>('SELECT min(hlc) AS first, max(hlc) AS last FROM events').get();
  if (!span?.first || !span.last) return null;
  return { from: Number(span.first.slice(0, 15)), to: Number(span.last.slice(0, 15)) + 1 };
}

/** The rows a recording carries (its window, events, forecasts and recommendations, its roster's people). */
export function rowsFromRecording(rec: Recording): SourceRows {
  const injectEvents = rec.events.filter((e) => e.type.startsWith('inject.'));
  return { window: rec.window, events: rec.events, injectEvents, forecasts: rec.forecasts, recommendations: rec.recommendations, ...peopleOf(rec.roster) };
}

/** The ids of the sensors the store knows: those an MSEL's sensor-anomaly injects may name. */
export function storeSensorIds(db: Database): string[] {
  return db.prepare<[], string>('SELECT id FROM sensors ORDER BY id').pluck().all();
}
