// The after-action report as figures (what --json prints and the HTML shows), computed from a
// window of the log alone: the same log gives the same report.
import { alertFigures, departmentTimes, type AlertFigure, type DepartmentTimes } from './alerts.ts';
import { compareAlerts, compareDecisions, injectResponses, type AlertComparison, type DecisionComparison, type InjectResponse } from './compare.ts';
import { decisionFigures, decisionSummary, type DecisionFigure, type DecisionSummary } from './decisions.ts';
import type { Inject } from '../api/exercise.ts';
import type { AarSource } from './source.ts';

export interface TimelineEntry {
  at: number;
  department: string | null;
  actor: string;
  type: string;
  summary: string;
}

export interface AlertBucket {
  start: number;
  raised: number;
}

export interface AarReport {
  window: { from: number; to: number };
  title: string;
  people: Record<string, { name: string; department: string }>;
  departments: Record<string, string>;
  counts: { events: number; forecasts: number; alerts: number; drafts: number };
  timeline: TimelineEntry[];
  alerts: AlertFigure[];
  /** Alerts raised per bucket of `bucketMinutes`, from the window's start. */
  bucketMinutes: number;
  alertsRaised: AlertBucket[];
  departmentTimes: DepartmentTimes[];
  decisions: DecisionFigure[];
  decisionSummary: DecisionSummary;
  /** Against a recording of the same event: null when none was given. */
  historical: { alerts: AlertComparison[]; decisions: DecisionComparison[] } | null;
  /** The exercise's injects beside what was done: null outside an exercise. */
  injects: InjectResponse[] | null;
}

export interface ReportOptions {
  title: string;
  historical?: AarSource;
  /** An MSEL's injects to use instead of the log's (a plan run outside the data folder). */
  injects?: readonly Inject[];
}

/** The bucket width that gives at most 24 bars over the window. */
function bucketMinutesFor(window: { from: number; to: number }): number {
  const minutes = (window.to - window.from) / 60_000;
  return [5, 10, 15, 30, 60, 120, 360, 720, 1440].find((m) => minutes / m <= 24) ?? Math.ceil(minutes / 24 / 1440) * 1440;
}

function alertBuckets(alerts: readonly AlertFigure[], window: { from: number; to: number }, minutes: number): AlertBucket[] {
  const width = minutes * 60_000;
  const n = Math.max(1, Math.ceil((window.to - window.from) / width));
  const buckets = Array.from({ length: n }, (_, i) => ({ start: window.from + i * width, raised: 0 }));
  for (const a of alerts) {
    const i = Math.floor((a.raisedAt - window.from) / width);
    if (i >= 0 && i < n) buckets[i]!.raised++;
  }
  return buckets;
}

function injectsOf(source: AarSource, options: ReportOptions): InjectResponse[] | null {
  const injects = options.injects ?? source.injects;
  return injects.length === 0 && !options.injects ? null : injectResponses(injects, source);
}

export function buildReport(source: AarSource, options: ReportOptions): AarReport {
  const alerts = alertFigures(source);
  const decisions = decisionFigures(source);
  const bucketMinutes = bucketMinutesFor(source.window);
  const historical = options.historical
    ? { alerts: compareAlerts(alertFigures(options.historical), alerts), decisions: compareDecisions(decisionFigures(options.historical), decisions) }
    : null;
  return {
    window: source.window,
    title: options.title,
    people: Object.fromEntries(source.people.map((p) => [p.id, { name: p.name, department: p.department }])),
    departments: Object.fromEntries(source.departments.map((d) => [d.id, d.name])),
    counts: { events: source.events.length, forecasts: source.forecasts.length, alerts: alerts.length, drafts: decisions.length },
    timeline: [
      ...source.events.map((e) => ({ at: e.at, department: e.dept, actor: e.actor, type: e.type, summary: e.summary })),
      ...source.forecasts.map((f) => ({ at: f.requestedAt, department: null, actor: f.requestedBy, type: 'forecast.requested', summary: `Forecast requested (${f.trigger}): ${f.state}, ${f.alerts.length} alert(s)` })),
    ].sort((a, b) => a.at - b.at),
    alerts,
    bucketMinutes,
    alertsRaised: alertBuckets(alerts, source.window, bucketMinutes),
    departmentTimes: departmentTimes(alerts, source.departments),
    decisions,
    decisionSummary: decisionSummary(decisions),
    historical,
    injects: injectsOf(source, options),
  };
}
