import type { Database } from 'better-sqlite3';
import { recordedTables, type Recording } from '../record/format.ts';

type Row = Recording['forecasts'][number];

const time = (v: Row[string] | undefined): number | null => (typeof v === 'number' ? v : null);

/**
 * The forecasts and recommendations as the room saw them at `t`: those requested (made) by then,
 * a forecast that had not ended yet still running, a recommendation decided later still a draft.
 */
export function forecastRowsAt(rec: Recording, t: number): { forecasts: Row[]; recommendations: Row[] } {
  const forecasts = rec.forecasts
    .filter((f) => (time(f.requested_at) ?? Infinity) <= t)
    .map((f) => {
      const ended = time(f.ended_at);
      return ended !== null && ended <= t ? f : { ...f, state: 'running', ended_at: null, error: null, wall_seconds: null, impacts: null, alerts: null };
    });
  const shown = new Set(forecasts.map((f) => f.id));
  const recommendations = rec.recommendations
    .filter((r) => shown.has(r.forecast_id ?? null) && (time(r.created_at) ?? Infinity) <= t)
    .map((r) => {
      const decided = time(r.decided_at);
      return decided === null || decided <= t ? r : { ...r, status: 'draft', decided_by: null, decided_at: null, reason: null, task_id: null };
    });
  return { forecasts, recommendations };
}

/** Every forecast moment, sorted: the replay steps at each. */
export function forecastMoments(rec: Recording): number[] {
  const all: number[] = [];
  for (const f of rec.forecasts) for (const v of [f.requested_at, f.ended_at]) if (typeof v === 'number') all.push(v);
  for (const r of rec.recommendations) for (const v of [r.created_at, r.decided_at]) if (typeof v === 'number') all.push(v);
  return all.sort((a, b) => a - b);
}

/** Replaces the store's forecast and recommendation rows with those at `t`. */
export function writeForecastsAt(db: Database, rec: Recording, t: number): void {
  const { forecasts, recommendations } = forecastRowsAt(rec, t);
  const insert = (section: 'forecasts' | 'recommendations', rows: Row[]) => {
    const { table, columns } = recordedTables[section];
    const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const row of rows) stmt.run(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
  };
  db.transaction(() => {
    db.exec('DELETE FROM recommendations; DELETE FROM forecasts;');
    insert('forecasts', forecasts);
    insert('recommendations', recommendations);
  })();
}
