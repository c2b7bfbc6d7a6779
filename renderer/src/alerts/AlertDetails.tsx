import { useEffect, useState } from 'react';
import type { TimelineEntry } from '../../../native/api/ops.ts';
import { useDataLayer } from '../data/data-context.tsx';
import { mergeEntries } from '../data/timeline-feed.ts';
import { useReadOnly } from '../session/read-only.ts';
import { useSession } from '../session/session.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { useAlerts } from './alerts-context.tsx';
import { AlertActions } from './AlertActions.tsx';
import { CapExportButton } from './CapControls.tsx';
import { reportTrust, ReportTrustTag } from './report-trust.tsx';
import { ReportReview } from './ReportReview.tsx';

const historyLimit = 200;

/** One alert with its CAP fields, actions and its part of the activity log. */
export function AlertDetails({ alertId }: { alertId: string }) {
  const time = useTimeFormat();
  const layer = useDataLayer();
  const { alerts } = useAlerts();
  const { actor, actorName } = useSession();
  // Observers (and everyone in a replay) read only: exporting is publishing, which needs the right to raise alerts.
  const readOnly = useReadOnly();
  const mayRaise = actor !== null && readOnly === null;
  const [history, setHistory] = useState<TimelineEntry[]>([]);
  const alert = alerts.find((a) => a.id === alertId);

  // Queried once per alert; later lines come from the window's activity-log pushes.
  useEffect(() => {
    let current = true;
    let list: TimelineEntry[] | null = null;
    const early: TimelineEntry[] = [];
    const off = layer.onTimelineAppended((fresh) => {
      const mine = fresh.filter((e) => e.entityId === alertId);
      if (mine.length === 0) return;
      if (!list) early.push(...mine);
      else setHistory((list = mergeEntries(list, mine, historyLimit)));
    });
    setHistory([]);
    layer.read('timeline.query', { entityId: alertId, limit: historyLimit }).then(
      (answer) => current && setHistory((list = mergeEntries(answer, early, historyLimit))),
      () => {},
    );
    return () => {
      current = false;
      off();
    };
  }, [layer, alertId]);

  // Keyboard users land here after raising or opening an alert, when nothing else holds the focus.
  const shown = alert !== undefined;
  useEffect(() => {
    if (shown && (document.activeElement === document.body || document.activeElement === null)) document.getElementById('alert-details-title')?.focus();
  }, [shown, alertId]);

  if (!alert) return <p className="placeholder">This alert is closed; tick “Closed too” in the queue to see it.</p>;
  const trust = reportTrust(alert);
  return (
    <article className="alert-details" aria-labelledby="alert-details-title" data-testid="alert-details" data-status={alert.status}>
      <header>
        <h3 id="alert-details-title" tabIndex={-1}>
          {alert.title}
        </h3>
        <div className="task-meta">
          <span className={`severity-tag severity-tag-${alert.severity}`}>{alert.severity}</span>
          <span className={`alert-status alert-status-${alert.status}`}>{alert.status}</span>
          {alert.escalation > 0 && <span className="escalation">Escalation L{alert.escalation}</span>}
          {alert.occurrences > 1 && <span className="occurrences">×{alert.occurrences} reports</span>}
          {trust && <ReportTrustTag trust={trust} />}
        </div>
      </header>
      <dl className="facts">
        <dt>Urgency</dt>
        <dd>{alert.urgency}</dd>
        <dt>Certainty</dt>
        <dd>{alert.certainty}</dd>
        <dt>Source</dt>
        <dd>{alert.source}</dd>
        <dt>Raised</dt>
        <dd>
          <time dateTime={new Date(alert.raisedAt).toISOString()} title={time.full(alert.raisedAt)}>{time.short(alert.raisedAt)}</time> by {actorName(alert.raisedBy)}
        </dd>
      </dl>
      {alert.description && <p className="description">{alert.description}</p>}
      {alert.source === 'report' && <ReportReview alert={alert} />}
      <AlertActions alert={alert} />
      {mayRaise && <CapExportButton alert={alert} />}
      <section className="task-section" aria-labelledby="alert-history-title">
        <h4 id="alert-history-title">History</h4>
        <ol className="history">
          {[...history].reverse().map((h) => (
            <li key={h.id}>
              <time dateTime={new Date(h.at).toISOString()} title={time.full(h.at)}>{time.short(h.at)}</time> <strong>{actorName(h.actorId)}</strong> {h.summary}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
