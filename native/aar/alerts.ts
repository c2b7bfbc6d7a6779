// Each alert of the window from raise to acknowledgement to the first task action on it, and for a
// forecast's alerts the water's predicted (and, where a gauge saw it, observed) arrival.
import type { AarSource, Draft, ForecastRun, LogEvent } from './source.ts';
import { durationStats, seconds, type DurationStats } from './stats.ts';

export interface AlertFigure {
  id: string;
  title: string;
  source: string;
  severity: string;
  /** The alert's place and cause (one open alert per key), or null. */
  key: string | null;
  raisedAt: number;
  /** The forecast that raised it, and the asset it is about. */
  forecastId: string | null;
  asset: string | null;
  predictedArrival: number | null;
  /** Predicted arrival minus raised: the warning the alert gave. */
  leadSeconds: number | null;
  /** When a water-level gauge near the asset first passed its warning level, and which gauge. */
  observedArrival: number | null;
  observedAt: string | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  ackDepartment: string | null;
  firstActionAt: number | null;
  firstActionBy: string | null;
  actionDepartment: string | null;
  firstAction: string | null;
  closedAt: number | null;
}

export interface DepartmentTimes {
  department: string;
  /** Raised → acknowledged, grouped by the department of whoever acknowledged. */
  ack: DurationStats;
  /** Raised → first action on a task for it, grouped by the task's department. */
  act: DurationStats;
}

/** A gauge within this distance of an asset stands for the water there. */
const nearGaugeMeters = 250;

