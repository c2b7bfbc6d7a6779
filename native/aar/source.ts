// What an after-action report is computed from: the ops events, forecast records and recommended
// tasks of a window (and an exercise's injects), as stored rows, whether read from a data folder or
// from a recording.
import type { ForecastAlert, ForecastImpact } from '../api/decide.ts';
import type { EventPayload } from '../ops/event.ts';
import type { Inject } from '../api/exercise.ts';
import { decodeHlc } from '../ops/hlc.ts';
import { injectsFromLog, injectsInWindow } from './injects.ts';

type Row = Record<string, string | number | null>;
type StoredEvent = { id: string; hlc: string; actor: string; type: string; entity: string; payload: string };

export interface SourceRows {
  window: { from: number; to: number };
  /** Events as stored: id, hlc, actor, type, entity, payload (JSON text). */
  events: readonly StoredEvent[];
  /** The inject events up to the window's end, before its start too (an exercise plans its injects at STARTEX). */
  injectEvents: readonly StoredEvent[];
  forecasts: readonly Row[];
  recommendations: readonly Row[];
  people: readonly { id: string; name: string; department: string }[];
  departments: readonly { id: string; name: string }[];
}

export interface LogEvent {
  id: string;
  at: number;
  actor: string;
  type: string;
  entity: string;
  dept: string | null;
  summary: string;
  set: EventPayload['set'];
  text: string | null;
}

export interface ForecastRun {
  id: string;
  requestedAt: number;
  requestedBy: string;
  trigger: string;
  state: string;
  endedAt: number | null;
  alerts: ForecastAlert[];
  impacts: ForecastImpact[];
}

export interface Draft {
  id: string;
  forecastId: string;
  kind: string;
  target: string;
  department: string;
  title: string;
  status: string;
  createdAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  taskId: string | null;
}

export interface AarSource {
  window: { from: number; to: number };
  /** In log (HLC) order, which is time order. */
  events: LogEvent[];
  forecasts: ForecastRun[];
  drafts: Draft[];
  people: SourceRows['people'];
  departments: SourceRows['departments'];
  /** The exercise's injects (none outside an exercise), as injects.ts folds them from the log. */
  injects: Inject[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const json = <T>(v: unknown, empty: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : empty);

/** In log order: HLC text order is (wall, counter, node), so events of one instant (a paused exercise clock) keep their order. */
function toLogEvents(stored: readonly StoredEvent[]): LogEvent[] {
  return [...stored]
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id.localeCompare(b.id)))
    .map((e): LogEvent => {
      const payload = JSON.parse(e.payload) as EventPayload;
      return { id: e.id, at: decodeHlc(e.hlc).wall, actor: e.actor, type: e.type, entity: e.entity, dept: payload.dept ?? null, summary: payload.summary, set: payload.set, text: payload.text ?? null };
    });
}

export function toSource(rows: SourceRows): AarSource {
  const events = toLogEvents(rows.events);
  const forecasts = rows.forecasts.map((f): ForecastRun => ({
    id: text(f.id),
    requestedAt: num(f.requested_at) ?? 0,
    requestedBy: text(f.requested_by),
    trigger: text(f.trigger),
    state: text(f.state),
    endedAt: num(f.ended_at),
    alerts: json<ForecastAlert[]>(f.alerts, []),
    impacts: json<ForecastImpact[]>(f.impacts, []),
  }));
  const drafts = rows.recommendations.map((r): Draft => ({
    id: text(r.id),
    forecastId: text(r.forecast_id),
    kind: text(r.kind),
    target: text(r.target),
    department: text(r.department),
    title: text(r.title),
    status: text(r.status),
    createdAt: num(r.created_at) ?? 0,
    decidedBy: typeof r.decided_by === 'string' ? r.decided_by : null,
    decidedAt: num(r.decided_at),
    reason: typeof r.reason === 'string' ? r.reason : null,
    taskId: typeof r.task_id === 'string' ? r.task_id : null,
  }));
  const injects = injectsInWindow(injectsFromLog(toLogEvents(rows.injectEvents)), rows.window);
  return { window: rows.window, events, forecasts, drafts, people: rows.people, departments: rows.departments, injects };
}
