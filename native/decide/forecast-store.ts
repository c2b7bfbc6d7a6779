// Forecast records in the operations store (migration 011): one row per forecast, written when it
// starts and completed when it ends.
import type { Database } from 'better-sqlite3';
import type { ForecastAlert, ForecastImpact, ForecastRecord } from '../api/decide.ts';

interface Row {
  id: string;
  scenario: string;
  requested_by: string;
  requested_at: number;
  trigger: ForecastRecord['trigger'];
  inputs: string;
  name: string | null;
  base_id: string | null;
  state: ForecastRecord['state'];
  started_from: ForecastRecord['startedFrom'];
  start_seconds: number | null;
  end_seconds: number | null;
  ended_at: number | null;
  error: string | null;
  wall_seconds: number | null;
  impacts: string | null;
  alerts: string | null;
}

export interface ForecastStart {
  id: string;
  scenario: string;
  requestedBy: string;
  requestedAt: number;
  trigger: ForecastRecord['trigger'];
  inputs: Record<string, unknown>;
  name?: string | null;
  baseId?: string | null;
}

export interface ForecastEnd {
  state: Exclude<ForecastRecord['state'], 'running'>;
  endedAt: number;
  error?: string | null;
  startedFrom?: ForecastRecord['startedFrom'];
  startSeconds?: number;
  endSeconds?: number;
  wallSeconds?: number;
  impacts?: ForecastImpact[];
  alerts?: ForecastAlert[];
}

export type ForecastStore = ReturnType<typeof createForecastStore>;

export function createForecastStore(db: Database) {
  const insert = db.prepare('INSERT INTO forecasts (id, scenario, requested_by, requested_at, trigger, inputs, name, base_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, \'running\')');
  const finish = db.prepare(
    "UPDATE forecasts SET state = ?, ended_at = ?, error = ?, started_from = ?, start_seconds = ?, end_seconds = ?, wall_seconds = ?, impacts = ?, alerts = ? WHERE id = ? AND state = 'running'",
  );
  const interrupt = db.prepare("UPDATE forecasts SET state = 'interrupted', ended_at = ? WHERE state = 'running'");
  const byId = db.prepare<[string], Row>('SELECT * FROM forecasts WHERE id = ?');
  const newest = db.prepare<[number], Row>('SELECT * FROM forecasts ORDER BY requested_at DESC, rowid DESC LIMIT ?');

  const record = (r: Row): ForecastRecord => ({
    id: r.id,
    scenario: r.scenario,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    trigger: r.trigger,
    inputs: JSON.parse(r.inputs) as Record<string, unknown>,
    name: r.name,
    baseId: r.base_id,
    state: r.state,
    startedFrom: r.started_from,
    startSeconds: r.start_seconds,
    endSeconds: r.end_seconds,
    endedAt: r.ended_at,
    error: r.error,
    wallSeconds: r.wall_seconds,
    impacts: r.impacts ? (JSON.parse(r.impacts) as ForecastImpact[]) : null,
    alerts: r.alerts ? (JSON.parse(r.alerts) as ForecastAlert[]) : null,
  });

  return {
    start(f: ForecastStart): void {
      insert.run(f.id, f.scenario, f.requestedBy, f.requestedAt, f.trigger, JSON.stringify(f.inputs), f.name ?? null, f.baseId ?? null);
    },
    end(id: string, e: ForecastEnd): void {
      finish.run(e.state, e.endedAt, e.error ?? null, e.startedFrom ?? null, e.startSeconds ?? null, e.endSeconds ?? null, e.wallSeconds ?? null, e.impacts ? JSON.stringify(e.impacts) : null, e.alerts ? JSON.stringify(e.alerts) : null, id);
    },
    /** Forecasts a previous process left running (it ended before they did). */
    interruptStale(at: number): void {
      interrupt.run(at);
    },
    get(id: string): ForecastRecord | null {
      const row = byId.get(id);
      return row ? record(row) : null;
    },
    newest(limit: number): ForecastRecord[] {
      return newest.all(limit).map(record);
    },
  };
}