function metersBetween([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

const pointOf = (area: unknown): [number, number] | null => {
  const a = area as { type?: unknown; coordinates?: unknown } | null;
  if (a?.type !== 'Point' || !Array.isArray(a.coordinates)) return null;
  const [lon, lat] = a.coordinates as unknown[];
  return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;
};

/** The gauge warning nearest the place, within nearGaugeMeters. */
function nearest<W extends { point: [number, number] | null }>(warnings: readonly W[], place: readonly [number, number]): W | undefined {
  let best: { w: W; d: number } | undefined;
  for (const w of warnings) {
    const d = w.point ? metersBetween(w.point, place) : Infinity;
    if (d <= nearGaugeMeters && (!best || d < best.d)) best = { w, d };
  }
  return best?.w;
}

/** The forecast that raised each alert, with what it predicted there. */
function raisingForecasts(forecasts: readonly ForecastRun[]) {
  const by = new Map<string, { forecast: ForecastRun; asset: string; leadSeconds: number | null; lonLat: [number, number] | null }>();
  for (const f of forecasts) {
    for (const a of f.alerts) {
      if (a.action !== 'raised' || by.has(a.alertId)) continue;
      const lonLat = f.impacts.find((i) => i.id === a.asset)?.lonLat ?? null;
      by.set(a.alertId, { forecast: f, asset: a.asset, leadSeconds: a.leadSeconds, lonLat });
    }
  }
  return by;
}

/** Task ids acting on each alert: tasks made for it, and tasks approved from a draft for its asset. */
function tasksByAlert(events: readonly LogEvent[], drafts: readonly Draft[], assetOf: Map<string, string>) {
  const tasks = new Map<string, Set<string>>();
  const link = (alertId: string, taskId: string) => (tasks.get(alertId) ?? tasks.set(alertId, new Set()).get(alertId)!).add(taskId);
  for (const e of events) if (e.type === 'task.created' && typeof e.set?.alertId === 'string') link(e.set.alertId, e.entity);
  for (const [alertId, asset] of assetOf) for (const d of drafts) if (d.target === asset && d.taskId) link(alertId, d.taskId);
  return tasks;
}

export function alertFigures(source: AarSource): AlertFigure[] {
  const { events } = source;
  const raisedBy = raisingForecasts(source.forecasts);
  const assetOf = new Map([...raisedBy].map(([id, r]) => [id, r.asset]));
  const taskLinks = tasksByAlert(events, source.drafts, assetOf);
  const byEntity = new Map<string, LogEvent[]>();
  for (const e of events) (byEntity.get(e.entity) ?? byEntity.set(e.entity, []).get(e.entity)!).push(e);
  const taskDept = new Map(events.filter((e) => e.type === 'task.created').map((e) => [e.entity, typeof e.set?.department === 'string' ? e.set.department : e.dept]));
  const warnings = events
    .filter((e) => e.type === 'alert.raised' && typeof e.set?.dedupeKey === 'string' && /^sensor:.+:warning$/.test(e.set.dedupeKey))
    .map((e) => ({ at: e.at, title: String(e.set?.title ?? ''), point: pointOf(e.set?.area) }));

  return events
    .filter((e) => e.type === 'alert.raised')
    .map((raised): AlertFigure => {
      const set = raised.set ?? {};
      const raisedAt = typeof set.raisedAt === 'number' ? set.raisedAt : raised.at;
      const own = byEntity.get(raised.entity) ?? [];
      const ack = own.find((e) => e.type === 'alert.acknowledged');
      const closed = own.find((e) => e.type === 'alert.resolved' || e.type === 'alert.dismissed');
      const actions = [...(taskLinks.get(raised.entity) ?? [])].flatMap((task) => (byEntity.get(task) ?? []).filter((e) => e.type.startsWith('task.')));
      const first = actions.sort((a, b) => a.at - b.at)[0];
      const forecast = raisedBy.get(raised.entity);
      const predictedArrival = forecast && forecast.leadSeconds !== null ? forecast.forecast.requestedAt + forecast.leadSeconds * 1000 : null;
      const near = forecast?.lonLat ? nearest(warnings, forecast.lonLat) : undefined;
      return {
        id: raised.entity,
        title: String(set.title ?? raised.summary),
        source: String(set.source ?? ''),
        severity: String(set.severity ?? ''),
        key: typeof set.dedupeKey === 'string' ? set.dedupeKey : null,
        raisedAt,
        forecastId: forecast?.forecast.id ?? null,
        asset: forecast?.asset ?? null,
        predictedArrival,
        leadSeconds: predictedArrival === null ? null : seconds(raisedAt, predictedArrival),
        observedArrival: near?.at ?? null,
        observedAt: near?.title ?? null,
        acknowledgedAt: ack?.at ?? null,
        acknowledgedBy: ack?.actor ?? null,
        ackDepartment: ack?.dept ?? null,
        firstActionAt: first?.at ?? null,
        firstActionBy: first?.actor ?? null,
        actionDepartment: first ? (taskDept.get(first.entity) ?? first.dept) : null,
        firstAction: first?.summary ?? null,
        closedAt: closed?.at ?? null,
      };
    })
    .sort((a, b) => a.raisedAt - b.raisedAt || (a.leadSeconds ?? Infinity) - (b.leadSeconds ?? Infinity) || a.title.localeCompare(b.title));
}

/** Times to acknowledge and to act, per department, in the order of the source's departments. */
export function departmentTimes(alerts: readonly AlertFigure[], departments: readonly { id: string }[]): DepartmentTimes[] {
  const ids = [...new Set([...departments.map((d) => d.id), ...alerts.flatMap((a) => [a.ackDepartment, a.actionDepartment]).filter((d): d is string => d !== null)])];
  return ids
    .map((department) => ({
      department,
      ack: durationStats(alerts.filter((a) => a.ackDepartment === department && a.acknowledgedAt !== null).map((a) => seconds(a.raisedAt, a.acknowledgedAt!))),
      act: durationStats(alerts.filter((a) => a.actionDepartment === department && a.firstActionAt !== null).map((a) => seconds(a.raisedAt, a.firstActionAt!))),
    }))
    .filter((d) => d.ack.count > 0 || d.act.count > 0);
}
