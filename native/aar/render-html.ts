// The report as one self-contained HTML page (inline CSS and SVG, no scripts), with a print
// stylesheet: what `polder aar --out` writes and the desktop app prints to PDF.
import { escapeHtml as h } from './escape.ts';
import type { InjectResponse } from './compare.ts';
import type { AarReport } from './report.ts';
import { barChart } from './svg-chart.ts';
import { durationStats, type DurationStats } from './stats.ts';

const clock = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(11, 19));
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** Seconds as "4 min 05 s", "1 h 02 min" or "−30 s" (a negative lead: the water came first). */
export function duration(s: number | null): string {
  if (s === null) return '—';
  const sign = s < 0 ? '−' : '';
  const a = Math.round(Math.abs(s));
  if (a < 60) return `${sign}${a} s`;
  if (a < 3600) return `${sign}${Math.floor(a / 60)} min ${String(a % 60).padStart(2, '0')} s`;
  return `${sign}${Math.floor(a / 3600)} h ${String(Math.floor((a % 3600) / 60)).padStart(2, '0')} min`;
}

const table = (head: readonly string[], rows: readonly (readonly string[])[], empty: string) =>
  rows.length === 0
    ? `<p class="empty">${h(empty)}</p>`
    : `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

/** Scoped to the report's element, so the app's print view can show the same fragment. */
const style = `
.aar-report { font: 13px/1.45 system-ui, sans-serif; color: #111; }
.aar-report h1 { font-size: 22px; margin: 0 0 4px; } .aar-report h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #999; }
.aar-report .meta { color: #444; margin: 0 0 12px; }
.aar-report table { border-collapse: collapse; width: 100%; margin: 6px 0; }
.aar-report th, .aar-report td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
.aar-report th { background: #eee; } .aar-report .num { white-space: nowrap; }
.aar-report .figures { display: flex; flex-wrap: wrap; gap: 8px; } .aar-report .figure { border: 1px solid #bbb; padding: 6px 10px; min-width: 120px; }
.aar-report .figure b { display: block; font-size: 20px; }
.aar-report .chart { width: 100%; max-width: 640px; height: auto; font: 10px system-ui, sans-serif; }
.aar-report .chart .bar { fill: #3a6ea5; } .aar-report .chart .grid { stroke: #ddd; } .aar-report .chart .axis { stroke: #333; } .aar-report .chart-title { font-weight: bold; }
.aar-report .empty { color: #555; font-style: italic; } .aar-report .diff { background: #fde9c8; }
@media print {
  .aar-report { font-size: 10pt; }
  .aar-report h2 { break-after: avoid; } .aar-report tr, .aar-report .chart, .aar-report .figure { break-inside: avoid; }
  .aar-report thead { display: table-header-group; } .aar-report .chart .bar { fill: #555; } .aar-report .diff { background: none; font-weight: bold; }
}`;

/** The page around the report when it stands alone (a file): centred on screen, A4 on paper. */
const pageStyle = `
body { margin: 24px auto; max-width: 1000px; padding: 0 16px; }
@media print { body { margin: 0; max-width: none; padding: 0; } @page { size: A4; margin: 14mm; } }`;


/** The report as one element with its own scoped style: what the app's print view shows. */
export function renderReportFragment(report: AarReport): string {
  const who = (id: string | null) => (id === null ? '—' : h(report.people[id]?.name ?? id));
  const dept = (id: string | null) => (id === null ? '—' : h(report.departments[id] ?? id));
  const stats = (s: DurationStats) => (s.count === 0 ? '—' : `${duration(s.median)} (mean ${duration(s.mean)}, max ${duration(s.max)})`);
  const s = report.decisionSummary;
  const sections = [
    `<h1>After-action report: ${h(report.title)}</h1>`,
    `<p class="meta">${h(stamp(report.window.from))} to ${h(stamp(report.window.to))} · ${[count(report.counts.events, 'logged event'), count(report.counts.forecasts, 'forecast'), count(report.counts.alerts, 'alert'), count(report.counts.drafts, 'recommended task')].join(', ')}</p>`,
    '<h2>Summary</h2>',
    `<div class="figures">${[
      ['Alerts raised', String(report.counts.alerts)],
      ['Acknowledged', String(report.alerts.filter((a) => a.acknowledgedAt !== null).length)],
      ['Drafts approved', `${s.approved}${s.approvedEdited ? ` (${s.approvedEdited} edited)` : ''}`],
      ['Drafts rejected', String(s.rejected)],
      ['Undecided', String(s.undecided)],
      ['Median time to decide', duration(s.timeToDecide.median)],
    ]
      .map(([k, v]) => `<div class="figure">${h(k!)}<b>${h(v!)}</b></div>`)
      .join('')}</div>`,
    barChart(`Alerts raised per ${report.bucketMinutes} min`, report.alertsRaised.map((b) => ({ label: clock(b.start).slice(0, 5), value: b.raised })), 'alerts'),
    '<h2>Alerts: lead time, acknowledgement and action</h2>',
    table(
      ['Raised', 'Alert', 'Severity', 'Predicted arrival', 'Lead time', 'Water observed', 'Acknowledged', 'First action'],
      report.alerts.map((a) => [
        clock(a.raisedAt),
        `${h(a.title)}<br><small>${h(a.source)}</small>`,
        h(a.severity),
        clock(a.predictedArrival),
        `<span class="num">${duration(a.leadSeconds)}</span>`,
        a.observedArrival === null ? '—' : `${clock(a.observedArrival)}<br><small>${h(a.observedAt ?? '')}</small>`,
        a.acknowledgedAt === null ? 'not acknowledged' : `${duration((a.acknowledgedAt - a.raisedAt) / 1000)} by ${who(a.acknowledgedBy)} (${dept(a.ackDepartment)})`,
        a.firstActionAt === null ? 'none' : `${duration((a.firstActionAt - a.raisedAt) / 1000)} by ${who(a.firstActionBy)} (${dept(a.actionDepartment)}): ${h(a.firstAction ?? '')}`,
      ]),
      'No alerts were raised in this window.',
    ),
    '<h2>Time to acknowledge and to act, per department</h2>',
    table(
      ['Department', 'Acknowledged', 'Median time to acknowledge', 'Acted', 'Median time to first task action'],
      report.departmentTimes.map((d) => [dept(d.department), `<span class="num">${d.ack.count}</span>`, stats(d.ack), `<span class="num">${d.act.count}</span>`, stats(d.act)]),
      'No alert was acknowledged or acted on.',
    ),
    report.departmentTimes.some((d) => d.ack.count > 0)
      ? barChart(
          'Median time to acknowledge per department',
          report.departmentTimes.filter((d) => d.ack.median !== null).map((d) => ({ label: d.department, value: d.ack.median! / 60, caption: duration(d.ack.median) })),
          'minutes',
        )
      : '',
    '<h2>Decisions against the model\'s recommendations</h2>',
    table(
      ['Drafted', 'Recommended task', 'Department', 'Decision', 'By', 'Time to decide', 'Reason'],
      report.decisions.map((d) => [clock(d.createdAt), h(d.title), dept(d.department), `${h(d.status)}${d.edited ? ' (edited)' : ''}`, who(d.decidedBy), duration(d.secondsToDecide), h(d.reason ?? '')]),
      'The model recommended no tasks in this window.',
    ),
  ];
  if (report.historical) {
    sections.push(
      '<h2>Against the recording: alerts</h2>',
      table(
        ['Alert', 'Then: time to acknowledge', 'Now: time to acknowledge'],
        report.historical.alerts.map((a) => [h(a.title), a.historicalRaised ? duration(a.historicalAck) : 'not raised', a.traineeRaised ? duration(a.traineeAck) : 'not raised']),
        'Neither raised alerts.',
      ),
      '<h2>Against the recording: decisions</h2>',
      table(
        ['Recommended task', 'Then', 'Now', 'Then: time to decide', 'Now: time to decide'],
        report.historical.decisions.map((d) => {
          const mark = (v: string) => (d.same ? v : `<span class="diff">${v}</span>`);
          return [h(d.title), mark(h(d.historical ?? 'not drafted')), mark(h(d.trainee ?? 'not drafted')), duration(d.historicalSeconds), duration(d.traineeSeconds)];
        }),
        'Neither had recommended tasks.',
      ),
    );
  }
  if (report.injects) sections.push(...injectSection(report.injects, who, dept));
  sections.push(
    '<h2>Timeline</h2>',
    table(
      ['Time', 'Department', 'Who', 'What'],
      report.timeline.map((t) => [clock(t.at), dept(t.department), t.actor === 'system' ? 'system' : who(t.actor), h(t.summary)]),
      'Nothing was logged in this window.',
    ),
  );
  return `<article class="aar-report"><style>${style}</style>${sections.join('\n')}</article>`;
}

type Name = (id: string | null) => string;

/** Each inject's plan and fate beside the receiving department's first action, the expected action and the evaluators' notes. */
function injectSection(injects: readonly InjectResponse[], who: Name, dept: Name): string[] {
  const delivered = injects.filter((r) => r.inject.deliveredAt !== null);
  const responded = durationStats(delivered.flatMap((r) => (r.responseSeconds === null ? [] : [r.responseSeconds])));
  const fate = (r: InjectResponse) => {
    const i = r.inject;
    if (i.status === 'skipped') return `skipped${i.skipReason ? `: ${h(i.skipReason)}` : ''}`;
    if (i.deliveredAt === null) return 'not delivered';
    return `${clock(i.deliveredAt)}${r.lateSeconds !== null && r.lateSeconds >= 60 ? `<br><small>${duration(r.lateSeconds)} late</small>` : ''}`;
  };
  const notes = (i: InjectResponse['inject']) =>
    [...(i.evaluatorNotes ? [`<small>MSEL:</small> ${h(i.evaluatorNotes)}`] : []), ...i.notes.map((n) => `${clock(n.at)} ${who(n.by)}: ${h(n.text)}`)].join('<br>') || '—';
  return [
    '<h2>Exercise injects: expected against done</h2>',
    `<p class="meta">${[
      count(delivered.length, 'inject') + ' delivered',
      `${injects.filter((r) => r.inject.status === 'skipped').length} skipped`,
      `${injects.filter((r) => r.inject.status === 'pending').length} not delivered`,
      `${responded.count} answered, median response ${duration(responded.median)}`,
    ].join(' · ')}</p>`,
    table(
      ['#', 'Planned', 'Delivered', 'To', 'Inject', 'Expected action', 'First action by the department', 'Response time', 'Evaluator notes'],
      injects.map((r) => {
        const i = r.inject;
        return [
          h(i.number),
          `${clock(i.plannedAt)}${i.at !== i.plannedAt ? `<br><small>delayed to ${clock(i.at)}</small>` : ''}`,
          fate(r),
          i.department === null ? h(i.to || 'all') : dept(i.department),
          `${h(i.method)}: ${h(i.synopsis)}${i.insertedBy ? `<br><small>inserted by ${who(i.insertedBy)}</small>` : ''}`,
          i.expectedAction ? h(i.expectedAction) : '—',
          r.respondedAt === null ? (i.deliveredAt === null ? '—' : 'none') : `${clock(r.respondedAt)} ${who(r.respondedBy)}: ${h(r.response ?? '')}`,
          `<span class="num">${duration(r.responseSeconds)}</span>`,
          notes(i),
        ];
      }),
      'No injects were planned.',
    ),
  ];
}

/** The report as one self-contained HTML page (inline CSS and SVG, no scripts): what `polder aar --out` writes. */
export function renderReportHtml(report: AarReport): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${h(`After-action report: ${report.title}`)}</title><style>${pageStyle}</style></head><body>${renderReportFragment(report)}</body></html>\n`;
}
